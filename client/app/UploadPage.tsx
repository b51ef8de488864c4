import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatPercent } from "../i18n/format";
import { t as translate } from "../i18n/i18n";
import { createUploadSession, type UploadState } from "../panels/upload/createUploadSession";
import { filesFromDrop, filesFromInput } from "../panels/upload/filesFromDrop";
import { ImportSummary } from "../panels/upload/ImportSummary";
import { type UploadProject, uploadProjects } from "../panels/upload/uploadProjects";
import { apiClient, ok } from "./apiClient";
import type { Me } from "./session";
import { useApiCall } from "./useApiCall";
import { navigate } from "./useRoute";

const PHASES: Record<string, string> = {
  reading: "upload.phase.reading",
  validating: "upload.phase.validating",
  blobs: "upload.phase.blobs",
  database: "upload.phase.database",
};

/**
 * Bring a sequence in: choose the project (those the user may upload into), drop a folder or a
 * .zip, see what it holds, name it, import it. The project is fixed once an upload starts: the
 * server keeps each upload with the project it was made for.
 */
export function UploadPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const all = useApiCall<UploadProject[]>(me.user.isAdmin ? () => ok(apiClient.api.projects.$get()) : null, [
    me.user.isAdmin,
  ]);
  const projects = uploadProjects(me, all.data);
  const [chosen, setChosen] = useState<string | null>(null);
  const projectId = chosen ?? projects[0]?.id ?? null;
  const [state, setState] = useState<UploadState>({ step: "idle" });
  const [name, setName] = useState("");
  const [dragging, setDragging] = useState(false);
  const session = useMemo(() => createUploadSession(setState), []);
  useEffect(() => () => session.dispose(), [session]);
  useEffect(() => {
    if (state.step === "preview") setName(state.preview.name);
  }, [state]);
  const busy =
    state.step === "packing" ||
    state.step === "uploading" ||
    state.step === "checking" ||
    state.step === "importing";
  /** An upload is under way or waiting to be imported: its project can no longer change. */
  const bound = busy || state.step === "preview";
  const start = (files: Parameters<typeof session.start>[0]) => {
    if (projectId) void session.start(files, projectId);
  };

  return (
    <main className="page upload-page">
      <p>
        <a
          href="/"
          onClick={(e) => {
            e.preventDefault();
            navigate("/");
          }}
        >
          ← {t("workspace.allSequences")}
        </a>
      </p>
      <h1>{t("upload.title")}</h1>
      {projects.length === 0 ? (
        <p className="error" data-testid="upload-no-project">
          {me.user.isAdmin && !all.data && !all.error ? t("common.loading") : t("upload.noProject")}
        </p>
      ) : (
        <>
          <p>
            <label>
              {t("upload.project")}{" "}
              <select
                data-testid="upload-project"
                value={projectId ?? ""}
                disabled={bound}
                onChange={(e) => setChosen(e.target.value)}
              >
                {projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          </p>
          <div
            className={`drop-zone${dragging ? " dragging" : ""}`}
            data-testid="drop-zone"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(e) => {
              e.preventDefault();
              setDragging(false);
              if (!busy) void filesFromDrop(e.dataTransfer.items).then(start);
            }}
          >
            <p>{t("upload.dropHint")}</p>
            <label className="button">
              {t("upload.chooseFolder")}
              <input
                type="file"
                data-testid="pick-folder"
                hidden
                disabled={busy}
                {...{ webkitdirectory: "" }}
                onChange={(e) => e.target.files && start(filesFromInput(e.target.files))}
              />
            </label>{" "}
            <label className="button">
              {t("upload.chooseZip")}
              <input
                type="file"
                accept=".zip"
                data-testid="pick-zip"
                hidden
                disabled={busy}
                onChange={(e) => e.target.files && start(filesFromInput(e.target.files))}
              />
            </label>
          </div>
          <UploadStatus state={state} />
          {state.step === "preview" && (
            <section>
              <ImportSummary preview={state.preview} />
              <label>
                {t("upload.name")}{" "}
                <input
                  data-testid="sequence-name"
                  value={name}
                  maxLength={200}
                  onChange={(e) => setName(e.target.value)}
                />
              </label>{" "}
              {state.preview.duplicateOf ? (
                <>
                  <button type="button" onClick={() => void session.commit(name, "update")}>
                    {t("upload.updateLabels")}
                  </button>{" "}
                  <button type="button" onClick={() => void session.commit(name, "new")}>
                    {t("upload.importCopy")}
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  data-testid="import-button"
                  disabled={!name.trim()}
                  onClick={() => void session.commit(name)}
                >
                  {t("upload.import")}
                </button>
              )}
            </section>
          )}
          {state.step === "imported" && (
            <section data-testid="import-done">
              <p>
                {t("upload.imported", {
                  frames: state.result.frames,
                  boxes: state.result.cuboids,
                  tracks: state.result.tracks,
                })}
                {state.result.updated
                  ? t("upload.updated", { count: state.result.updated.changedObjects })
                  : ""}
              </p>
              {state.result.warnings.length > 0 && (
                <ul className="warnings">
                  {state.result.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
              <button
                type="button"
                data-testid="open-sequence"
                onClick={() => navigate(`/sequences/${encodeURIComponent(state.result.sequenceId)}`)}
              >
                {t("upload.open")}
              </button>
            </section>
          )}
        </>
      )}
    </main>
  );
}

function UploadStatus({ state }: { state: UploadState }) {
  switch (state.step) {
    case "packing":
    case "uploading":
    case "importing": {
      const phaseKey = state.step === "importing" ? PHASES[state.phase] : undefined;
      const label =
        state.step === "importing"
          ? phaseKey
            ? translate(phaseKey)
            : state.phase
          : state.step === "packing"
            ? translate("upload.packing")
            : translate("upload.uploading");
      return (
        <p data-testid="upload-progress">
          {label}… <progress max={state.total || 1} value={state.done} />{" "}
          {state.total > 0 ? formatPercent(state.done / state.total) : ""}
        </p>
      );
    }
    case "checking":
      return (
        <p data-testid="upload-progress">
          {translate("upload.checking")} <progress />
        </p>
      );
    case "refused":
      return (
        <p className="error" role="alert" data-testid="upload-error">
          {translate("upload.refused", { reason: state.message })}
        </p>
      );
    default:
      return null;
  }
}
