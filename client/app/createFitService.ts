import { createFitClient, type FitClient } from "../../workers/fit/createFitClient";
import type { FitService } from "../editor/createEditor";
import type { LoadedPoints } from "./frameLoader";

/**
 * The editor's auto-fit service over the fit worker (workers/fit). The worker is started on the
 * first fit, and a frame is handed to it only when a fit needs it (a copy: the viewer keeps drawing
 * from the original), so stepping through frames costs nothing extra.
 */
export function createFitService(current: () => { key: string; points: LoadedPoints } | null): FitService & {
  dispose(): void;
} {
  let client: FitClient | null = null;
  const sent = new Set<string>();
  return {
    async refit(box) {
      const frame = current();
      if (!frame) return { box, moved: false };
      client ??= createFitClient();
      if (!sent.has(frame.key) || !(await client.api.hasFrame(frame.key))) {
        const cloud = frame.points.full ?? {
          pointCount: frame.points.displayCount,
          positions: frame.points.positions,
          originM: frame.points.originM,
        };
        await client.setFrame(frame.key, cloud, true);
        sent.add(frame.key);
      }
      const r = await client.api.refit(frame.key, box);
      return { box: r.box, moved: r.moved };
    },
    dispose() {
      client?.dispose();
      client = null;
    },
  };
}
