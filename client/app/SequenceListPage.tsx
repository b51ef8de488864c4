import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../i18n/errorMessage";
import { formatDateTime } from "../i18n/format";
import type { SequenceSummary } from "../../core/model/Sequence";
import { SequenceActions } from "../panels/SequenceActions";
import { fetchSequences } from "./apiClient";
import { MyTasks } from "./MyTasks";
import { PredictionCountsTable } from "./predictions/PredictionCountsTable";
import { managesAny, type Me } from "./session";
import { navigate } from "./useRoute";

/**
 * Home: the user's own tasks first; the project's sequences below for those who manage or view
 * projects (annotators and reviewers work from their queue).
 */
export function SequenceListPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const seesSequences = managesAny(me) || me.projects.some((p) => p.role === "viewer");
  const [sequences, setSequences] = useState<SequenceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    const ac = new AbortController();
    void reloads;
    if (!seesSequences) return;
    fetchSequences(ac.signal).then(setSequences, (e: Error) => {
      if (e.name !== "AbortError") setError(errorMessage(e));
    });
    return () => ac.abort();
  }, [seesSequences, reloads]);
  if (!seesSequences)
    return (
      <main className="page">
        <MyTasks />
      </main>
    );
  return (
    <main className="page">
      <MyTasks />
      <h1>{t("sequences.title")}</h1>
      <p>
        <a
          href="/upload"
          data-testid="upload-link"
          onClick={(e) => {
            e.preventDefault();
            navigate("/upload");
          }}
        >
          {t("sequences.upload")}
        </a>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!sequences && !error && <p>{t("common.loading")}</p>}
      {sequences && sequences.length === 0 && <p>{t("sequences.none")}</p>}
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
                {t("sequences.frames", { count: s.frameCount })} · {formatDateTime(s.createdAt)}
              </span>
              <SequenceActions sequence={s} onChanged={() => setReloads((n) => n + 1)} />
            </li>
          );
        })}
      </ul>
      {me.projects
        .filter((p) => me.user.isAdmin || p.role === "admin" || p.role === "lead")
        .map((p) => (
          <PredictionCountsTable key={`${p.id}:${reloads}`} projectId={p.id} projectName={p.name} />
        ))}
    </main>
  );
}
