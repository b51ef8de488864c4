import { useSyncExternalStore } from "react";
import { isLanguage, setLanguage, t } from "../i18n/i18n";
import type { ApiError } from "./api";
import { apiClient, ok } from "./apiClient";

export type ProjectRole = "admin" | "lead" | "annotator" | "reviewer" | "viewer";
export interface Me {
  /** locale: the UI language the user chose; null: follow the browser. */
  user: { id: string; username: string; displayName: string; isAdmin: boolean; locale?: string | null };
  projects: Array<{ id: string; name: string; role: ProjectRole }>;
}
export type Session =
  | { status: "loading" }
  | { status: "signedOut"; message?: string }
  | { status: "signedIn"; me: Me };

let current: Session = { status: "loading" };
const listeners = new Set<() => void>();
const set = (s: Session) => {
  current = s;
  for (const l of listeners) l();
};

/** Asks the server who the cookie belongs to (the client never decides that itself). */
export async function refreshSession(): Promise<void> {
  try {
    const res = await apiClient.api.auth.me.$get();
    // 401 comes from the guard, which the route's declared replies do not list.
    if ((res.status as number) === 401) return set({ status: "signedOut" });
    if (!res.ok)
      return set({ status: "signedOut", message: t("errors.serverAnswered", { status: res.status }) });
    const me = (await res.json()) as Me;
    if (isLanguage(me.user.locale)) setLanguage(me.user.locale);
    set({ status: "signedIn", me });
  } catch (e) {
    set({ status: "signedOut", message: t("errors.unreachable", { detail: (e as Error).message }) });
  }
}

export async function signIn(username: string, password: string): Promise<void> {
  await ok(apiClient.api.auth["sign-in"].$post({ json: { username, password } }));
  await refreshSession();
}

export async function signOut(): Promise<void> {
  await ok(apiClient.api.auth["sign-out"].$post()).catch((e: ApiError) => {
    if (e.status !== 401) throw e;
  });
  set({ status: "signedOut" });
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

export function useSession(): Session {
  return useSyncExternalStore(subscribe, () => current);
}

/** Whether the signed-in user manages (admin or lead) any project: they see the admin pages. */
export const managesAny = (me: Me): boolean =>
  me.user.isAdmin || me.projects.some((p) => p.role === "admin" || p.role === "lead");
