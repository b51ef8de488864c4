import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DiffSummary } from "../../../core/review/diffSnapshots";
import type { ReviewDiffView } from "../../app/useReviewDiff";
import { useEditorState } from "../../app/useEditorState";
import type { Editor } from "../../editor/createEditor";
import { selectedCuboid } from "../../editor/selectors";
import { authorLabel } from "../../i18n/codeLabels";
import { formatFixed } from "../../i18n/format";

const f = (v: number | null | undefined, digits: number) => (v == null ? "—" : formatFixed(v, digits));

function SummaryRow({ name, s }: { name: string; s: DiffSummary }) {
  return (
    <tr>
      <td>{name}</td>
      <td>
        {s.changed}/{s.boxes}
      </td>
      <td>{f(s.minBevIou, 2)}</td>
      <td>{f(s.maxCenterDistanceM, 2)}</td>
      <td>{f(s.maxHeadingDiffDeg, 1)}</td>
    </tr>
  );
}

/**
 * What review changed: the selected box against its earlier version (drawn as a ghost in the views)
 * in BEV IoU, centre (m), heading (°) and size (m); the task's and each annotator's totals; and a
 * form to compare any two revisions instead of last submission → now.
 */
export function BoxDiffPanel({ editor, view }: { editor: Editor; view: ReviewDiffView }) {
  const { t } = useTranslation();
  const selected = useEditorState(editor, selectedCuboid);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const { diff } = view;
  const change = diff && selected ? diff.boxes.find((b) => b.cuboidId === selected.id) : null;
  const d = change?.difference;
  return (
    <section className="box-diff" data-testid="box-diff">
      <header>
        <strong>{t("review.changes")}</strong>{" "}
        {diff && (
          <span className="muted" data-testid="diff-range">
            {t("review.revRange", { from: diff.fromRevision, to: diff.toRevision })}
          </span>
        )}
      </header>
      {selected && change && (
        <dl
          className="diff-numbers"
          data-testid="diff-box"
          data-change={change.change}
          data-iou={d?.bevIou}
          data-center-m={d?.centerDistanceM}
          data-heading-deg={d?.headingDiffDeg}
          data-size-m={d?.sizeDiffM}
        >
          <dt>{t("review.boxLabel")}</dt>
          <dd>
            {t(`review.change.${change.change}`)}
            {change.beforeBy ? t("review.wasBy", { name: authorLabel(change.beforeBy) }) : ""}
          </dd>
          <dt>{t("review.iou")}</dt>
          <dd data-testid="diff-iou">{f(d?.bevIou, 3)}</dd>
          <dt>{t("review.centre")}</dt>
          <dd data-testid="diff-center">{f(d?.centerDistanceM, 2)} m</dd>
          <dt>{t("review.heading")}</dt>
          <dd data-testid="diff-heading">{f(d?.headingDiffDeg, 1)}°</dd>
          <dt>{t("review.size")}</dt>
          <dd data-testid="diff-size">{f(d?.sizeDiffM, 2)} m</dd>
        </dl>
      )}
      {diff && (
        <table className="diff-summary" data-testid="diff-summary">
          <thead>
            <tr>
              <th />
              <th>{t("review.colChanged")}</th>
              <th>{t("review.colIou")}</th>
              <th>{t("review.colMaxM")}</th>
              <th>{t("review.colMaxDeg")}</th>
            </tr>
          </thead>
          <tbody>
            <SummaryRow name={t("review.task")} s={diff.summary} />
            {Object.entries(diff.byAnnotator).map(([who, s]) => (
              <SummaryRow key={who} name={authorLabel(who)} s={s} />
            ))}
          </tbody>
        </table>
      )}
      <form
        className="diff-compare"
        onSubmit={(e) => {
          e.preventDefault();
          const n = (v: string) => (v.trim() === "" ? undefined : Number(v));
          view.compare({ from: n(from), to: n(to) });
        }}
      >
        <input
          data-testid="diff-from"
          inputMode="numeric"
          placeholder={t("review.fromRev")}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <input
          data-testid="diff-to"
          inputMode="numeric"
          placeholder={t("review.toRev")}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
        <button type="submit" data-testid="diff-compare">
          {t("review.compare")}
        </button>
      </form>
      {view.error && <p className="muted">{view.error}</p>}
    </section>
  );
}
