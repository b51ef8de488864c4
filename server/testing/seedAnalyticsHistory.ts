import { rmSync } from "node:fs";
import type { AnnotationOperation } from "../../core/api/annotationBatch";
import type { AnalyticsSettings } from "../../core/analytics/AnalyticsSettings";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Provenance } from "../../core/model/Provenance";
import type { TaskState } from "../../core/review/TaskState";
import { DEFAULT_ERROR_TYPES } from "../../core/review/ErrorType";
import { createTask } from "../accounts/tasks";
import { writeAnalyticsSettings } from "../analytics/analyticsSettings";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { importSequence } from "../import/importSequence";
import type { ServerDeps } from "../ServerDeps";
import { applyBatch } from "../store/applyBatch";
import { addTestUser, type TestUser } from "./testAuth";
import { writeTinySequence } from "./writeTinySequence";

/** The settings the seeded project uses: 5-minute idle gap, 3 cents a box, 5 cents a Car. */
export const SEEDED_SETTINGS: AnalyticsSettings = {
  idleGapMinutes: 5,
  breakAfterMinutes: 60,
  currency: "EUR",
  ratePerBoxMicros: 30_000,
  classRatesMicros: { Car: 50_000 },
  timeZone: "UTC",
};

/** The built-in error types with "box-too-loose" renamed by the lead. */
export const SEEDED_ERROR_TYPES = DEFAULT_ERROR_TYPES.map((e) =>
  e.code === "box-too-loose" ? { ...e, label: "Loose box, check the corners" } : e,
);

export interface SeededHistory {
  sequenceId: string;
  users: Record<"alice" | "bob" | "rita" | "lena", TestUser>;
  /** alice's task, frames 0–4, accepted; bob's, frames 5–9, in review (reviewer rita for both). */
  taskIds: { alice: string; bob: string };
}

/** A 4 × 2 × 1.5 m box at x = frameIndex (the seed's and the tests' boxes). */
export const seedBox = (
  id: string,
  frameIndex: number,
  trackId: string,
  className: string,
  provenance: Provenance,
): Cuboid => ({
  id,
  frameIndex,
  trackId,
  className,
  provenance,
  centerM: { x: frameIndex, y: 0, z: 0 },
  size: { lengthM: 4, widthM: 2, heightM: 1.5 },
  yawRad: 0,
  pitchRad: 0,
  rollRad: 0,
  attributes: {},
  updatedBy: "seed",
});
const put = (c: Cuboid): AnnotationOperation => ({ op: "putCuboid", cuboid: c });
const track = (trackId: string, className: string): AnnotationOperation => ({
  op: "putTrack",
  track: { trackId, className, attributes: {} },
});

/**
 * A small history whose figures are worked out by hand in server/analytics/analytics.test.ts:
 * annotators alice and bob, reviewer rita, lead lena, ten frames, three UTC days, machine boxes
 * (auto-fit, propagated, interpolated, model), corrections, a deletion and a stretch past midnight.
 */
export async function seedAnalyticsHistory(deps: ServerDeps): Promise<SeededHistory> {
  const store = deps.store;
  const role = (r: "annotator" | "reviewer" | "lead") => ({ roles: { [DEFAULT_PROJECT_ID]: r } });
  const users = {
    alice: await addTestUser(store, "alice", role("annotator")),
    bob: await addTestUser(store, "bob", role("annotator")),
    rita: await addTestUser(store, "rita", role("reviewer")),
    lena: await addTestUser(store, "lena", role("lead")),
  };
  const dir = writeTinySequence(10, 0);
  let sequenceId: string;
  try {
    sequenceId = (await importSequence(deps, dir)).sequenceId;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const history: Array<[string, string, AnnotationOperation[]]> = [
    ["alice", "2026-03-02T09:00:00Z", [track("ta", "Car"), put(seedBox("c1", 0, "ta", "Car", "human"))]],
    [
      "alice",
      "2026-03-02T09:01:00Z",
      [put(seedBox("c2", 1, "ta", "Car", "human")), put(seedBox("c3", 2, "ta", "Car", "auto-fit"))],
    ],
    ["alice", "2026-03-02T09:03:00Z", [put({ ...seedBox("c1", 0, "ta", "Car", "human"), yawRad: 0.1 })]],
    [
      "alice",
      "2026-03-02T09:20:00Z",
      [put(seedBox("c4", 3, "ta", "Car", "propagated")), put(seedBox("c10", 4, "ta", "Car", "interpolated"))],
    ],
    ["alice", "2026-03-02T09:22:30Z", [put({ ...seedBox("c3", 2, "ta", "Car", "human"), yawRad: 0.2 })]],
    [
      "bob",
      "2026-03-02T10:00:00Z",
      [track("tb", "Pedestrian"), put(seedBox("c5", 5, "tb", "Pedestrian", "human"))],
    ],
    ["bob", "2026-03-02T10:04:00Z", [put(seedBox("c6", 6, "tb", "Pedestrian", "model"))]],
    [
      "rita",
      "2026-03-03T11:00:00Z",
      [
        put({ ...seedBox("c2", 1, "ta", "Car", "human"), yawRad: 0.3 }),
        track("tr", "Cyclist"),
        put(seedBox("c9", 4, "tr", "Cyclist", "human")),
      ],
    ],
    ["bob", "2026-03-03T23:58:00Z", [put(seedBox("c7", 7, "tb", "Pedestrian", "human"))]],
    ["bob", "2026-03-04T00:01:00Z", [{ op: "deleteCuboid", id: "c5" }]],
    ["bob", "2026-03-04T00:03:00Z", [put({ ...seedBox("c6", 6, "tb", "Pedestrian", "human"), yawRad: 0.4 })]],
  ];
  let revision = 0;
  for (const [author, at, operations] of history) {
    const r = await applyBatch(
      store,
      sequenceId,
      { batchId: `seed-${revision + 1}-${author}`, baseRevision: revision, operations },
      author,
      undefined,
      new Date(at),
    );
    if (r.status !== "accepted") throw new Error(`seed batch ${revision + 1}: ${r.status}`);
    revision = r.revision;
  }
  const task = async (labeler: TestUser, frameStart: number, state: TaskState) => {
    const t = await createTask(store, DEFAULT_PROJECT_ID, {
      sequenceId,
      name: `${labeler.username}'s frames`,
      frameStart,
      frameEnd: frameStart + 4,
      labelerId: labeler.id,
      reviewerId: users.rita.id,
    });
    if ("error" in t) throw new Error(t.message);
    await store.db.updateTable("tasks").set({ state }).where("id", "=", t.id).execute();
    return t.id;
  };
  const taskIds = {
    alice: await task(users.alice, 0, "accepted"),
    bob: await task(users.bob, 5, "in-review"),
  };
  // The review: alice's task rejected once (one rework round), then accepted; rita rejected c1
  // (wrong heading) and c3 (too loose) on alice's task, c7 (wrong heading) on bob's, accepted c2.
  const moves: Array<[string, string, string, string]> = [
    [taskIds.alice, "submit", "labeling", "submitted"],
    [taskIds.alice, "start-review", "submitted", "in-review"],
    [taskIds.alice, "reject", "in-review", "rejected"],
    [taskIds.alice, "start-rework", "rejected", "rework"],
    [taskIds.alice, "submit", "rework", "submitted"],
    [taskIds.alice, "start-review", "submitted", "in-review"],
    [taskIds.alice, "accept", "in-review", "accepted"],
    [taskIds.bob, "submit", "labeling", "submitted"],
    [taskIds.bob, "start-review", "submitted", "in-review"],
  ];
  for (const [taskId, action, from, to] of moves)
    await store.db
      .insertInto("task_transitions")
      .values({
        id: crypto.randomUUID(),
        task_id: taskId,
        from_state: from as TaskState,
        to_state: to as TaskState,
        action,
        actor_id: null,
        actor_name: "seed",
        revision,
        note: null,
        at: "2026-03-04T12:00:00Z",
      })
      .execute();
  const verdicts: Array<[string, string, string, number, "accepted" | "rejected", string | null]> = [
    [taskIds.alice, "c1", "ta", 0, "rejected", "wrong-heading"],
    [taskIds.alice, "c3", "ta", 2, "rejected", "box-too-loose"],
    [taskIds.alice, "c2", "ta", 1, "accepted", null],
    [taskIds.bob, "c7", "tb", 7, "rejected", "wrong-heading"],
  ];
  for (const [taskId, cuboidId, trackId, frameIndex, verdict, reason] of verdicts)
    await store.db
      .insertInto("box_verdicts")
      .values({
        id: crypto.randomUUID(),
        task_id: taskId,
        target_kind: "box",
        cuboid_id: cuboidId,
        track_id: trackId,
        frame_index: frameIndex,
        verdict,
        reason_code: reason,
        note: null,
        reviewer_id: users.rita.id,
        reviewer_name: "rita",
        revision,
        created_at: "2026-03-04T12:00:00Z",
      })
      .execute();
  // The lead renamed one built-in error type: the figures show the project's names.
  await store.db
    .updateTable("projects")
    .set({ error_types: JSON.stringify(SEEDED_ERROR_TYPES) })
    .where("id", "=", DEFAULT_PROJECT_ID)
    .execute();
  await writeAnalyticsSettings(store, DEFAULT_PROJECT_ID, SEEDED_SETTINGS);
  return { sequenceId, users, taskIds };
}
