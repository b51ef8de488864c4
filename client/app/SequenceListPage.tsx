import { useEffect, useState } from "react";
import type { SequenceSummary } from "../../core/model/Sequence";
import { fetchSequences } from "./api";
import { navigate } from "./useRoute";

export function SequenceListPage() {
  const [sequences, setSequences] = useState<SequenceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const ac = new AbortController();
    fetchSequences(ac.signal).then(setSequences, (e: Error) => {
      if (e.name !== "AbortError") setError(e.message);
    });
    return () => ac.abort();
  }, []);
  return (
    <main className="page">
      <h1>Sequences</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!sequences && !error && <p>Loading…</p>}
      {sequences && sequences.length === 0 && <p>No sequences yet.</p>}
      <ul className="sequence-list">
        {sequences?.map((s) => {
          const href = `/sequences/${encodeURIComponent(s.id)}`;
          return (
            <li key={s.id}>
              <a
                data-testid="sequence-link"
                href={href}
                onClick={(e) => {
                  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  navigate(href);
                }}
              >
                {s.name}
              </a>{" "}
              <span className="muted">
                {s.frameCount} frames · {new Date(s.createdAt).toLocaleString()}
              </span>
            </li>
          );
        })}
      </ul>
    </main>
  );
}
