import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../i18n/format";
import { apiClient, ok } from "../apiClient";
import { useApiCall } from "../useApiCall";

/** The admin's audit log: filter by action (or prefix "auth."), actor and target; page; CSV. */
const FILTER_PLACEHOLDER = {
  action: "admin.audit.actionPlaceholder",
  actor: "admin.audit.actorPlaceholder",
  target: "admin.audit.targetPlaceholder",
} as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ action: "", actor: "", target: "" });
  const [filter, setFilter] = useState(draft);
  const [before, setBefore] = useState<number[]>([]);
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  const page = new URLSearchParams(params);
  if (before.length > 0) page.set("before", String(before.at(-1)));
  const query = Object.fromEntries(page);
  const log = useApiCall(() => ok(apiClient.api.audit.$get({ query })), [page.toString()]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setBefore([]);
    setFilter(draft);
  };
  return (
    <main className="page">
      <h1>{t("admin.audit.title")}</h1>
      <form className="form inline" onSubmit={apply} aria-label={t("admin.audit.filterTitle")}>
        {(["action", "actor", "target"] as const).map((k) => (
          <input
            key={k}
            data-testid={`audit-${k}`}
            placeholder={t(FILTER_PLACEHOLDER[k])}
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          />
        ))}
        <button type="submit">{t("admin.audit.filter")}</button>
        <a href={`/api/audit/csv?${params}`} download="audit-log.csv" data-testid="audit-csv">
          {t("admin.audit.downloadCsv")}
        </a>
      </form>
      {log.error && <p className="error">{log.error}</p>}
      <table className="grid" data-testid="audit-log">
        <thead>
          <tr>
            <th>{t("admin.audit.when")}</th>
            <th>{t("admin.audit.who")}</th>
            <th>{t("admin.audit.action")}</th>
            <th>{t("admin.audit.target")}</th>
            <th>{t("admin.audit.detail")}</th>
            <th>{t("admin.audit.address")}</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td>{formatDateTime(e.at)}</td>
              <td>{e.actor}</td>
              <td>{e.action}</td>
              <td>{e.target}</td>
              <td className="detail">{e.detail ? JSON.stringify(e.detail) : ""}</td>
              <td>{e.ip}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <button type="button" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
          {t("admin.audit.newer")}
        </button>{" "}
        <button
          type="button"
          disabled={!log.data?.nextBefore}
          onClick={() => log.data?.nextBefore && setBefore([...before, log.data.nextBefore])}
        >
          {t("admin.audit.older")}
        </button>
      </p>
    </main>
  );
}
