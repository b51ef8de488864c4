import type { Me } from "../../app/session";

export interface UploadProject {
  id: string;
  name: string;
}

/**
 * The projects a user may upload into, by name: every project for an admin (`all`, from
 * GET /api/projects; empty until it arrives), else those where they are an admin or lead —
 * the same rule the server's import guard applies (MANAGER_ROLES).
 */
export function uploadProjects(me: Me, all: readonly UploadProject[] | null): UploadProject[] {
  const list = me.user.isAdmin
    ? [...(all ?? [])]
    : me.projects
        .filter((p) => p.role === "admin" || p.role === "lead")
        .map(({ id, name }) => ({ id, name }));
  return list.sort((a, b) => a.name.localeCompare(b.name));
}
