import { useTranslation } from "react-i18next";
import type { ImportPreview } from "../../../server/import/prepareImport";
import { formatFixed } from "../../i18n/format";

const LAYOUT_NAMES: Record<ImportPreview["layout"], string> = {
  native: "upload.layout.native",
  sustech: "upload.layout.sustech",
  "kitti-object": "upload.layout.kittiObject",
  "kitti-tracking": "upload.layout.kittiTracking",
  argoverse: "upload.layout.argoverse",
  openlabel: "upload.layout.openlabel",
  nuscenes: "upload.layout.nuscenes",
};

/** What an upload holds, before it is imported. */
export function ImportSummary({ preview }: { preview: ImportPreview }) {
  const { t } = useTranslation();
  const span = preview.timeSpanUs ? (preview.timeSpanUs.lastUs - preview.timeSpanUs.firstUs) / 1e6 : 0;
  return (
    <div data-testid="import-summary">
      <dl className="summary">
        <dt>{t("upload.summary.layout")}</dt>
        <dd data-testid="summary-layout">{t(LAYOUT_NAMES[preview.layout])}</dd>
        <dt>{t("upload.summary.frames")}</dt>
        <dd data-testid="summary-frames">{preview.frames}</dd>
        <dt>{t("upload.summary.cameras")}</dt>
        <dd data-testid="summary-cameras">
          {preview.cameras.length}{" "}
          {preview.cameras.length > 0 && <span className="muted">({preview.cameras.join(", ")})</span>}
        </dd>
        <dt>{t("upload.summary.boxes")}</dt>
        <dd data-testid="summary-boxes">{preview.boxes}</dd>
        <dt>{t("upload.summary.tracks")}</dt>
        <dd data-testid="summary-tracks">{preview.tracks}</dd>
        <dt>{t("upload.summary.timeSpan")}</dt>
        <dd data-testid="summary-span">{formatFixed(span, 2)} s</dd>
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
          {t("upload.duplicateOf", { name: preview.duplicateOf.name })}
        </p>
      )}
    </div>
  );
}
