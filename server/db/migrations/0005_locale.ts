import { type Kysely, sql } from "kysely";
import type { ClassDefinition } from "../../../core/model/ClassDefinition";
import { DEFAULT_CLASSES } from "../../../core/model/defaultClasses";

/** A catalogue with the default classes' display names where a class of that name has none. */
export function withDefaultDisplayNames(classes: ClassDefinition[]): ClassDefinition[] {
  return classes.map((c) => {
    const d = DEFAULT_CLASSES.find((k) => k.name === c.name);
    if (!d) return c;
    return {
      ...c,
      ...(c.displayNames || !d.displayNames ? {} : { displayNames: d.displayNames }),
      attributes: (c.attributes ?? []).map((a) => {
        const da = d.attributes.find((x) => x.name === a.name && x.kind === a.kind);
        if (!da || a.displayNames) return a;
        return {
          ...a,
          ...(da.displayNames ? { displayNames: da.displayNames } : {}),
          ...(a.kind === "enum" && da.kind === "enum" && da.valueDisplayNames && !a.valueDisplayNames
            ? { valueDisplayNames: da.valueDisplayNames }
            : {}),
        };
      }),
    };
  });
}

/**
 * Each user's UI language ("en", "zh-CN"; null: follow the browser), and the Chinese display names
 * of the default classes for catalogues made before display names existed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").addColumn("locale", "text").execute();
  const projects = await sql<{
    id: string;
    classes: ClassDefinition[];
  }>`select id, classes from projects`.execute(db);
  for (const p of projects.rows) {
    const next = withDefaultDisplayNames(p.classes);
    if (JSON.stringify(next) !== JSON.stringify(p.classes))
      await sql`update projects set classes = ${JSON.stringify(next)}::jsonb where id = ${p.id}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("locale").execute();
}
