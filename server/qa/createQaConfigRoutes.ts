import { createRoute } from "@hono/zod-openapi";
import { errorReply, jsonBody, jsonContent, openApiRoutes } from "../http/openApiRoutes";
import { z } from "zod";
import { parseQaOverrides, qaConfigSchema } from "../../core/qa/QaConfig";
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
  const settings = jsonContent(
    z.object({ config: qaConfigSchema, overrides: z.unknown() }),
    "The checks' settings (defaults with the overrides) and the stored overrides",
  );
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/{id}/qa-config",
        middleware: [guards.requireProjectRole(ROLES)] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: { 200: settings },
      }),
      async (c) => c.json(await reply(c.get("projectId")), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/{id}/qa-config",
        middleware: [guards.requireProjectRole(MANAGER_ROLES)] as const,
        request: {
          params: z.object({ id: z.string() }),
          // Per check, the settings that differ from the defaults; parseQaOverrides names a wrong one.
          ...jsonBody(z.record(z.string(), z.record(z.string(), z.unknown()))),
        },
        responses: {
          200: settings,
          400: errorReply("Malformed request: the message names the field and the reason"),
        },
      }),
      async (c) => {
        const parsed = parseQaOverrides(c.req.valid("json"));
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
      },
    );
}
