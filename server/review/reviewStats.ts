import type { ReviewStatsJson } from "../../core/api/review";
import type { Database } from "../db/openDatabase";

/**
 * Review results per labeler over a project's tasks: tasks by state, the verdicts that count now
 * (the newest per box or track within a task) with rejections by reason, and how often their
 * tasks were sent back. Sorted by name.
 */
export async function reviewStats(db: Database["db"], projectId: string): Promise<ReviewStatsJson> {
  const tasks = await db
    .selectFrom("tasks as t")
    .leftJoin("users as u", "u.id", "t.labeler_id")
    .select(["t.id", "t.state", "t.labeler_id", "u.display_name"])
    .where("t.project_id", "=", projectId)
    .execute();
  const verdicts = await db
    .selectFrom("box_verdicts as v")
    .innerJoin("tasks as t", "t.id", "v.task_id")
    .select(["v.task_id", "v.target_kind", "v.cuboid_id", "v.track_id", "v.verdict", "v.reason_code"])
    .where("t.project_id", "=", projectId)
    .orderBy("v.created_at")
    .orderBy("v.id")
    .execute();
  const rejections = await db
    .selectFrom("task_transitions as r")
    .innerJoin("tasks as t", "t.id", "r.task_id")
    .select(["r.task_id"])
    .where("t.project_id", "=", projectId)
    .where("r.to_state", "=", "rejected")
    .execute();
  const newest = new Map<string, (typeof verdicts)[number]>();
  for (const v of verdicts)
    newest.set(`${v.task_id}\u0000${v.target_kind}\u0000${v.cuboid_id ?? v.track_id}`, v);
  const byUser = new Map<string | null, ReviewStatsJson["annotators"][number]>();
  const labelerOf = new Map<string, string | null>();
  for (const t of tasks) {
    labelerOf.set(t.id, t.labeler_id);
    const s = byUser.get(t.labeler_id) ?? {
      userId: t.labeler_id,
      name: t.display_name,
      tasks: 0,
      tasksByState: {},
      accepted: 0,
      rejected: 0,
      rejectedByReason: {},
      taskRejections: 0,
    };
    s.tasks++;
    s.tasksByState[t.state] = (s.tasksByState[t.state] ?? 0) + 1;
    byUser.set(t.labeler_id, s);
  }
  for (const v of newest.values()) {
    const s = byUser.get(labelerOf.get(v.task_id) ?? null);
    if (!s) continue; // a verdict on a task outside the listed ones
    if (v.verdict === "accepted") s.accepted++;
    else {
      s.rejected++;
      const reason = v.reason_code ?? "unspecified";
      s.rejectedByReason[reason] = (s.rejectedByReason[reason] ?? 0) + 1;
    }
  }
  for (const r of rejections) {
    const s = byUser.get(labelerOf.get(r.task_id) ?? null);
    if (s) s.taskRejections++;
  }
  return {
    projectId,
    annotators: [...byUser.values()].sort((a, b) => (a.name ?? "").localeCompare(b.name ?? "")),
  };
}
