import { Hono } from "hono";
import type { ServerDeps } from "../ServerDeps";
import { runSequenceQa } from "./runSequenceQa";

/** `GET /sequences/:id/qa`: the QA findings on a stored sequence's current annotations (mounted under /api). */
export function createQaRoutes(deps: ServerDeps) {
  return new Hono().get("/:id/qa", async (c) => {
    const id = c.req.param("id");
    const report = await runSequenceQa(deps.store, id);
    return report
      ? c.json(report, 200)
      : c.json({ error: "not-found", message: `sequence ${id} does not exist` }, 404);
  });
}
