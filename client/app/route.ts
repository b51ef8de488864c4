// The app's routes and in-app navigation, without React (the workspace follows Back/Forward through it).
/** The app's pages, parsed from the URL. `frameIndex` is the 0-based `?frame=N`; `?task=` opens the workspace on a task. */
export type Route =
  | { page: "list" }
  | { page: "upload" }
  | { page: "workspace"; sequenceId: string; frameIndex: number; taskId: string | null }
  | { page: "account" }
  | { page: "adminUsers" }
  | { page: "adminProjects" }
  | { page: "adminProject"; projectId: string }
  | { page: "adminAudit" }
  | { page: "team"; projectId: string | null }
  | { page: "notFound"; path: string };

const FIXED: Record<string, Route> = {
  "/upload": { page: "upload" },
  "/account": { page: "account" },
  "/admin/users": { page: "adminUsers" },
  "/admin/projects": { page: "adminProjects" },
  "/admin/audit": { page: "adminAudit" },
};

export function parseRoute(pathname: string, search: string): Route {
  if (pathname === "/" || pathname === "") return { page: "list" };
  const fixed = FIXED[pathname.replace(/\/$/, "")];
  if (fixed) return fixed;
  if (pathname.replace(/\/$/, "") === "/team")
    return { page: "team", projectId: new URLSearchParams(search).get("project") };
  const project = /^\/admin\/projects\/([^/]+)\/?$/.exec(pathname);
  if (project?.[1]) return { page: "adminProject", projectId: decodeURIComponent(project[1]) };
  const sequenceId = /^\/sequences\/([^/]+)\/?$/.exec(pathname)?.[1];
  if (!sequenceId) return { page: "notFound", path: pathname };
  const params = new URLSearchParams(search);
  const frame = Number(params.get("frame") ?? "0");
  return {
    page: "workspace",
    sequenceId: decodeURIComponent(sequenceId),
    frameIndex: Number.isInteger(frame) && frame >= 0 ? frame : 0,
    taskId: params.get("task") || null,
  };
}

const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};
if (typeof window !== "undefined") window.addEventListener("popstate", notify);

/** Navigates inside the app; `replace` keeps the history entry (frame stepping must not flood Back). */
export function navigate(href: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  notify();
}

/** Runs `l` on Back/Forward and on every in-app navigation. */
export const subscribeRoute = (l: () => void): (() => void) => {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
};
/** The URL now: path and query. */
export const currentHref = (): string => window.location.pathname + window.location.search;
