import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { DEFAULT_ERROR_TYPES } from "../../../core/review/ErrorType";
import { createPgliteDialect } from "../createPgliteDialect";
import type { Schema } from "../Schema";
import { MIGRATIONS } from "./index";

describe("migration 0004_review", () => {
  it("maps the states stored before the workflow, gives projects the default error types, and round-trips", async () => {
    const pg = await PGlite.create();
    const db = new Kysely<Schema>({ dialect: createPgliteDialect(pg) });
    try {
      const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
      expect((await migrator.migrateTo("0003_dataio")).error).toBeUndefined();
      await sql`insert into sequences (id, name, lidar_name, cameras, classes) values ('s', 'S', 'lidar', '[]', '[]')`.execute(
        db,
      );
      for (const state of ["labeling", "review", "done"])
        await sql`insert into tasks (id, project_id, sequence_id, name, state) values (${state}, 'default', 's', ${state}, ${state})`.execute(
          db,
        );
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const states = await db
        .selectFrom("tasks")
        .select(["id", "state", "sample_percent"])
        .orderBy("id")
        .execute();
      expect(states).toEqual([
        { id: "done", state: "accepted", sample_percent: 100 },
        { id: "labeling", state: "labeling", sample_percent: 100 },
        { id: "review", state: "in-review", sample_percent: 100 },
      ]);
      const project = await db.selectFrom("projects").select("error_types").executeTakeFirstOrThrow();
      expect(project.error_types).toEqual(DEFAULT_ERROR_TYPES);
      // New tasks start to do; a state outside the workflow is refused by the database itself.
      await sql`insert into tasks (id, project_id, sequence_id, name) values ('new', 'default', 's', 'new')`.execute(
        db,
      );
      expect(
        (await db.selectFrom("tasks").select("state").where("id", "=", "new").executeTakeFirstOrThrow())
          .state,
      ).toBe("todo");
      await expect(sql`update tasks set state = 'done' where id = 'new'`.execute(db)).rejects.toThrow(
        /tasks_state_check/,
      );
      expect((await migrator.migrateTo("0003_dataio")).error).toBeUndefined();
      const back = await sql<{ id: string; state: string }>`select id, state from tasks order by id`.execute(
        db,
      );
      expect(back.rows).toEqual([
        { id: "done", state: "done" },
        { id: "labeling", state: "labeling" },
        { id: "new", state: "labeling" },
        { id: "review", state: "review" },
      ]);
    } finally {
      await db.destroy();
      await pg.close();
    }
  });
});
