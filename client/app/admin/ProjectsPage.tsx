import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { apiClient, ok } from "../apiClient";
import { AppLink } from "../AppLink";
import type { Me } from "../session";
import { ActionResult, useAction } from "../useAction";
import { useApiCall } from "../useApiCall";
import { navigate } from "../useRoute";

/** Projects the user belongs to (all, for an admin); admins create new ones. */
export function ProjectsPage({ me }: { me: Me }) {
  const { t } = useTranslation();
  const projects = useApiCall(() => ok(apiClient.api.projects.$get()), []);
  const action = useAction();
  const [name, setName] = useState("");
  const create = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const p = await ok(apiClient.api.projects.$post({ json: { name } }));
      navigate(`/admin/projects/${encodeURIComponent(p.id)}`);
    });
  };
  return (
    <main className="page">
      <h1>{t("admin.projects.title")}</h1>
      {me.user.isAdmin && (
        <form className="form inline" onSubmit={create} aria-label={t("admin.projects.create")}>
          <input
            data-testid="new-project-name"
            placeholder={t("admin.projects.namePlaceholder")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
          />
          <button data-testid="create-project" type="submit">
            {t("admin.projects.create")}
          </button>
        </form>
      )}
      <ActionResult action={action} />
      <ul className="sequence-list">
        {projects.data?.map((p) => (
          <li key={p.id}>
            <AppLink href={`/admin/projects/${encodeURIComponent(p.id)}`} testId="project-link">
              {p.name}
            </AppLink>
          </li>
        ))}
      </ul>
    </main>
  );
}
