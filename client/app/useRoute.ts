import { useSyncExternalStore } from "react";

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
  if (project) return { page: "adminProject", projectId: decodeURIComponent(project[1]!) };
  const m = /^\/sequences\/([^/]+)\/?$/.exec(pathname);
  if (!m) return { page: "notFound", path: pathname };
  const params = new URLSearchParams(search);
  const frame = Number(params.get("frame") ?? "0");
  return {
    page: "workspace",
    sequenceId: decodeURIComponent(m[1]!),
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

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => window.location.pathname + window.location.search;

export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, "http://x");
  return parseRoute(url.pathname, url.search);
}
