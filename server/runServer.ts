import { queuePendingEgoPoses } from "./poses/defineEgoPoseJobs";
import path from "node:path";
import { Hono } from "hono";
import { createApp } from "./app";
import { openBlobStore } from "./blobs/openBlobStore";
import { ConfigError, ensureWritableDataDir, type ServerConfig } from "./config";
import { ensureAdmin } from "./auth/ensureAdmin";
import { DatabaseOpenError, openDatabase } from "./db/openDatabase";
import { withStartupLock } from "./db/withStartupLock";
import { createJobQueue } from "./jobs/createJobQueue";
import { securityHeaders } from "./http/securityHeaders";
import { importSampleOnFirstStart } from "./importSampleOnFirstStart";
import { listen } from "./listen";
import type { Logger } from "./ops/createLogger";
import { serveClient } from "./serveClient";

export interface RunningServer {
  url: string;
  port: number;
  /**
   * Graceful stop: /readyz turns 503, the port stops accepting, requests in flight (saves) finish
   * within config.shutdownGraceMs, then the database closes.
   */
  close(): Promise<void>;
}

/**
 * Starts the whole server: checks DATA_DIR, binds the port (so a port in use fails at once), opens and
 * migrates the store, serves the API and the built client, imports the sample on first start, and only
 * then logs the "ready at" line. Until ready, requests get 503.
 */
export async function runServer(config: ServerConfig, logger: Logger): Promise<RunningServer> {
  const log = (line: string) => logger.info(line);
  ensureWritableDataDir(config.dataDir);
  const client = serveClient(config.clientDir);
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () =>
    new Response("starting", { status: 503, headers: { "Retry-After": "1" } });
  const listening = await listen((request, env) => handler(request, env), config.port, config.host);
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase({
      dataDir: config.dataDir,
      databaseUrl: config.databaseUrl,
      ...(config.databasePoolSize ? { poolSize: config.databasePoolSize } : {}),
    });
  } catch (error) {
    await listening.close();
    throw error instanceof DatabaseOpenError ? new ConfigError(error.message) : error;
  }
  let draining = false;
  const close = async () => {
    draining = true;
    const pending = listening.inFlight();
    if (pending > 0)
      log(`waiting for ${pending} request(s) in flight (at most ${config.shutdownGraceMs} ms)`);
    await listening.close(config.shutdownGraceMs);
    await database.close();
  };
  try {
    const blobs = openBlobStore(config.blobUrl, config.dataDir, process.env);
    // Stopped by database.close(): running jobs get the shutdown grace, then fail and are retried
    // by another server (or by this one when it is back).
    const jobs = createJobQueue({ store: database, log: logger, stopGraceMs: config.shutdownGraceMs });
    const deps = {
      store: database,
      blobs,
      jobs,
      uploadsDir: path.join(config.dataDir, "uploads"),
      log: logger,
      ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
      allowPrivatePluginUrls: config.allowPrivatePluginUrls,
      isDraining: () => draining,
    };
    await blobs.check().catch((e: Error) => {
      throw new ConfigError(`blob store ${blobs.location}: ${e.message}`);
    });
    const app = new Hono().route("/", createApp(deps)).use(securityHeaders()).route("/", client);
    // Servers started together on one PostgreSQL take turns: one creates the admin and imports the sample.
    const admin = await withStartupLock(database.db, database.kind, async () => {
      const created = await ensureAdmin(database, config.dataDir, config.adminPassword).catch((e: Error) => {
        throw new ConfigError(e.message);
      });
      if (config.sampleDir) {
        let lastLine = "";
        const outcome = await importSampleOnFirstStart(deps, config.sampleDir, (progress) => {
          const line =
            progress.phase === "blobs"
              ? `importing the sample sequence: files ${progress.done}/${progress.total}`
              : `importing the sample sequence: ${progress.phase === "database" ? "writing the database" : "reading"}`;
          // One line per phase and per tenth of the files, not one per file.
          if (
            progress.phase !== "blobs" ||
            progress.done === progress.total ||
            progress.done % Math.ceil(progress.total / 10) === 0
          ) {
            if (line !== lastLine) log((lastLine = line));
          }
        });
        if (outcome.imported) log(`imported the sample sequence (${outcome.sequenceId})`);
      }
      return created;
    });
    // After createApp, which defines the job kinds this server runs.
    await jobs.start();
    // Sequences stored without poses and not yet estimated (a CLI import, an older version's data).
    queuePendingEgoPoses({ store: database, jobs }).catch((e) =>
      log(`ego poses: pending estimates not queued: ${(e as Error).message}`),
    );
    handler = (request, env) => app.fetch(request, env as object);
    const shownHost = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    const url = `http://${shownHost.includes(":") ? `[${shownHost}]` : shownHost}:${listening.port}`;
    log(
      `${database.kind === "pglite" ? "embedded store" : "PostgreSQL"} · data in ${config.dataDir} · blobs in ${blobs.location}`,
    );
    if (admin.created && admin.password)
      log(
        `created user "admin" with password ${admin.password} (also in ${admin.passwordFile}, readable only by you; change it after signing in)`,
      );
    else if (admin.created) log(`created user "admin" with the password in ADMIN_PASSWORD`);
    log(`Cuboidal is ready at ${url} (listening on ${config.host}; sign in as admin)`);
    return { url, port: listening.port, close };
  } catch (error) {
    await close();
    throw error;
  }
}
