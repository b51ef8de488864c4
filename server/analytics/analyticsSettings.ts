import {
  type AnalyticsSettings,
  analyticsSettingsSchema,
  DEFAULT_ANALYTICS_SETTINGS,
} from "../../core/analytics/AnalyticsSettings";
import type { Database } from "../db/openDatabase";

/** A project's analytics settings; the defaults until its lead sets them. */
export async function readAnalyticsSettings(
  store: Pick<Database, "db">,
  projectId: string,
): Promise<AnalyticsSettings> {
  const row = await store.db
    .selectFrom("analytics_settings")
    .select("settings")
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!row) return DEFAULT_ANALYTICS_SETTINGS;
  const parsed = analyticsSettingsSchema.safeParse({
    ...DEFAULT_ANALYTICS_SETTINGS,
    ...(row.settings as object),
  });
  return parsed.success ? parsed.data : DEFAULT_ANALYTICS_SETTINGS;
}

export async function writeAnalyticsSettings(
  store: Pick<Database, "db">,
  projectId: string,
  settings: AnalyticsSettings,
): Promise<void> {
  const json = JSON.stringify(settings);
  const now = new Date().toISOString();
  await store.db
    .insertInto("analytics_settings")
    .values({ project_id: projectId, settings: json, updated_at: now })
    .onConflict((oc) => oc.column("project_id").doUpdateSet({ settings: json, updated_at: now }))
    .execute();
}
