import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { QaFinding, QaSeverity } from "../../core/qa/QaFinding";
import { useEditorState } from "../app/useEditorState";
import { setFrame } from "../editor/commands/frames";
import { applyQaFix } from "../editor/commands/qaFixes";
import type { Editor } from "../editor/createEditor";
import { qaFindingText, qaFixLabel, qaHint, qaKindLabel, qaSeverityLabel } from "../i18n/qaLabels";
import type { QaFramePoints } from "./QaPanelFindings";
import { trackLabel } from "../i18n/trackLabel";

const SEVERITY_MARK: Record<QaSeverity, string> = { error: "●", warning: "▲", info: "○" };

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
  const { t } = useTranslation();
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
        <strong>{t("qa.title")}</strong>
        {counts.map(([s, n]) => (
          <span key={s} className={`qa-${s}`} title={`${qaSeverityLabel(s)}: ${n}`}>
            {SEVERITY_MARK[s]} {n}
          </span>
        ))}
        <label>
          <input
            type="checkbox"
            checked={onlyThisFrame}
            onChange={(e) => setOnlyThisFrame(e.target.checked)}
          />{" "}
          {t("qa.thisFrame")}
        </label>
      </header>
      {shown.length === 0 ? (
        <p className="muted">{findings.length === 0 ? t("qa.none") : t("qa.noneInFrame")}</p>
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
              <button type="button" className="qa-go" onClick={() => goTo(editor, f)} title={qaHint(f.kind)}>
                <span className={`qa-${f.severity}`}>{SEVERITY_MARK[f.severity]}</span>{" "}
                <span className="qa-kind">{qaKindLabel(f.kind)}</span>{" "}
                <span className="muted">
                  {t("qa.where", { frame: f.frameIndex + 1, track: trackLabel(f.trackId) })}
                </span>
                <span className="qa-message">{qaFindingText(f)}</span>
              </button>
              {f.fix && (
                <button
                  type="button"
                  data-testid="qa-fix"
                  title={t("qa.fixTitle")}
                  onClick={() => {
                    goTo(editor, f);
                    applyQaFix(editor, f, points);
                  }}
                >
                  {qaFixLabel(f.fix)}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {shown.length > 200 && <p className="muted">{t("qa.more", { count: shown.length - 200 })}</p>}
    </section>
  );
}
