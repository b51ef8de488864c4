import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { errorTypeLabel, taskStateLabel } from "../../i18n/codeLabels";
import { formatDateTime, formatNumber } from "../../i18n/format";
import { navigate } from "../useRoute";
import type { Me } from "../session";
import { apiClient, ok, okChecked, pathParam } from "../apiClient";
import { useApiCall } from "../useApiCall";
import { AnalyticsSettingsForm } from "./AnalyticsSettingsForm";
import { EChart } from "./EChart";
import { FigureTable } from "./FigureTable";
import {
  machineBoxesOption,
  progressOption,
  reasonsOption,
  secondsPerBoxOption,
  throughputOption,
} from "./teamChartOptions";
import { useCsvBlobUrl } from "./useCsvBlobUrl";
import type { ClientResponse } from "hono/client";
import type { z } from "zod";
import {
  ledgerSchema,
  peopleFiguresSchema,
  progressSchema,
  reviewFiguresSchema,
  stretchesSchema,
  taskFiguresSchema,
} from "../../../core/api/analytics";

/** Figures of one route that answers JSON or CSV: its JSON checked against the route's declared schema. */
function useFigures<S extends z.ZodType>(
  load: (() => Promise<ClientResponse<unknown, number, string>>) | null,
  schema: S,
  projectId: string | undefined,
) {
  return useApiCall(load ? () => okChecked(load(), schema) : null, [projectId]);
}

/**
 * Figures of one project's people: the team for its leads and admins, one's own for anyone else
 * (the server decides what each may see). Charts (ECharts) above tables with CSV downloads.
 */
export function TeamPage({ me, projectId }: { me: Me; projectId: string | null }) {
  const { t } = useTranslation();
  const project = me.projects.find((p) => p.id === projectId) ?? me.projects[0];
  const manager = me.user.isAdmin || project?.role === "lead" || project?.role === "admin";
  const base = project ? `/api/projects/${encodeURIComponent(project.id)}/analytics` : null;
  const id = project?.id;
  const analytics = apiClient.api.projects[":id"].analytics;
  const param = { id: pathParam(id ?? "") };
  const when = <T,>(load: () => T) => (id ? load : null);
  const people = useFigures(
    when(() => analytics.people.$get({ param, query: {} })),
    peopleFiguresSchema,
    id,
  );
  const stretches = useFigures(
    when(() => analytics.stretches.$get({ param, query: {} })),
    stretchesSchema,
    id,
  );
  const tasks = useFigures(
    when(() => analytics.tasks.$get({ param, query: {} })),
    taskFiguresSchema,
    id,
  );
  const ledger = useFigures(
    when(() => analytics.ledger.$get({ param, query: {} })),
    ledgerSchema,
    id,
  );
  const progress = useFigures(
    when(() => analytics.progress.$get({ param, query: {} })),
    progressSchema,
    id,
  );
  const progressData = progress.data;
  const stretchesData = stretches.data;
  const ledgerData = ledger.data;
  const settings = useApiCall(
    project
      ? () =>
          ok(apiClient.api.projects[":id"].analytics.settings.$get({ param: { id: pathParam(project.id) } }))
      : null,
    [project?.id],
  );
  const review = useFigures(
    when(() => analytics.review.$get({ param, query: {} })),
    reviewFiguresSchema,
    id,
  );
  const rows = people.data?.rows;
  const charts = useMemo(
    () =>
      rows && {
        throughput: throughputOption(rows),
        secondsPerBox: secondsPerBoxOption(rows),
        machine: machineBoxesOption(rows),
      },
    [rows],
  );
  const progressChart = useMemo(() => progress.data && progressOption(progress.data), [progress.data]);
  const reasonsChart = useMemo(() => review.data && reasonsOption(review.data.reasons), [review.data]);
  // The reasons as the page names them (built-in types translated), for the table and its CSV.
  const reasons = useMemo(
    () =>
      review.data?.reasons.map((r) => ({ ...r, label: errorTypeLabel({ code: r.reason, label: r.label }) })),
    [review.data],
  );
  const reasonsCsv = useCsvBlobUrl(reasons, ["reason", "label", "count"]);
  if (!project || !base) return <main className="page">{t("team.noProject")}</main>;
  const error = people.error ?? progress.error ?? ledger.error;
  const reload = () => {
    settings.reload();
    people.reload();
    stretches.reload();
    ledger.reload();
  };
  const f = progress.data?.forecast;
  return (
    <main className="page team-page" data-testid="team-page">
      <h1>
        {manager ? t("team.title", { project: project.name }) : t("team.myTitle", { project: project.name })}
      </h1>
      {me.projects.length > 1 && (
        <select
          aria-label={t("team.project")}
          value={project.id}
          onChange={(e) => navigate(`/team?project=${encodeURIComponent(e.target.value)}`)}
        >
          {me.projects.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {people.data && <p data-testid="time-zone">{t("team.timeZone", { zone: people.data.timeZone })}</p>}
      {progress.data && f && (
        <p data-testid="forecast">
          {f.finishDay
            ? t("team.forecast", {
                day: f.finishDay,
                remaining: f.remainingFrames,
                perDay: formatNumber(f.framesPerDay, 1),
              })
            : t("team.noForecast", { remaining: f.remainingFrames })}
        </p>
      )}
      <div className="chart-grid">
        {charts && (
          <>
            <figure>
              <figcaption>{t("team.chart.throughput")}</figcaption>
              <EChart option={charts.throughput} testId="chart-throughput" />
            </figure>
            <figure>
              <figcaption>{t("team.chart.secondsPerBox")}</figcaption>
              <EChart option={charts.secondsPerBox} testId="chart-seconds-per-box" />
            </figure>
            <figure>
              <figcaption>{t("team.chart.machine")}</figcaption>
              <EChart option={charts.machine} testId="chart-machine" />
            </figure>
          </>
        )}
        {reasonsChart && (
          <figure>
            <figcaption>{t("team.chart.reasons")}</figcaption>
            <EChart option={reasonsChart} testId="chart-reasons" />
          </figure>
        )}
        {progressChart && progressData && (
          <figure>
            <figcaption>{t("team.chart.progress", { total: progressData.totalFrames })}</figcaption>
            <EChart option={progressChart} testId="chart-progress" />
          </figure>
        )}
      </div>
      {rows && (
        <FigureTable
          titleKey="team.table.people"
          testId="table-people"
          rows={rows}
          csvUrl={`${base}/people?format=csv`}
          columns={[
            { labelKey: "team.col.day", value: (r) => r.day },
            { labelKey: "team.col.person", value: (r) => r.person },
            { labelKey: "team.col.created", value: (r) => r.boxesCreated },
            { labelKey: "team.col.edited", value: (r) => r.boxesEdited },
            { labelKey: "team.col.deleted", value: (r) => r.boxesDeleted },
            { labelKey: "team.col.machineCreated", value: (r) => r.machineBoxesCreated },
            { labelKey: "team.col.machineCorrected", value: (r) => r.machineBoxesCorrected },
            { labelKey: "team.col.machineUnchanged", value: (r) => r.machineBoxesUnchanged },
            { labelKey: "team.col.finished", value: (r) => r.boxFramesFinished },
            { labelKey: "team.col.activeMinutes", value: (r) => formatNumber(r.activeSeconds / 60, 1) },
            {
              labelKey: "team.col.secondsPerBox",
              value: (r) => (r.secondsPerBox === null ? null : formatNumber(r.secondsPerBox, 1)),
            },
            {
              labelKey: "team.col.longestStretch",
              value: (r) => formatNumber(r.longestStretchSeconds / 60, 1),
            },
          ]}
        />
      )}
      {stretchesData && (
        <FigureTable
          titleKey="team.table.stretches"
          testId="table-stretches"
          rows={stretchesData.rows.slice(0, 20)}
          csvUrl={`${base}/stretches?format=csv`}
          columns={[
            { labelKey: "team.col.person", value: (r) => r.person },
            { labelKey: "team.col.start", value: (r) => formatDateTime(r.start) },
            { labelKey: "team.col.minutes", value: (r) => formatNumber(r.seconds / 60, 1) },
            { labelKey: "team.col.saves", value: (r) => r.saves },
            {
              labelKey: "team.col.overBreak",
              value: (r) => (r.seconds >= stretchesData.breakAfterMinutes * 60 ? t("team.yes") : ""),
            },
          ]}
        />
      )}
      {ledgerData && (
        <FigureTable
          titleKey="team.table.ledger"
          testId="table-ledger"
          rows={ledgerData.rows}
          csvUrl={`${base}/ledger?format=csv`}
          columns={[
            { labelKey: "team.col.person", value: (r) => r.person },
            { labelKey: "team.col.class", value: (r) => r.className },
            { labelKey: "team.col.acceptedBoxes", value: (r) => r.boxes },
            { labelKey: "team.col.machineUnchanged", value: (r) => r.machineUnchanged },
            { labelKey: "team.col.amount", value: (r) => `${r.amount} ${ledgerData.currency}` },
          ]}
        />
      )}
      {ledgerData && (
        <p data-testid="ledger-total">
          {t("team.ledgerTotal", { total: ledgerData.total, currency: ledgerData.currency })}
        </p>
      )}
      {reasons && reasonsCsv && (
        <FigureTable
          titleKey="team.table.reasons"
          testId="table-reasons"
          rows={reasons}
          csvUrl={reasonsCsv}
          csvName="rejection-reasons.csv"
          columns={[
            { labelKey: "team.col.reason", value: (r) => r.label },
            { labelKey: "team.col.count", value: (r) => r.count },
          ]}
        />
      )}
      {review.data && (
        <FigureTable
          titleKey="team.table.rework"
          testId="table-rework"
          rows={review.data.labelers}
          csvUrl={`${base}/review?format=labelers-csv`}
          columns={[
            { labelKey: "team.col.person", value: (r) => r.person },
            { labelKey: "team.col.rejections", value: (r) => r.rejections },
            { labelKey: "team.col.reworkRounds", value: (r) => r.reworkRounds },
          ]}
        />
      )}
      {review.data && (
        <FigureTable
          titleKey="team.table.corrections"
          testId="table-corrections"
          rows={review.data.corrections}
          csvUrl={`${base}/review?format=corrections-csv`}
          columns={[
            { labelKey: "team.col.reviewer", value: (r) => r.reviewer },
            { labelKey: "team.col.person", value: (r) => r.person },
            { labelKey: "team.col.boxes", value: (r) => r.boxes },
            { labelKey: "team.col.bevIou", value: (r) => formatNumber(r.meanBevIou, 3) },
            { labelKey: "team.col.centerM", value: (r) => formatNumber(r.meanCenterDistanceM, 2) },
            { labelKey: "team.col.headingDeg", value: (r) => formatNumber(r.meanHeadingDiffDeg, 1) },
            { labelKey: "team.col.sizeM", value: (r) => formatNumber(r.meanSizeDiffM, 2) },
          ]}
        />
      )}
      {tasks.data && (
        <FigureTable
          titleKey="team.table.tasks"
          testId="table-tasks"
          rows={tasks.data.rows}
          csvUrl={`${base}/tasks?format=csv`}
          columns={[
            { labelKey: "team.col.task", value: (r) => r.name },
            { labelKey: "team.col.state", value: (r) => taskStateLabel(r.state) },
            { labelKey: "team.col.labeler", value: (r) => r.labeler },
            { labelKey: "team.col.frames", value: (r) => r.frames },
            { labelKey: "team.col.boxes", value: (r) => r.boxes },
            { labelKey: "team.col.created", value: (r) => r.boxesCreated },
            { labelKey: "team.col.edited", value: (r) => r.boxesEdited },
            { labelKey: "team.col.machineCorrected", value: (r) => r.machineBoxesCorrected },
          ]}
        />
      )}
      {progress.data && (
        <p>
          <a href={`${base}/progress?format=csv`} download>
            {t("team.progressCsv")}
          </a>
        </p>
      )}
      {manager && settings.data && (
        <section>
          <h2>{t("team.settings.title")}</h2>
          <AnalyticsSettingsForm
            key={JSON.stringify(settings.data)}
            projectId={project.id}
            settings={settings.data}
            onSaved={reload}
          />
        </section>
      )}
    </main>
  );
}
