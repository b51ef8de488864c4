import type { AuthState } from "./auth/createAuthState";
import type { BlobStore } from "./blobs/BlobStore";
import type { Database } from "./db/openDatabase";
import type { JobQueue } from "./jobs/createJobQueue";
import type { ImportLimits } from "./import/createImportRoutes";
import type { Logger } from "./ops/createLogger";

/** What every route and store function is given: the database and the blob store. */
export interface ServerDeps {
  store: Database;
  blobs: BlobStore;
  /** Upload limits; defaults in createImportRoutes.ts. */
  importLimits?: ImportLimits;
  /** Resumable uploads in progress (createTusUploads); default: a folder in the system temp dir. */
  uploadsDir?: string;
  /** Credential cache and sign-in throttle; createApp makes one when absent. */
  auth?: AuthState;
  /** Structured logger (pino); createApp makes one from LOG_LEVEL when absent. */
  log?: Logger;
  /** METRICS_TOKEN: a bearer secret a Prometheus scraper may use for GET /metrics (admins may always). */
  metricsToken?: string;
  /**
   * The deployment's job queue (runServer starts it so this server runs jobs); createApp makes one
   * that starts on first use when absent.
   */
  jobs?: JobQueue;
  /**
   * PLUGIN_ALLOW_PRIVATE: leads may point a project's model server at loopback, link-local and
   * private addresses (a model server on the same machine or network); refused by default (SSRF).
   */
  allowPrivatePluginUrls?: boolean;
  /** True once graceful shutdown has begun: /readyz answers 503 so load balancers drain this server. */
  isDraining?: () => boolean;
}
