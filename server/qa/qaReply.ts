import type { Context } from "hono";
import type { ServerDeps } from "../ServerDeps";
import { runSequenceQa } from "./runSequenceQa";

/**
 * `GET /sequences/:id/qa[?points=false]`: the QA findings on a stored sequence's current
 * annotations, point checks included unless `points=false` (guarded by the caller).
 */
export async function qaReply(deps: Pick<ServerDeps, "store" | "blobs">, c: Context): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const report = await runSequenceQa(deps, id, { points: c.req.query("points") !== "false" });
  return report
    ? c.json(report, 200)
    : c.json({ error: "not-found", message: `sequence ${id} does not exist` }, 404);
}
