import * as tus from "tus-js-client";
import type { ImportPreview } from "../../../server/import/prepareImport";
import type { ImportProgress, ImportResult } from "../../../server/import/importSequence";
import { type PathedFile, zipFiles } from "./zipFiles";
import { apiFetch } from "../../app/api";
import { apiErrorMessage } from "../../i18n/errorMessage";
import { t } from "../../i18n/i18n";

/** Where an upload stands; the page renders this and nothing else. */
export type UploadState =
  | { step: "idle" }
  | { step: "packing" | "uploading"; done: number; total: number }
  | { step: "checking" }
  | { step: "preview"; preview: ImportPreview }
  | { step: "importing"; phase: string; done: number; total: number }
  | { step: "imported"; result: ImportResult }
  | { step: "refused"; message: string };

/** Bytes per PATCH: a dropped connection loses at most one chunk. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * One upload from the browser: pack the folder (or take the .zip as is), send it resumably
 * (tus-js-client: after a dropped connection it asks the server for its offset and goes on from
 * there, retrying with back-off), ask for the preview, then import with progress.
 */
export function createUploadSession(onChange: (s: UploadState) => void) {
  let uploadId: string | null = null;
  /** The project the current upload was created for: the server keeps it with the upload. */
  let projectQuery = "";
  let current: tus.Upload | null = null;
  const set = (s: UploadState) => onChange(s);
  const refuse = (message: string) => set({ step: "refused", message });

  const send = (zip: Blob, name: string) =>
    new Promise<string>((resolve, reject) => {
      const upload = new tus.Upload(zip, {
        endpoint: `/api/imports/uploads?${projectQuery}`,
        // The server takes writes only from this app (its CSRF defence): apiFetch sends the same header.
        headers: { "X-Cuboidal-Client": "1" },
        chunkSize: CHUNK_BYTES,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        metadata: { filename: name.endsWith(".zip") ? name : `${name}.zip` },
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onProgress: (done, total) => set({ step: "uploading", done, total }),
        onError: reject,
        // The upload's URL is /api/imports/uploads/<id>?projectId=…: the id is the path's last segment.
        onSuccess: () => {
          const id = upload.url
            ? new URL(upload.url, window.location.href).pathname.split("/").pop()
            : undefined;
          if (id) resolve(id);
          else reject(new Error(t("upload.noUploadId", { url: upload.url ?? "" })));
        },
      });
      current = upload;
      void upload.findPreviousUploads().then((previous) => {
        if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
        upload.start();
      });
    });

  return {
    /** Packs and uploads for `projectId`, then shows the preview (nothing is imported yet). */
    async start(files: readonly PathedFile[], projectId: string) {
      projectQuery = new URLSearchParams({ projectId }).toString();
      try {
        const [first] = files;
        if (!first) return refuse(t("upload.noFiles"));
        const single = files.length === 1 && first.path.toLowerCase().endsWith(".zip") ? first : null;
        const zip = single
          ? single.file
          : await zipFiles(files, (done, total) => set({ step: "packing", done, total }));
        // The folder's name (a path's first segment; split always yields one).
        uploadId = await send(zip, single?.path ?? first.path.split("/")[0] ?? first.path);
        set({ step: "checking" });
        const res = await apiFetch(`/api/imports/uploads/${uploadId}/preview?${projectQuery}`, {
          method: "POST",
        });
        const body = await res.json();
        if (!res.ok) return refuse(apiErrorMessage(res.status, body.error, body.message ?? ""));
        set({ step: "preview", preview: body as ImportPreview });
      } catch (e) {
        refuse((e as Error).message);
      }
    },
    /** Imports the previewed upload under `name`; `onDuplicate` when the preview found a duplicate. */
    async commit(name: string, onDuplicate?: "update" | "new") {
      const projectId = new URLSearchParams(projectQuery).get("projectId");
      if (!uploadId || !projectId) return; // start() sets both
      const q = new URLSearchParams({ name, ...(onDuplicate ? { onDuplicate } : {}) });
      q.append("projectId", projectId);
      try {
        const res = await apiFetch(`/api/imports/uploads/${uploadId}?${q}`, {
          method: "POST",
          headers: { Accept: "application/x-ndjson" },
        });
        if (!res.body) return refuse(apiErrorMessage(res.status, undefined, res.statusText));
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffered = "";
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          buffered += value;
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines.filter(Boolean)) {
            const msg = JSON.parse(line) as
              | ImportProgress
              | { result: ImportResult }
              | { error: string; message: string };
            if ("result" in msg) set({ step: "imported", result: msg.result });
            else if ("error" in msg) refuse(apiErrorMessage(400, msg.error, msg.message));
            else
              set({
                step: "importing",
                phase: msg.phase,
                done: "done" in msg ? msg.done : 0,
                total: "total" in msg ? msg.total : 0,
              });
          }
        }
      } catch (e) {
        refuse((e as Error).message);
      }
    },
    dispose() {
      void current?.abort();
    },
  };
}
