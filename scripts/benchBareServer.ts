import { readFileSync } from "node:fs";
import path from "node:path";
import { Hono } from "hono";
import { annotationBatchSchema } from "../core/api/annotationBatch";
import { must } from "../core/model/must";
import type { AppDeps } from "../server/auth/AppDeps";
import { authenticate } from "../server/auth/authenticate";
import { createAuthState } from "../server/auth/createAuthState";
import { createGuards } from "../server/auth/createGuards";
import type { AuthEnv } from "../server/auth/Principal";
import { createFileBlobStore } from "../server/blobs/createFileBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { checkRequest } from "../server/http/checkRequest";
import { securityHeaders } from "../server/http/securityHeaders";
import { validate } from "../server/http/validate";
import { createJobQueue } from "../server/jobs/createJobQueue";
import { listen } from "../server/listen";
import { createLogger } from "../server/ops/createLogger";
import { type RequestEnv, requestContext } from "../server/ops/requestContext";
import { addTestUser } from "../server/testing/testAuth";

// The bare routes of bench:server, in a server process of their own:
// `node --import tsx scripts/benchBareServer.ts DIR USERS` (DIR holds frame.json, the reply of the frame
// route; USERS accounts, one per simulated annotator, as the stored phases have).
// The same HTTP stack as server/main.ts (node-server, request ids and a JSON log line per request,
// security headers, the request checks, bearer authentication through the credential cache, the
// route's zod validation), and no storage work: a POST of a batch answers its base revision + 1, a GET
// of a frame answers a stored frame's JSON. Prints `tokens T1,T2,…` (one a user) and `ready at URL`
// when it listens.
const dir = process.argv[2];
const userCount = Number(process.argv[3] ?? 1);
if (!dir || !(userCount >= 1)) throw new Error("usage: benchBareServer.ts DIR USERS (with DIR/frame.json)");
const frame = JSON.parse(readFileSync(path.join(dir, "frame.json"), "utf8")) as object;
const log = createLogger();
const store = await openDatabase({ dataDir: path.join(dir, "data") });
const users = [];
for (let i = 0; i < userCount; i++)
  users.push(await addTestUser(store, `bench-annotator-${i}`, { isAdmin: true }));
const deps: AppDeps = {
  store,
  blobs: createFileBlobStore(path.join(dir, "blobs")),
  log,
  auth: createAuthState(),
  jobs: createJobQueue({ store, log }),
};
const guards = createGuards(store, deps.auth);
const api = new Hono<AuthEnv>()
  .use(checkRequest([{ path: /\/annotations\/batches$/, maxBytes: 64 * 1024 * 1024 }]))
  .use(authenticate(deps))
  .post(
    "/sequences/:id/annotations/batches",
    guards.requireUser,
    validate("json", annotationBatchSchema),
    (c) => c.json({ revision: c.req.valid("json").baseRevision + 1 }, 200),
  )
  .get("/sequences/:id/frames/:index", guards.requireUser, (c) => c.json(frame, 200));
const app = new Hono<RequestEnv>().use(requestContext(log)).use(securityHeaders()).route("/api", api);
const listening = await listen((request, env) => app.fetch(request, env), 0);
process.on("SIGTERM", async () => {
  await listening.close();
  await store.close();
  process.exit(0);
});
console.log(
  `tokens ${users.map((u) => must(u.headers.Authorization, "a bench user's Authorization header").replace(/^Bearer /, "")).join(",")}`,
);
console.log(`ready at http://127.0.0.1:${listening.port}`);
