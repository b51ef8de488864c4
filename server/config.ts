import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { s3OptionsFromUrl } from "./blobs/openBlobStore";

export interface ServerConfig {
  port: number;
  /** Interface to listen on: 127.0.0.1 unless HOST says otherwise (0.0.0.0 opens it to the network). */
  host: string;
  /** ADMIN_PASSWORD: the first start's admin password instead of a random one. */
  adminPassword?: string;
  /** Absolute path of the data directory (PGlite database, blobs). */
  dataDir: string;
  /** When set, PostgreSQL instead of the embedded store. */
  databaseUrl?: string;
  /** DATABASE_POOL_SIZE: a server's most pooled PostgreSQL connections (default DEFAULT_POOL_SIZE). */
  databasePoolSize?: number;
  /** Built client to serve, absolute. */
  clientDir: string;
  /** Native-layout sequence imported on first start; undefined disables it. */
  sampleDir?: string;
  /** BLOB_URL: `s3://bucket/prefix` for object storage (see blobs/openBlobStore.ts); unset: DATA_DIR/blobs. */
  blobUrl?: string;
  /** METRICS_TOKEN: a bearer secret for GET /metrics besides admins. */
  metricsToken?: string;
  /** SHUTDOWN_GRACE_MS: how long a SIGTERM waits for requests in flight (default 10 s). */
  shutdownGraceMs: number;
  /** PLUGIN_ALLOW_PRIVATE=1: model servers may be on loopback, link-local or private addresses. */
  allowPrivatePluginUrls: boolean;
}

/** A configuration problem: its message is the one line printed before exiting non-zero. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Reads PORT, HOST, DATA_DIR, DATABASE_URL, DATABASE_POOL_SIZE, ADMIN_PASSWORD, BLOB_URL (with the S3 variables of
 * openBlobStore), METRICS_TOKEN, SHUTDOWN_GRACE_MS, PLUGIN_ALLOW_PRIVATE (and SAMPLE_DIR, "none" to
 * skip the sample).
 */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const portText = env.PORT ?? "8080";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT=${portText} is not a port number (0–65535)`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      `DATABASE_URL must start with postgres:// or postgresql:// (got "${databaseUrl.slice(0, 40)}")`,
    );
  }
  const poolText = env.DATABASE_POOL_SIZE?.trim() || undefined;
  if (poolText !== undefined && (!/^\d{1,4}$/.test(poolText) || Number(poolText) < 1))
    throw new ConfigError(
      `DATABASE_POOL_SIZE=${poolText.slice(0, 20)} is not a number of connections (1 or more)`,
    );
  const sample = env.SAMPLE_DIR ?? "sample-data/default";
  const host = env.HOST?.trim() || "127.0.0.1";
  if (!/^[0-9a-zA-Z.:-]{1,253}$/.test(host))
    throw new ConfigError(`HOST=${host.slice(0, 60)} is not a host name or address`);
  const blobUrl = env.BLOB_URL?.trim() || undefined;
  if (blobUrl?.startsWith("s3://"))
    try {
      s3OptionsFromUrl(blobUrl, env);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
  const graceText = env.SHUTDOWN_GRACE_MS ?? "10000";
  if (!/^\d{1,7}$/.test(graceText))
    throw new ConfigError(`SHUTDOWN_GRACE_MS=${graceText.slice(0, 20)} is not a number of milliseconds`);
  const metricsToken = env.METRICS_TOKEN?.trim() || undefined;
  if (metricsToken && metricsToken.length < 16)
    throw new ConfigError("METRICS_TOKEN is too short: use at least 16 random characters");
  const allowPrivateText = env.PLUGIN_ALLOW_PRIVATE?.trim().toLowerCase() ?? "";
  if (!["", "0", "1", "true", "false"].includes(allowPrivateText))
    throw new ConfigError(`PLUGIN_ALLOW_PRIVATE=${allowPrivateText.slice(0, 20)}: expected 1 or 0`);
  return {
    port,
    host,
    allowPrivatePluginUrls: allowPrivateText === "1" || allowPrivateText === "true",
    ...(blobUrl ? { blobUrl } : {}),
    ...(metricsToken ? { metricsToken } : {}),
    shutdownGraceMs: Number(graceText),
    ...(env.ADMIN_PASSWORD ? { adminPassword: env.ADMIN_PASSWORD } : {}),
    dataDir: path.resolve(cwd, env.DATA_DIR || "./data"),
    databaseUrl,
    ...(poolText ? { databasePoolSize: Number(poolText) } : {}),
    clientDir: path.resolve(cwd, env.CLIENT_DIR || "dist/client"),
    sampleDir: sample === "none" ? undefined : path.resolve(cwd, sample),
  };
}

/** Creates DATA_DIR if needed and proves it is writable, so a bad directory fails before anything is stored. */
export function ensureWritableDataDir(dataDir: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    accessSync(dataDir, constants.W_OK);
    const probe = path.join(dataDir, `.write-probe-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`DATA_DIR ${dataDir} is not a writable directory (${code})`);
  }
}
