import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, openApiRoutes } from "../http/openApiRoutes";
import { streamSSE } from "hono/streaming";
import { liveConnectionOpened } from "../ops/metrics";
import { z } from "zod";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, ROLES } from "../auth/Principal";
import { idSchema, intQuery, notFound } from "../http/validate";
import { readHistory } from "../store/readHistory";
import { createPresenceBoard } from "./createPresenceBoard";

/** A quiet stream still gets a comment this often (proxies drop idle connections) and rereads the head. */
const HEARTBEAT_MS = 15_000;
/** Streams end after this long; the browser reconnects at once with Last-Event-ID, re-checking access. */
const MAX_STREAM_MS = 10 * 60_000;

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
      async (c) => {
        const sequenceId = c.req.param("id");
        const query = c.req.valid("query");
        const lastEventId = c.req.header("Last-Event-ID");
        let sent = /^\d{1,9}$/.test(lastEventId ?? "") ? Number(lastEventId) : (query.afterRevision ?? 0);
        const head = await deps.store.db
          .selectFrom("sequences")
          .select("head_revision")
          .where("id", "=", sequenceId)
          .executeTakeFirst();
        if (!head) return c.json(notFound(`sequence ${sequenceId}`), 404);
        if (sent > head.head_revision)
          return c.json(
            {
              error: "invalid-request",
              message: `afterRevision ${sent} is after the newest revision ${head.head_revision} of sequence ${sequenceId}`,
            },
            400,
          );
        return streamSSE(c, async (stream) => {
          const connectionClosed = liveConnectionOpened();
          let closed = false;
          let pumping: Promise<void> | null = null;
          let again = false;
          // Sends every batch after `sent`, page by page; one pump at a time, rerun if poked meanwhile.
          const pump = (): Promise<void> => {
            if (pumping) {
              again = true;
              return pumping;
            }
            pumping = (async () => {
              do {
                again = false;
                for (;;) {
                  const page = await readHistory(deps.store, sequenceId, sent);
                  if (!page || closed) return;
                  for (const entry of page.entries) {
                    await stream.writeSSE({
                      event: "batch",
                      id: String(entry.revision),
                      data: JSON.stringify(entry),
                    });
                    sent = entry.revision;
                  }
                  if (page.nextAfterRevision === null) break;
                }
              } while (again && !closed);
            })()
              .catch((e) => {
                console.error(`live stream of sequence ${sequenceId}:`, e);
              })
              .finally(() => {
                pumping = null;
              });
            return pumping;
          };
          const sendPresence = () =>
            stream.writeSSE({ event: "presence", data: JSON.stringify(board.list(sequenceId)) });
          const offHub = hub.subscribe((e) => {
            if (
              e.kind === "resync" ||
              (e.kind === "batch" && e.sequenceId === sequenceId && e.revision > sent)
            )
              void pump();
          });
          const offBoard = board.onChange((id) => {
            if (id === sequenceId && !closed) void sendPresence().catch(() => {});
          });
          let wake!: () => void;
          const ended = new Promise<void>((r) => {
            wake = r;
          });
          stream.onAbort(() => {
            closed = true;
            wake();
          });
          await stream.writeSSE({
            event: "hello",
            data: JSON.stringify({ revision: head.head_revision, presence: board.list(sequenceId) }),
          });
          await pump();
          const startedMs = Date.now();
          const heartbeat = setInterval(() => {
            if (Date.now() - startedMs > MAX_STREAM_MS) return wake();
            void stream.write(": heartbeat\n\n").catch(() => wake());
            void pump();
          }, HEARTBEAT_MS);
          await ended;
          closed = true;
          connectionClosed();
          clearInterval(heartbeat);
          offHub();
          offBoard();
          if (query.clientId)
            await hub
              .publish({ kind: "leave", sequenceId, clientId: query.clientId })
              .catch((e) => console.error("live: presence leave not published:", e));
        });
      },
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
          entry: { ...body, username: c.get("principal")!.username },
        });
        return c.body(null, 204);
      },
    );
}
