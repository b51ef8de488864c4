import { createIndexedDbOutbox } from "../editor/sync/createIndexedDbOutbox";
import { createMemoryOutbox } from "../editor/sync/Outbox";
import type { WorkspaceDeps } from "../workspace/createWorkspace";
import type { WorkspaceLocation } from "../workspace/createUrlSync";
import { apiFetch, blobUrl } from "./api";
import { apiClient, ok, pathParam } from "./apiClient";
import { createFitService } from "./createFitService";
import { createFrameLoader } from "./createFrameLoader";
import { createTrackIdPool } from "./createTrackIdPool";
import { fetchReviewStart, reviewApi } from "./reviewApi";
import { currentHref, subscribeRoute } from "./route";
import type { WorkspaceData } from "./useWorkspaceData";

/** The address bar: written in place with history.replaceState, which tells no route listener. */
export const browserLocation: WorkspaceLocation = {
  href: currentHref,
  replace: (href) => window.history.replaceState(null, "", href),
  subscribe: subscribeRoute,
};

/** The workspace's dependencies in the browser: the server's API, the worker pool, IndexedDB, the window. */
export function browserWorkspaceDeps(opts: {
  sequenceId: string;
  taskId: string | null;
  username: string;
  data: WorkspaceData;
  frameIndex: number;
}): WorkspaceDeps {
  return {
    ...opts,
    detail: opts.data.detail,
    snapshot: opts.data.snapshot,
    location: browserLocation,
    createLoader: createFrameLoader,
    blobUrl,
    trackIds: createTrackIdPool(opts.sequenceId),
    outbox: typeof indexedDB !== "undefined" ? createIndexedDbOutbox() : createMemoryOutbox(),
    fetch: apiFetch,
    createFit: (current, sequence) => createFitService(current, sequence),
    fetchQaConfig: () =>
      ok(
        apiClient.api.sequences[":id"]["qa-config"].$get({ param: { id: pathParam(opts.sequenceId) } }),
      ).then((r) => r.config),
    review: { fetchStart: fetchReviewStart, api: reviewApi },
    ...(typeof EventSource !== "undefined"
      ? {
          live: {
            openEvents: (url: string) => new EventSource(url, { withCredentials: true }),
            postPresence: (body) =>
              ok(
                apiClient.api.sequences[":id"].presence.$post({
                  param: { id: pathParam(opts.sequenceId) },
                  json: body,
                }),
              ),
          },
        }
      : {}),
    events: window,
  };
}
