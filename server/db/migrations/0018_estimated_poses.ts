import { type Kysely, sql } from "kysely";

/**
 * Ego poses estimated from the lidar for sequences recorded without them (issue #19): each frame's
 * estimate beside the recorded pose (exports keep writing only what was recorded), and the
 * sequence's state: recorded | pending | queued | estimated | unavailable (with the reason in
 * `ego_poses_note`). Sequences already stored whose every frame has the identity ("no pose", as
 * importers store it) are marked pending, so a server estimates them at its next start.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("frames").addColumn("estimated_world_from_lidar", "jsonb").execute();
  await db.schema
    .alterTable("sequences")
    .addColumn("ego_poses", "text", (c) => c.notNull().defaultTo("recorded"))
    .execute();
  await db.schema.alterTable("sequences").addColumn("ego_poses_note", "text").execute();
  await sql`
    update sequences s set ego_poses = 'pending'
    where (select count(*) from frames f where f.sequence_id = s.id) >= 2
      and not exists (
        select 1 from frames f where f.sequence_id = s.id
          and f.world_from_lidar <> '{"translationM":{"x":0,"y":0,"z":0},"rotation":{"w":1,"x":0,"y":0,"z":0}}'::jsonb
      )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("sequences").dropColumn("ego_poses_note").execute();
  await db.schema.alterTable("sequences").dropColumn("ego_poses").execute();
  await db.schema.alterTable("frames").dropColumn("estimated_world_from_lidar").execute();
}
