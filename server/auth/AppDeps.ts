import type { ServerDeps } from "../ServerDeps";
import type { AuthState } from "./createAuthState";

/** ServerDeps with the per-process authentication state the routes share. */
export type AppDeps = ServerDeps & { auth: AuthState };
