import { type QaConfig, qaConfigSchema } from "../../core/qa/QaConfig";
import type { Database } from "../db/openDatabase";

/** A project's QA settings: its stored overrides over the defaults (all defaults for an unknown project). */
export async function projectQaConfig(store: Pick<Database, "db">, projectId: string): Promise<QaConfig> {
  const row = await store.db
    .selectFrom("projects")
    .select("qa_config")
    .where("id", "=", projectId)
    .executeTakeFirst();
  return qaConfigSchema.parse(row?.qa_config ?? {});
}

/** The QA settings of the project a sequence belongs to. */
export async function sequenceQaConfig(store: Pick<Database, "db">, sequenceId: string): Promise<QaConfig> {
  const row = await store.db
    .selectFrom("sequences")
    .select("project_id")
    .where("id", "=", sequenceId)
    .executeTakeFirst();
  return projectQaConfig(store, row?.project_id ?? "");
}
