import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { roleLabel } from "../../i18n/codeLabels";
import type { Member } from "../../../core/api/projects";
import { apiClient, fetchSequences, ok, pathParam } from "../apiClient";
import type { Me, ProjectRole } from "../session";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";
import { ClassCatalogue } from "./ClassCatalogue";
import { ProjectTasks } from "./ProjectTasks";
import { ModelPluginSettings } from "./ModelPluginSettings";
import { QaSettings } from "./QaSettings";

export type { Member };
const ROLES: ProjectRole[] = ["viewer", "annotator", "reviewer", "lead", "admin"];

/** One project for its admin or lead: class catalogue, sequences, members and roles, tasks. */
export function ProjectPage({ projectId, me }: { projectId: string; me: Me }) {
  const { t } = useTranslation();
  const param = { id: pathParam(projectId) };
  const project = useApiCall(() => ok(apiClient.api.projects[":id"].$get({ param })), [projectId]);
  const members = useApiCall(() => ok(apiClient.api.projects[":id"].members.$get({ param })), [projectId]);
  const users = useApiCall(() => ok(apiClient.api.users.directory.$get()), []);
  const sequences = useApiCall(() => fetchSequences(), []);
  const action = useAction();
  const [newMember, setNewMember] = useState("");
  const [newRole, setNewRole] = useState<ProjectRole>("annotator");
  const [moveId, setMoveId] = useState("");
  const setRole = (userId: string, role: ProjectRole) =>
    action.run(async () => {
      await ok(
        apiClient.api.projects[":id"].members[":userId"].$put({
          param: { id: pathParam(projectId), userId: pathParam(userId) },
          json: { role },
        }),
      );
      members.reload();
    });
  const addMember = (e: FormEvent) => {
    e.preventDefault();
    if (newMember) void setRole(newMember, newRole);
  };
  const moveSequence = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      await ok(
        apiClient.api.sequences[":id"].$patch({ param: { id: pathParam(moveId) }, json: { projectId } }),
      );
      sequences.reload();
    });
  };
  if (project.error) return <main className="page error">{project.error}</main>;
  if (!project.data) return <main className="page">{t("common.loading")}</main>;
  const mine = sequences.data?.filter((s) => s.projectId === projectId) ?? [];
  const others = sequences.data?.filter((s) => s.projectId !== projectId) ?? [];
  return (
    <main className="page">
      <h1 data-testid="project-title">{project.data.name}</h1>
      <ActionResult action={action} />
      <h2>{t("sequences.title")}</h2>
      <ul className="sequence-list">
        {mine.map((s) => (
          <li key={s.id}>
            {s.name} <span className="muted">{t("sequences.frames", { count: s.frameCount })}</span>
          </li>
        ))}
      </ul>
      {me.user.isAdmin && others.length > 0 && (
        <form className="form inline" onSubmit={moveSequence} aria-label={t("admin.project.moveHere")}>
          <select
            data-testid="move-sequence"
            value={moveId}
            onChange={(e) => setMoveId(e.target.value)}
            required
          >
            <option value="">{t("admin.project.fromOtherProject")}</option>
            {others.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button data-testid="move-sequence-submit" type="submit">
            {t("admin.project.moveHere")}
          </button>
        </form>
      )}
      <h2>{t("admin.project.members")}</h2>
      <table className="grid" data-testid="members">
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.userId}>
              <td>{m.displayName}</td>
              <td>
                <select
                  value={m.role}
                  onChange={(e) => void setRole(m.userId, e.target.value as ProjectRole)}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {roleLabel(r)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <button
                  type="button"
                  className="danger"
                  onClick={() =>
                    void action.run(async () => {
                      await ok(
                        apiClient.api.projects[":id"].members[":userId"].$delete({
                          param: { id: pathParam(projectId), userId: pathParam(m.userId) },
                        }),
                      );
                      members.reload();
                    })
                  }
                >
                  {t("common.remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {users.data && (
        <form className="form inline" onSubmit={addMember} aria-label={t("admin.project.addMember")}>
          <select
            data-testid="member-user"
            value={newMember}
            onChange={(e) => setNewMember(e.target.value)}
            required
          >
            <option value="">{t("admin.project.userPlaceholder")}</option>
            {users.data.map((u) => (
              <option key={u.id} value={u.id}>
                {u.username}
              </option>
            ))}
          </select>
          <select
            data-testid="member-role"
            value={newRole}
            onChange={(e) => setNewRole(e.target.value as ProjectRole)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </select>
          <button data-testid="add-member" type="submit">
            {t("admin.project.addMember")}
          </button>
        </form>
      )}
      <ProjectTasks projectId={projectId} sequences={mine} members={members.data ?? []} />
      <ClassCatalogue projectId={projectId} classes={project.data.classes} onSaved={project.reload} />
      <QaSettings projectId={projectId} />
      <ModelPluginSettings projectId={projectId} />
    </main>
  );
}
