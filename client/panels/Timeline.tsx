import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import { setFrame, stepFrame } from "../editor/commands/frames";
import type { Editor } from "../editor/createEditor";
import { trackSpans } from "../editor/selectors";

const ROW_PX = 6;
const MAX_ROWS = 24;

/** A mark above the track rows: a frame with QA findings, coloured by the worst severity. */
export interface TimelineMark {
  frameIndex: number;
  severity: "error" | "warning" | "info";
}

const MARK_COLOR: Record<TimelineMark["severity"], string> = {
  error: "#ff4d4d",
  warning: "#ffb347",
  info: "#8fa3bf",
};

/** Frame slider, step and play buttons, QA marks, and one row per track showing the frames it has a box in. */
export function Timeline({
  editor,
  marks = [],
  issueFrames = [],
}: {
  editor: Editor;
  marks?: readonly TimelineMark[];
  /** Frames with pinned review issues, and whether any there is still open. */
  issueFrames?: ReadonlyArray<{ frameIndex: number; open: boolean }>;
}) {
  const { t } = useTranslation();
  const frameIndex = useEditorState(editor, (s) => s.frameIndex);
  const frameCount = useEditorState(editor, (s) => s.frameCount);
  const playing = useEditorState(editor, (s) => s.playing);
  const cuboids = useEditorState(editor, (s) => s.cuboids);
  const selectedTrackId = useEditorState(editor, (s) => s.selectedTrackId);
  const needsReview = useEditorState(editor, (s) => s.needsReview);
  const spans = trackSpans(cuboids);
  const shown = spans.slice(0, MAX_ROWS);
  const colorOf = (name: string) => editor.classes.find((c) => c.name === name)?.color ?? "#999";
  const xPct = (i: number) => (frameCount <= 1 ? 0 : (i / (frameCount - 1)) * 100);
  return (
    <section className="timeline" data-testid="timeline">
      <div className="timeline-controls">
        <button
          type="button"
          data-testid="prev-frame"
          onClick={() => stepFrame(editor, -1)}
          title={t("timeline.previousTitle")}
        >
          ◂
        </button>
        <button
          type="button"
          data-testid="play"
          onClick={() => editor.store.update((s) => ({ playing: !s.playing }))}
          title={t("timeline.playTitle")}
        >
          {playing ? "❚❚" : "▶"}
        </button>
        <button
          type="button"
          data-testid="next-frame"
          onClick={() => stepFrame(editor, 1)}
          title={t("timeline.nextTitle")}
        >
          ▸
        </button>
        <input
          type="range"
          data-testid="frame-slider"
          min={0}
          max={Math.max(0, frameCount - 1)}
          value={frameIndex}
          onChange={(e) => setFrame(editor, Number(e.target.value))}
          onKeyDown={(e) => e.preventDefault()}
          // Keys go back to the shortcuts once the slider is let go (focused, it would swallow them).
          onPointerUp={(e) => e.currentTarget.blur()}
          aria-label={t("timeline.frameSlider")}
        />
        <span className="muted">
          {frameIndex + 1}/{frameCount}
        </span>
      </div>
      {marks.length > 0 && (
        <svg className="qa-marks" width="100%" height={6} data-testid="qa-marks">
          {marks.map((m) => (
            <rect
              key={m.frameIndex}
              data-frame={m.frameIndex}
              x={`${xPct(m.frameIndex) - 25 / Math.max(1, frameCount - 1)}%`}
              width={`${50 / Math.max(1, frameCount - 1)}%`}
              y={0}
              height={6}
              fill={MARK_COLOR[m.severity]}
              onClick={() => setFrame(editor, m.frameIndex)}
            >
              <title>{t("timeline.qaMark", { frame: m.frameIndex + 1 })}</title>
            </rect>
          ))}
        </svg>
      )}
      {issueFrames.length > 0 && (
        <svg className="issue-marks" width="100%" height={10} data-testid="issue-marks">
          {issueFrames.map((m) => (
            <text
              key={m.frameIndex}
              data-testid="issue-mark"
              data-frame={m.frameIndex}
              x={`${xPct(m.frameIndex)}%`}
              y={9}
              textAnchor="middle"
              fontSize={10}
              fill={m.open ? "#ff8c1a" : "#999"}
              onClick={() => setFrame(editor, m.frameIndex)}
            >
              ◆<title>{t("review.issueMarkTitle", { frame: m.frameIndex + 1 })}</title>
            </text>
          ))}
        </svg>
      )}
      <svg
        className="track-spans"
        width="100%"
        height={Math.max(1, shown.length) * ROW_PX + 2}
        data-testid="track-spans"
      >
        <defs>
          {/* Machine-made, untouched boxes: the class colour dimmed under white hatching. */}
          <pattern
            id="machine-hatch"
            width="4"
            height="4"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="4" stroke="#fff" strokeWidth="1.5" strokeOpacity="0.7" />
          </pattern>
        </defs>
        {shown.map((span, row) =>
          span.frames.map((f) => {
            const machine = span.machineFrames.has(f);
            const review = needsReview.get(span.cuboidIds.get(f) ?? "");
            const x = `${xPct(f) - 50 / Math.max(1, frameCount - 1)}%`;
            const width = `${100 / Math.max(1, frameCount - 1)}%`;
            const opacity = (span.trackId === selectedTrackId ? 1 : 0.45) * (machine ? 0.6 : 1);
            return (
              <g
                key={`${span.trackId}:${f}`}
                data-testid="span-cell"
                data-track={span.trackId}
                data-frame={f}
                data-machine={machine ? "true" : "false"}
                data-needs-review={review ?? undefined}
                onClick={() => {
                  setFrame(editor, f);
                  editor.store.update({ selectedTrackId: span.trackId });
                }}
              >
                {review && <title>{t("timeline.needsReview", { reason: review })}</title>}
                <rect
                  x={x}
                  width={width}
                  y={row * ROW_PX + 1}
                  height={ROW_PX - 1}
                  fill={colorOf(span.className)}
                  opacity={opacity}
                />
                {machine && (
                  <rect
                    x={x}
                    width={width}
                    y={row * ROW_PX + 1}
                    height={ROW_PX - 1}
                    fill="url(#machine-hatch)"
                  />
                )}
                {review && (
                  <rect
                    x={x}
                    width={width}
                    y={row * ROW_PX + 1}
                    height={ROW_PX - 1}
                    fill="none"
                    stroke="#ff4d4d"
                    strokeWidth={1.5}
                  />
                )}
              </g>
            );
          }),
        )}
        <line
          x1={`${xPct(frameIndex)}%`}
          x2={`${xPct(frameIndex)}%`}
          y1={0}
          y2="100%"
          stroke="#fff"
          strokeWidth={1}
        />
      </svg>
      {spans.length > MAX_ROWS && (
        <span className="muted">{t("timeline.moreTracks", { count: spans.length - MAX_ROWS })}</span>
      )}
    </section>
  );
}
