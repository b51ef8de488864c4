import { useTranslation } from "react-i18next";
import { formatNumber } from "../../i18n/format";
import { apiClient, ok, pathParam } from "../apiClient";
import { useApiCall } from "../useApiCall";

/**
 * How good each model is, measured by the people who checked its boxes: accepted as they were,
 * corrected, rejected, still pending (GET /api/projects/:id/prediction-counts; leads and admins).
 */
export function PredictionCountsTable({
  projectId,
  projectName,
}: {
  projectId: string;
  projectName: string;
}) {
  const { t } = useTranslation();
  const { data, error } = useApiCall(
    () =>
      ok(apiClient.api.projects[":id"]["prediction-counts"].$get({ param: { id: pathParam(projectId) } })),
    [projectId],
  );
  return (
    <section className="prediction-counts" data-testid="prediction-counts">
      <h2>
        {t("predictions.countsTitle")} · {projectName}
      </h2>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {data && data.models.length === 0 && <p className="muted">{t("predictions.countsNone")}</p>}
      {data && data.models.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t("predictions.countsModel")}</th>
              <th>{t("predictions.countsAccepted")}</th>
              <th>{t("predictions.countsCorrected")}</th>
              <th>{t("predictions.countsRejected")}</th>
              <th>{t("predictions.countsPending")}</th>
            </tr>
          </thead>
          <tbody>
            {data.models.map((m) => (
              <tr key={`${m.model}@${m.version}`}>
                <td>
                  {m.model}@{m.version}
                </td>
                <td>{formatNumber(m.accepted)}</td>
                <td>{formatNumber(m.corrected)}</td>
                <td>{formatNumber(m.rejected)}</td>
                <td>{formatNumber(m.pending)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
