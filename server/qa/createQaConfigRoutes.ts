import { Hono } from "hono";
import { parseQaOverrides } from "../../core/qa/QaConfig";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, ROLES } from "../auth/Principal";
import { projectQaConfig } from "./projectQaConfig";

/**
 * /api/projects/:id/qa-config: the project's QA settings. Members read them (the workspace runs
 * the checks with them); leads replace the overrides (an empty object restores every default).
 */
export function createQaConfigRoutes(deps: AppDeps, guards: Guards) {
  const { db } = deps.store;
  const reply = async (projectId: string) => {
    const row = await db
      .selectFrom("projects")
      .select("qa_config")
      .where("id", "=", projectId)
      .executeTakeFirstOrThrow();
    return { config: await projectQaConfig(deps.store, projectId), overrides: row.qa_config ?? {} };
  };
  return new Hono<AuthEnv>()
    .get("/:id/qa-config", guards.requireProjectRole(ROLES), async (c) =>
      c.json(await reply(c.get("projectId")), 200),
    )
    .put("/:id/qa-config", guards.requireProjectRole(MANAGER_ROLES), async (c) => {
      const parsed = parseQaOverrides(await c.req.json().catch(() => null));
      if ("problem" in parsed)
        return c.json({ error: "invalid-request", message: `QA settings: ${parsed.problem}` }, 400);
      const projectId = c.get("projectId");
      await db
        .updateTable("projects")
        .set({ qa_config: JSON.stringify(parsed.overrides) })
        .where("id", "=", projectId)
        .execute();
      await audit(deps.store, c, "project.qa-config-changed", `project:${projectId}`, {
        overrides: parsed.overrides,
      });
      return c.json(await reply(projectId), 200);
    });
}
