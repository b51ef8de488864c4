import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { defaultQaConfig, type QaConfig } from "../../../core/qa/QaConfig";
import type { QaKind, QaSeverity } from "../../../core/qa/QaFinding";
import { qaHint, qaKindLabel, qaSeverityLabel } from "../../i18n/qaLabels";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";

type Settings = Record<string, unknown>;
const SEVERITIES: QaSeverity[] = ["error", "warning", "info"];
/** Every check has these; the rest of its settings are its thresholds. */
const COMMON = new Set(["enabled", "severity", "blocksSubmission"]);

/** The settings that differ from the defaults, per check: what the project stores. */
export function qaOverrides(config: QaConfig, defaults: QaConfig): Record<string, Settings> {
  const out: Record<string, Settings> = {};
  for (const kind of Object.keys(config) as QaKind[]) {
    const changed = Object.entries(config[kind]).filter(
      ([k, v]) => JSON.stringify(v) !== JSON.stringify((defaults[kind] as Settings)[k]),
    );
    if (changed.length > 0) out[kind] = Object.fromEntries(changed);
  }
  return out;
}

/**
 * The project's automatic checks for its lead: each on or off, its severity, whether its findings
 * block a task's submission, and its numeric thresholds. Saved as overrides of the defaults.
 */
export function QaSettings({ projectId }: { projectId: string }) {
  const { t } = useTranslation();
  const param = { id: pathParam(projectId) };
  const stored = useApiCall(
    () => ok(apiClient.api.projects[":id"]["qa-config"].$get({ param })),
    [projectId],
  );
  const [rows, setRows] = useState<QaConfig | null>(null);
  useEffect(() => setRows(stored.data?.config ?? null), [stored.data]);
  const action = useAction();
  if (!rows) return null;
  const set = (kind: QaKind, key: string, value: unknown) =>
    setRows({ ...rows, [kind]: { ...rows[kind], [key]: value } });
  const save = () =>
    action.run(async () => {
      await ok(
        apiClient.api.projects[":id"]["qa-config"].$put({
          param,
          json: qaOverrides(rows, defaultQaConfig()),
        }),
      );
      stored.reload();
      return t("admin.qaSettings.saved");
    });
  return (
    <section>
      <h2>{t("admin.qaSettings.title")}</h2>
      <table className="grid" data-testid="qa-settings">
        <thead>
          <tr>
            <th>{t("admin.qaSettings.check")}</th>
            <th>{t("admin.qaSettings.enabled")}</th>
            <th>{t("admin.qaSettings.severity")}</th>
            <th>{t("admin.qaSettings.blocksSubmission")}</th>
            <th>{t("admin.qaSettings.thresholds")}</th>
          </tr>
        </thead>
        <tbody>
          {(Object.keys(rows) as QaKind[]).map((kind) => {
            const s = rows[kind] as Settings & {
              enabled: boolean;
              severity: QaSeverity;
              blocksSubmission: boolean;
            };
            return (
              <tr key={kind} data-testid={`qa-setting-${kind}`}>
                <td title={qaHint(kind)}>
                  {qaKindLabel(kind)} <code className="muted">{kind}</code>
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={qaKindLabel(kind)}
                    checked={s.enabled}
                    onChange={(e) => set(kind, "enabled", e.target.checked)}
                  />
                </td>
                <td>
                  <select value={s.severity} onChange={(e) => set(kind, "severity", e.target.value)}>
                    {SEVERITIES.map((v) => (
                      <option key={v} value={v}>
                        {qaSeverityLabel(v)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="checkbox"
                    data-testid={`qa-blocks-${kind}`}
                    checked={s.blocksSubmission}
                    onChange={(e) => set(kind, "blocksSubmission", e.target.checked)}
                  />
                </td>
                <td className="qa-thresholds">
                  {Object.entries(s)
                    .filter(([k, v]) => !COMMON.has(k) && typeof v === "number")
                    .map(([k, v]) => (
                      <label key={k}>
                        <code>{k}</code>{" "}
                        <input
                          type="number"
                          step="any"
                          value={v as number}
                          onChange={(e) => set(kind, k, Number(e.target.value))}
                        />
                      </label>
                    ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" data-testid="qa-settings-save" onClick={() => void save()}>
        {t("admin.qaSettings.save")}
      </button>
      <ActionResult action={action} />
    </section>
  );
}
