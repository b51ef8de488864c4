import { useEffect, useMemo, useState } from "react";
import { createUploadSession, type UploadState } from "../panels/upload/createUploadSession";
import { filesFromDrop, filesFromInput } from "../panels/upload/filesFromDrop";
import { ImportSummary } from "../panels/upload/ImportSummary";
import { navigate } from "./useRoute";

const PHASES: Record<string, string> = {
  reading: "Reading the layout",
  validating: "Decoding every sweep",
  blobs: "Storing files",
  database: "Writing the sequence",
};

/** Bring a sequence in: drop a folder or a .zip, see what it holds, name it, import it. */
export function UploadPage() {
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
          ← All sequences
        </a>
      </p>
      <h1>Upload a sequence</h1>
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
          if (!busy) void filesFromDrop(e.dataTransfer.items).then((files) => session.start(files));
        }}
      >
        <p>
          Drop a sequence folder or a .zip here (SUSTechPOINTS, KITTI object or tracking, Cuboidal native).
        </p>
        <label className="button">
          Choose a folder…
          <input
            type="file"
            data-testid="pick-folder"
            hidden
            disabled={busy}
            {...{ webkitdirectory: "" }}
            onChange={(e) => e.target.files && void session.start(filesFromInput(e.target.files))}
          />
        </label>{" "}
        <label className="button">
          Choose a .zip…
          <input
            type="file"
            accept=".zip"
            data-testid="pick-zip"
            hidden
            disabled={busy}
            onChange={(e) => e.target.files && void session.start(filesFromInput(e.target.files))}
          />
        </label>
      </div>
      <UploadStatus state={state} />
      {state.step === "preview" && (
        <section>
          <ImportSummary preview={state.preview} />
          <label>
            Name{" "}
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
                Update its labels
              </button>{" "}
              <button type="button" onClick={() => void session.commit(name, "new")}>
                Import a second copy
              </button>
            </>
          ) : (
            <button
              type="button"
              data-testid="import-button"
              disabled={!name.trim()}
              onClick={() => void session.commit(name)}
            >
              Import
            </button>
          )}
        </section>
      )}
      {state.step === "imported" && (
        <section data-testid="import-done">
          <p>
            Imported {state.result.frames} frames, {state.result.cuboids} boxes in {state.result.tracks}{" "}
            tracks
            {state.result.updated ? ` (updated ${state.result.updated.changedObjects} objects)` : ""}.
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
            Open it
          </button>
        </section>
      )}
    </main>
  );
}

function UploadStatus({ state }: { state: UploadState }) {
  switch (state.step) {
    case "packing":
    case "uploading":
    case "importing": {
      const label =
        state.step === "importing"
          ? (PHASES[state.phase] ?? state.phase)
          : state.step === "packing"
            ? "Packing the folder"
            : "Uploading";
      return (
        <p data-testid="upload-progress">
          {label}… <progress max={state.total || 1} value={state.done} />{" "}
          {state.total > 0 ? `${Math.round((100 * state.done) / state.total)} %` : ""}
        </p>
      );
    }
    case "checking":
      return (
        <p data-testid="upload-progress">
          Checking every file… <progress />
        </p>
      );
    case "refused":
      return (
        <p className="error" role="alert" data-testid="upload-error">
          Refused: {state.message}
        </p>
      );
    default:
      return null;
  }
}
