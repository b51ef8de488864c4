import type { Context } from "hono";
import type { ServerDeps } from "../ServerDeps";
import { runSequenceQa } from "./runSequenceQa";

/** `GET /sequences/:id/qa`: the QA findings on a stored sequence's current annotations (guarded by the caller). */
export async function qaReply(deps: Pick<ServerDeps, "store">, c: Context): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const report = await runSequenceQa(deps.store, id);
  return report
    ? c.json(report, 200)
    : c.json({ error: "not-found", message: `sequence ${id} does not exist` }, 404);
}
