import type { ImportPreview } from "../../../server/import/prepareImport";

const LAYOUT_NAMES: Record<ImportPreview["layout"], string> = {
  native: "Cuboidal native",
  sustech: "SUSTechPOINTS scene",
  "kitti-object": "KITTI object",
  "kitti-tracking": "KITTI tracking",
  argoverse: "Argoverse 1 log",
};

/** What an upload holds, before it is imported. */
export function ImportSummary({ preview }: { preview: ImportPreview }) {
  const span = preview.timeSpanUs ? (preview.timeSpanUs.lastUs - preview.timeSpanUs.firstUs) / 1e6 : 0;
  return (
    <div data-testid="import-summary">
      <dl className="summary">
        <dt>Layout</dt>
        <dd data-testid="summary-layout">{LAYOUT_NAMES[preview.layout]}</dd>
        <dt>Frames</dt>
        <dd data-testid="summary-frames">{preview.frames}</dd>
        <dt>Cameras</dt>
        <dd data-testid="summary-cameras">
          {preview.cameras.length}{" "}
          {preview.cameras.length > 0 && <span className="muted">({preview.cameras.join(", ")})</span>}
        </dd>
        <dt>Boxes</dt>
        <dd data-testid="summary-boxes">{preview.boxes}</dd>
        <dt>Tracks</dt>
        <dd data-testid="summary-tracks">{preview.tracks}</dd>
        <dt>Time span</dt>
        <dd data-testid="summary-span">{span.toFixed(2)} s</dd>
      </dl>
      {preview.warnings.length > 0 && (
        <ul className="warnings" data-testid="summary-warnings">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {preview.duplicateOf && (
        <p className="error" data-testid="summary-duplicate">
          This recording was imported before as “{preview.duplicateOf.name}”.
        </p>
      )}
    </div>
  );
}
