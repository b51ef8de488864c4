import { type FormEvent, useState } from "react";
import { useApi } from "../useApi";

interface Entry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail: unknown;
  ip: string | null;
}

/** The admin's audit log: filter by action (or prefix "auth."), actor and target; page; CSV. */
export function AuditPage() {
  const [draft, setDraft] = useState({ action: "", actor: "", target: "" });
  const [filter, setFilter] = useState(draft);
  const [before, setBefore] = useState<number[]>([]);
  const params = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ""));
  const page = new URLSearchParams(params);
  if (before.length > 0) page.set("before", String(before.at(-1)));
  const log = useApi<{ entries: Entry[]; nextBefore: number | null }>(`/api/audit?${page}`);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setBefore([]);
    setFilter(draft);
  };
  return (
    <main className="page">
      <h1>Audit log</h1>
      <form className="form inline" onSubmit={apply} aria-label="Filter the audit log">
        {(["action", "actor", "target"] as const).map((k) => (
          <input
            key={k}
            data-testid={`audit-${k}`}
            placeholder={k === "action" ? "action or prefix (auth.)" : k}
            value={draft[k]}
            onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
          />
        ))}
        <button type="submit">Filter</button>
        <a href={`/api/audit/csv?${params}`} download="audit-log.csv" data-testid="audit-csv">
          Download CSV
        </a>
      </form>
      {log.error && <p className="error">{log.error}</p>}
      <table className="grid" data-testid="audit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Target</th>
            <th>Detail</th>
            <th>Address</th>
          </tr>
        </thead>
        <tbody>
          {log.data?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td>{new Date(e.at).toLocaleString()}</td>
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
          Newer
        </button>{" "}
        <button
          type="button"
          disabled={!log.data?.nextBefore}
          onClick={() => log.data?.nextBefore && setBefore([...before, log.data.nextBefore])}
        >
          Older
        </button>
      </p>
    </main>
  );
}
