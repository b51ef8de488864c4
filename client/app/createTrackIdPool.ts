import { apiClient, ok, pathParam } from "./apiClient";

const BLOCK = 20;
const LOW = 5;

/**
 * Track ids handed out by the server for one sequence, fetched in blocks of 20 and refilled in
 * the background when fewer than 5 remain, so creating a box never waits on the network.
 */
export function createTrackIdPool(sequenceId: string): { take(): string | undefined; dispose(): void } {
  const ids: string[] = [];
  let pending = false;
  let disposed = false;
  const refill = () => {
    if (pending || disposed || ids.length >= LOW) return;
    pending = true;
    ok(
      apiClient.api.sequences[":id"]["track-ids"].$post({
        param: { id: pathParam(sequenceId) },
        json: { count: BLOCK },
      }),
    )
      .then((r) => ids.push(...r.trackIds))
      .catch(() => {}) // offline or read-only: nextTrackId falls back to a random id
      .finally(() => {
        pending = false;
      });
  };
  refill();
  return {
    take() {
      const id = ids.shift();
      refill();
      return id;
    },
    dispose() {
      disposed = true;
    },
  };
}
