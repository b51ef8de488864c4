import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Cuboid } from "../../core/model/Cuboid";
import type { PredictedBox, PredictionRun } from "../../core/prelabel/PredictionRun";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import { readHistory } from "../store/readHistory";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { applyPredictions, PredictionImportError } from "./applyPredictions";
import { queryPredictionCounts } from "./queryPredictionCounts";
import { must } from "../../core/model/must";

const frames = ["000000", "000001", "000002", "000003"];
/** One predicted car per frame at x = xM (the tiny sequence's own label sits at x = 10). */
const carRun = (version: string, xM: number, extra: PredictedBox[] = []): PredictionRun => ({
  model: { name: "det", version },
  boxes: [
    ...frames.map((frame, i) => ({
      frame,
      trackId: 7,
      class: "car",
      score: 0.5 + i * 0.1,
      center: [xM, i * 0.5, 0.8] as [number, number, number],
      size: [4.4, 1.8, 1.5] as [number, number, number],
      yaw: 0.05,
    })),
    ...extra,
  ],
});
const modelBoxes = (cuboids: Cuboid[]) => cuboids.filter((c) => c.prediction?.model === "det");

describe.each(testStoreKinds())("applyPredictions on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(4, 1);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("stores a run as model pre-labels in one batch, skipping boxes over existing labels", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    const overLabel: PredictedBox = {
      frame: "000001",
      trackId: 8,
      class: "Car",
      score: 0.9,
      center: [10.1, 0.5, 0.8],
      size: [4.5, 1.85, 1.55],
      yaw: 0,
    };
    const result = await applyPredictions(t.deps, {
      sequenceId,
      run: carRun("1", 20, [overLabel]),
      author: "lena",
    });
    expect(result).toMatchObject({
      status: "applied",
      revision: 2,
      added: 4,
      replaced: 0,
      skippedOverlap: 1,
    });
    const snap = must(
      await readAnnotations(t.deps.store, sequenceId),
      "await readAnnotations(t.deps.store, sequenceId)",
    );
    const boxes = modelBoxes(snap.cuboids);
    expect(boxes.map((b) => [b.frameIndex, b.className, b.provenance, b.prediction, b.centerM.x])).toEqual(
      frames.map((_, i) => [i, "Car", "model", { model: "det", version: "1", score: 0.5 + i * 0.1 }, 20]),
    );
    // One new track, with the sequence's spelling of the class.
    expect(new Set(boxes.map((b) => b.trackId)).size).toBe(1);
    expect(snap.tracks.find((tr) => tr.trackId === must(boxes[0], "boxes[0]").trackId)?.className).toBe(
      "Car",
    );
    const history = must(
      await readHistory(t.deps.store, sequenceId, 1),
      "await readHistory(t.deps.store, sequenceId, 1)",
    );
    expect(history.entries.map((e) => [e.revision, e.author])).toEqual([[2, "lena"]]);
  });

  it("a newer run replaces untouched boxes and never a box a person edited or accepted", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    await applyPredictions(t.deps, { sequenceId, run: carRun("1", 20), author: "lena" });
    const first = modelBoxes(
      must(await readAnnotations(t.deps.store, sequenceId), "await readAnnotations(t.deps.store, sequenceId)")
        .cuboids,
    );
    // A person moves the frame-1 box and accepts the frame-2 box unchanged (provenance only).
    const moved = {
      ...must(first[1], "first[1]"),
      centerM: { ...must(first[1], "first[1]").centerM, x: 21 },
      provenance: "human" as const,
    };
    const accepted = { ...must(first[2], "first[2]"), provenance: "human" as const };
    const edit = await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: "person-edit-1",
        baseRevision: 2,
        operations: [
          { op: "putCuboid", cuboid: moved },
          { op: "putCuboid", cuboid: accepted },
        ],
      },
      "anna",
    );
    expect(edit).toMatchObject({ status: "accepted", revision: 3 });

    const second = await applyPredictions(t.deps, { sequenceId, run: carRun("2", 20.2), author: "lena" });
    expect(second).toMatchObject({
      status: "applied",
      added: 2,
      replaced: 2,
      keptTouched: 2,
      skippedOverlap: 2,
    });
    const now = modelBoxes(
      must(await readAnnotations(t.deps.store, sequenceId), "await readAnnotations(t.deps.store, sequenceId)")
        .cuboids,
    );
    const byFrame = (f: number) => now.filter((b) => b.frameIndex === f);
    expect(byFrame(0).map((b) => [b.prediction?.version, b.centerM.x])).toEqual([["2", 20.2]]);
    expect(byFrame(1)).toEqual([expect.objectContaining({ id: moved.id, centerM: moved.centerM })]);
    expect(byFrame(2)).toEqual([expect.objectContaining({ id: accepted.id, provenance: "human" })]);
    expect(byFrame(3).map((b) => [b.prediction?.version, b.centerM.x])).toEqual([["2", 20.2]]);
    // The old track keeps the touched boxes; the new run's boxes have a track of their own.
    expect(must(byFrame(0)[0], "byFrame(0)[0]").trackId).not.toBe(moved.trackId);
    // Counts: run 1's replaced boxes count nowhere; a person rejects one of run 2's.
    await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: "person-reject-1",
        baseRevision: second.status === "applied" ? second.revision : 0,
        operations: [{ op: "deleteCuboid", id: must(byFrame(3)[0], "byFrame(3)[0]").id }],
      },
      "anna",
    );
    expect(await queryPredictionCounts(t.deps.store, "default")).toEqual({
      models: [
        { model: "det", version: "1", accepted: 1, corrected: 1, rejected: 0, pending: 0 },
        { model: "det", version: "2", accepted: 0, corrected: 0, rejected: 1, pending: 1 },
      ],
    });
  });

  it("writes only a task's frames and names a box on a frame the sequence lacks", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    const ranged = await applyPredictions(t.deps, {
      sequenceId,
      run: carRun("1", 20),
      author: "lena",
      frameRange: { start: 1, end: 2 },
    });
    expect(ranged).toMatchObject({ added: 2, skippedOutsideRange: 2 });
    const before = must(
      await readAnnotations(t.deps.store, sequenceId),
      "await readAnnotations(t.deps.store, sequenceId)",
    );
    const bad = carRun("2", 20, [
      { ...must(carRun("2", 20).boxes[0], "carRun('2', 20).boxes[0]"), frame: "000099" },
    ]);
    await expect(applyPredictions(t.deps, { sequenceId, run: bad, author: "lena" })).rejects.toThrow(
      new PredictionImportError('box 4 (track 7, car): frame "000099" is not a frame of this sequence'),
    );
    expect(
      must(await readAnnotations(t.deps.store, sequenceId), "await readAnnotations(t.deps.store, sequenceId)")
        .revision,
    ).toBe(before.revision);
    expect(await applyPredictions(t.deps, { sequenceId: "nope", run: bad, author: "lena" })).toEqual({
      status: "not-found",
    });
  });

  it("refuses a client batch that pretends to be a prediction import", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    const app = createApp(t.deps);
    const lead = await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } });
    const request = withHeaders(app.request.bind(app), lead.headers);
    const snap = must(
      await readAnnotations(t.deps.store, sequenceId),
      "await readAnnotations(t.deps.store, sequenceId)",
    );
    const res = await request(`/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        batchId: "predictions:forged-1",
        baseRevision: snap.revision,
        operations: [{ op: "deleteCuboid", id: must(snap.cuboids[0], "snap.cuboids[0]").id }],
      }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid-batch" });
  });
});
