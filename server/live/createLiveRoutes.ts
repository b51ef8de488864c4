import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, openApiRoutes } from "../http/openApiRoutes";
import { z } from "zod";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, ROLES } from "../auth/Principal";
import { idSchema, intQuery } from "../http/validate";
import { createPresenceBoard } from "./createPresenceBoard";
import { streamLiveUpdates } from "./streamLiveUpdates";
import { signedIn } from "../auth/signedIn";

const presenceSchema = z.object({
  clientId: idSchema,
  selectedIds: z.array(idSchema).max(1000),
  frameIndex: z.number().int().nonnegative().nullable(),
});

/**
 * Live updates of one sequence, for anyone who may read it:
 * - GET /sequences/:id/live?afterRevision=N&clientId=C — Server-Sent Events: `hello` {revision,
 *   presence}, then every accepted batch after N (or after Last-Event-ID, on reconnect) as
 *   `batch` (id = its revision, data = the history entry), in order and each once, then `presence`
 *   lists as people come, go or select. Fed by the store's live hub (LISTEN/NOTIFY across
 *   processes on PostgreSQL), and reread on every heartbeat so a lost notice delays, never loses.
 * - POST /sequences/:id/presence {clientId, selectedIds, frameIndex} — "I am here, on these boxes".
 */
export function createLiveRoutes(deps: AppDeps, guards: Guards) {
  const hub = deps.store.live;
  const board = createPresenceBoard(hub);
  const readers = guards.requireSequenceRole(ROLES);
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/sequences/{id}/live",
        middleware: [readers] as const,
        request: {
          params: z.object({ id: z.string() }),
          query: z.object({ afterRevision: intQuery().optional(), clientId: idSchema.optional() }),
        },
        responses: {
          200: {
            description: "Server-sent events: hello, batch (id = revision; Last-Event-ID resumes), presence",
            content: { "text/event-stream": {} },
          },
          400: errorReply("Malformed request: the message names the field and the reason"),
          404: errorReply("No such object"),
        },
      }),
      async (c) => streamLiveUpdates(deps, board, c, c.req.param("id"), c.req.valid("query")),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/sequences/{id}/presence",
        middleware: [readers] as const,
        request: { params: z.object({ id: z.string() }), ...jsonBody(presenceSchema) },
        responses: { 204: { description: "Done" } },
      }),
      async (c) => {
        const body = c.req.valid("json");
        await hub.publish({
          kind: "presence",
          sequenceId: c.req.param("id"),
          entry: { ...body, username: signedIn(c).username },
        });
        return c.body(null, 204);
      },
    );
}
