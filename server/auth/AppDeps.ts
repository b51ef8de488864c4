import type { ServerDeps } from "../ServerDeps";
import type { JobQueue } from "../jobs/createJobQueue";
import type { AuthState } from "./createAuthState";

/** ServerDeps with the per-process authentication state and the job queue the routes share. */
export type AppDeps = ServerDeps & { auth: AuthState; jobs: JobQueue };
