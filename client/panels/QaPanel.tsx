import { useState } from "react";
import type { QaFinding, QaSeverity } from "../../core/qa/QaFinding";
import { useEditorState } from "../app/useEditorState";
import { setFrame } from "../editor/commands/frames";
import { applyQaFix } from "../editor/commands/qaFixes";
import type { Editor } from "../editor/createEditor";
import type { QaFramePoints } from "./QaPanelFindings";

const SEVERITY_MARK: Record<QaSeverity, string> = { error: "●", warning: "▲", info: "○" };

const FIX_LABEL: Record<NonNullable<QaFinding["fix"]>, string> = {
  "unify-size": "Unify size",
  "flip-heading": "Flip",
  "heading-to-motion": "Align heading",
  "fill-gap": "Interpolate",
  "delete-duplicate": "Delete",
  "snap-to-ground": "Snap to ground",
};

/** Goes to the finding's frame and selects its track. */
function goTo(editor: Editor, f: QaFinding): void {
  setFrame(editor, f.frameIndex);
  editor.store.update({ selectedTrackId: f.trackId });
}

/**
 * The sequence's QA findings (core/qa): severity, kind, frame, track and message; a click goes to
 * the frame and selects the box; Fix applies the finding's one-click fix as one undoable step.
 * "This frame" narrows the list to the frame on screen.
 */
export function QaPanel({
  editor,
  findings,
  current,
}: {
  editor: Editor;
  findings: readonly QaFinding[];
  current: QaFramePoints | null;
}) {
  const frameIndex = useEditorState(editor, (s) => s.frameIndex);
  const selectedTrackId = useEditorState(editor, (s) => s.selectedTrackId);
  const [onlyThisFrame, setOnlyThisFrame] = useState(false);
  const shown = onlyThisFrame ? findings.filter((f) => f.frameIndex === frameIndex) : findings;
  const counts = (["error", "warning", "info"] as const).map(
    (s) => [s, findings.filter((f) => f.severity === s).length] as const,
  );
  const points = (k: number) => (current && current.frameIndex === k ? current.index : null);
  return (
    <section className="qa-panel" data-testid="qa-panel">
      <header>
        <strong>QA</strong>
        {counts.map(([s, n]) => (
          <span key={s} className={`qa-${s}`} title={`${n} ${s}${n === 1 ? "" : "s"}`}>
            {SEVERITY_MARK[s]} {n}
          </span>
        ))}
        <label>
          <input
            type="checkbox"
            checked={onlyThisFrame}
            onChange={(e) => setOnlyThisFrame(e.target.checked)}
          />{" "}
          this frame
        </label>
      </header>
      {shown.length === 0 ? (
        <p className="muted">{findings.length === 0 ? "No findings." : "No findings in this frame."}</p>
      ) : (
        <ul>
          {shown.slice(0, 200).map((f) => (
            <li
              key={`${f.kind}:${f.frameIndex}:${f.trackId}:${f.boxId ?? ""}`}
              data-testid="qa-finding"
              data-kind={f.kind}
              data-severity={f.severity}
              className={`${f.frameIndex === frameIndex && f.trackId === selectedTrackId ? "selected" : ""}`}
            >
              <button type="button" className="qa-go" onClick={() => goTo(editor, f)} title={f.message}>
                <span className={`qa-${f.severity}`}>{SEVERITY_MARK[f.severity]}</span>{" "}
                <span className="qa-kind">{f.kind}</span>{" "}
                <span className="muted">
                  frame {f.frameIndex + 1} · track {f.trackId}
                </span>
                <span className="qa-message">{f.message}</span>
              </button>
              {f.fix && (
                <button
                  type="button"
                  data-testid="qa-fix"
                  onClick={() => {
                    goTo(editor, f);
                    applyQaFix(editor, f, points);
                  }}
                >
                  {FIX_LABEL[f.fix]}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 200 && <p className="muted">+{shown.length - 200} more</p>}
    </section>
  );
}
