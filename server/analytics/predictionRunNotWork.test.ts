import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../core/model/must";
import type { PredictionRun } from "../../core/prelabel/PredictionRun";
import { createApp } from "../app";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { importSequence } from "../import/importSequence";
import { applyPredictions } from "../prelabel/applyPredictions";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";

const frames = ["000000", "000001", "000002", "000003"];
const run: PredictionRun = {
  model: { name: "det", version: "1" },
  boxes: frames.map((frame, i) => ({
    frame,
    trackId: 7,
    class: "Car",
    score: 0.8,
    center: [20, i * 0.5, 0.8],
    size: [4.4, 1.8, 1.5],
    yaw: 0,
  })),
};

describe.each(testStoreKinds())("a pre-label run in the analytics on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(4, 1);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("is not the work of the lead who started it; a person accepting a prediction is theirs", async () => {
    const lead = await addTestUser(t.deps.store, "lena", { roles: { [DEFAULT_PROJECT_ID]: "lead" } });
    const { sequenceId } = await importSequence(t.deps, tiny);
    await applyPredictions(t.deps, { sequenceId, run, author: "lena" });
    const predicted = must(await readAnnotations(t.deps.store, sequenceId), "the annotations").cuboids.filter(
      (c) => c.prediction?.model === "det",
    );
    expect(predicted).toHaveLength(4);
    const box = must(predicted[0], "a predicted box");
    const accepted = await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: "anna-accepts",
        baseRevision: 2,
        operations: [{ op: "putCuboid", cuboid: { ...box, provenance: "human" } }],
      },
      "anna",
    );
    expect(accepted).toMatchObject({ status: "accepted" });

    const app = createApp(t.deps);
    const request = withHeaders(app.request, lead.headers);
    const get = async (path: string) => {
      const res = await request(`/api/projects/${DEFAULT_PROJECT_ID}/analytics/${path}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { rows: Array<Record<string, unknown>> };
    };
    // Before: lena had 4 machine-made boxes "finished" and a work stretch of her own for the run.
    const people = await get("people");
    expect(people.rows.map((r) => r.person)).toEqual(["anna"]);
    expect(people.rows[0]).toMatchObject({ person: "anna", machineBoxesCorrected: 1 });
    const stretches = await get("stretches");
    expect(stretches.rows.map((r) => r.person)).toEqual(["anna"]);
  });
});
