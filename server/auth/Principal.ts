import type { ProjectRole } from "../db/Schema";

/** Who a request is from, decided on the server from its session cookie or bearer token. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
  via: "session" | "token";
  /** The credential's hash (session) or id (token), so sign-out and revoke can drop it. */
  credential: string;
}

/** Hono variables every route can read after `authenticate`. */
export interface AuthEnv {
  Variables: {
    principal: Principal | null;
    /** Set by requireProjectRole / requireSequenceRole. */
    role: ProjectRole;
    projectId: string;
  };
}

export const ROLES: readonly ProjectRole[] = ["admin", "lead", "annotator", "reviewer", "viewer"];
/** Roles that may write annotations (annotators and reviewers only inside their tasks). */
export const WRITER_ROLES: readonly ProjectRole[] = ["admin", "lead", "annotator", "reviewer"];
/** Roles that manage a project: members, tasks, imports, exports. */
export const MANAGER_ROLES: readonly ProjectRole[] = ["admin", "lead"];
/** Roles that may judge boxes and pin review issues (the task's reviewer, or a lead). */
export const REVIEW_ROLES: readonly ProjectRole[] = ["admin", "lead", "reviewer"];
