import type { EChartsCoreOption } from "echarts/core";
import type { PersonDayFigures } from "../../../core/analytics/PersonDayFigures";
import { secondsPerBox } from "../../../core/analytics/PersonDayFigures";
import type { ProjectProgress } from "../../../server/analytics/queryProgress";
import { errorTypeLabel } from "../../i18n/codeLabels";
import { t } from "../../i18n/i18n";

const base = {
  tooltip: { trigger: "axis" },
  legend: { top: 0 },
  grid: { top: 36, left: 48, right: 16, bottom: 28 },
};

/** Boxes worked (created + edited) per day, one line per person. */
export function throughputOption(rows: readonly PersonDayFigures[]): EChartsCoreOption {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const people = [...new Set(rows.map((r) => r.person))].sort();
  return {
    ...base,
    xAxis: { type: "category", data: days },
    yAxis: { type: "value", name: t("team.boxes") },
    series: people.map((p) => ({
      name: p,
      type: "line",
      data: days.map((d) => {
        const r = rows.find((x) => x.person === p && x.day === d);
        return r ? r.boxesCreated + r.boxesEdited : 0;
      }),
    })),
  };
}

/** Seconds per box per person over the whole period (total active time / total boxes worked). */
export function secondsPerBoxOption(rows: readonly PersonDayFigures[]): EChartsCoreOption {
  const totals = new Map<string, { seconds: number; boxes: number }>();
  for (const r of rows) {
    const x = totals.get(r.person) ?? { seconds: 0, boxes: 0 };
    x.seconds += r.activeSeconds;
    x.boxes += r.boxesCreated + r.boxesEdited;
    totals.set(r.person, x);
  }
  const people = [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    ...base,
    xAxis: { type: "category", data: people.map(([person]) => person) },
    yAxis: { type: "value", name: t("team.seconds") },
    series: [
      {
        name: t("team.secondsPerBox"),
        type: "bar",
        data: people.map(([, x]) => secondsPerBox(x.seconds, x.boxes) ?? 0),
      },
    ],
  };
}

/** Machine boxes per person: corrected by a person vs left as the machine made them. */
export function machineBoxesOption(rows: readonly PersonDayFigures[]): EChartsCoreOption {
  const people = [...new Set(rows.map((r) => r.person))].sort();
  const sum = (p: string, k: "machineBoxesCorrected" | "machineBoxesUnchanged") =>
    rows.filter((r) => r.person === p).reduce((s, r) => s + r[k], 0);
  return {
    ...base,
    xAxis: { type: "category", data: people },
    yAxis: { type: "value", name: t("team.boxes") },
    series: [
      {
        name: t("team.machineCorrected"),
        type: "bar",
        stack: "m",
        data: people.map((p) => sum(p, "machineBoxesCorrected")),
      },
      {
        name: t("team.machineUnchanged"),
        type: "bar",
        stack: "m",
        data: people.map((p) => sum(p, "machineBoxesUnchanged")),
      },
    ],
  };
}

/** Frames by stage against the total. */
export function progressOption(p: ProjectProgress): EChartsCoreOption {
  const stages = ["labeled", "submitted", "inReview", "accepted"] as const;
  return {
    ...base,
    xAxis: { type: "category", data: stages.map((s) => t(`team.stage.${s}`)) },
    yAxis: { type: "value", name: t("team.frames"), max: Math.max(p.totalFrames, 1) },
    series: [
      { name: t("team.frames"), type: "bar", data: stages.map((s) => p[s].frames) },
      { name: t("team.boxes"), type: "bar", data: stages.map((s) => p[s].boxes) },
    ],
  };
}

/** Count of rejections per error type (review workflow), one bar each, named as the project names it. */
export function reasonsOption(
  reasons: ReadonlyArray<{ reason: string; label: string; count: number }>,
): EChartsCoreOption {
  return {
    ...base,
    xAxis: { type: "category", data: reasons.map((r) => errorTypeLabel({ code: r.reason, label: r.label })) },
    yAxis: { type: "value" },
    series: [{ name: t("team.rejections"), type: "bar", data: reasons.map((r) => r.count) }],
  };
}
