import type { ModelPlugin, ProjectPlugin } from "../../core/api/modelPlugin";
import type { Database } from "../db/openDatabase";
import { builtinModelPlugin } from "./builtinModelPlugin";
import { httpModelPlugin } from "./httpModelPlugin";
import type { SequenceLabeler } from "./SequenceLabeler";

/** The built-in plugin's address as the contract names it (served at /api/plugins/builtin). */
export const BUILTIN_PLUGIN_URL = "/api/plugins/builtin";

/** Leads see a token by its last 4 characters, and only when it has 12 or more (else nothing of it). */
const hintOf = (token: string) => (token.length >= 12 ? `…${token.slice(-4)}` : "…");

/** The project's model server as leads see it: the built-in one until a lead sets a URL. */
export async function projectPluginView(
  store: Pick<Database, "db">,
  projectId: string,
): Promise<ProjectPlugin> {
  const row = await store.db
    .selectFrom("project_plugins")
    .selectAll()
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!row) return { kind: "builtin", url: BUILTIN_PLUGIN_URL, tokenHint: null, updatedAt: null };
  return {
    kind: "external",
    url: row.url,
    tokenHint: hintOf(row.token),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The plugin the project's pre-label jobs call; `allowPrivate`: PLUGIN_ALLOW_PRIVATE (pluginUrlProblem). */
export async function modelPluginFor(
  store: Pick<Database, "db">,
  projectId: string,
  allowPrivate = false,
): Promise<ModelPlugin & Partial<SequenceLabeler>> {
  const row = await store.db
    .selectFrom("project_plugins")
    .select(["url", "token"])
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  return row ? httpModelPlugin(row.url, row.token, { allowPrivate }) : builtinModelPlugin;
}
