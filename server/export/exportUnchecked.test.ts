import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { must } from "../../core/model/must";
import type { PredictionRun } from "../../core/prelabel/PredictionRun";
import { importSequence } from "../import/importSequence";
import { applyPredictions } from "../prelabel/applyPredictions";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { exportSequence } from "./exportSequence";

const tempDir = tempDirsForFile();
const frames = ["000000", "000001", "000002", "000003"];
/** A car 10 m beyond the tiny sequence's own labelled one, on every frame, as a model found it. */
const run: PredictionRun = {
  model: { name: "det", version: "1" },
  boxes: frames.map((frame) => ({
    frame,
    trackId: 7,
    class: "Car",
    score: 0.6,
    center: [20, 0, 0.8],
    size: [4.4, 1.8, 1.5],
    yaw: 0,
  })),
};

describe.each(testStoreKinds())("exports with unchecked pre-labels on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(4, 1);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("deliver what people checked; the native export keeps every pre-label", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    await applyPredictions(t.deps, { sequenceId, run, author: "lena" });
    const pending = must(await readAnnotations(t.deps.store, sequenceId), "the annotations").cuboids.filter(
      (c) => c.provenance === "model",
    );
    expect(pending).toHaveLength(4);
    // A person accepts the frame-0 prediction: it is theirs now and goes out with the labels.
    const first = must(
      pending.find((c) => c.frameIndex === 0),
      "the frame-0 prediction",
    );
    await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: "accept-1",
        baseRevision: 2,
        operations: [{ op: "putCuboid", cuboid: { ...first, provenance: "human" } }],
      },
      "anna",
    );

    const kittiDir = tempDir("export-");
    const kitti = await exportSequence(t.deps, sequenceId, "kitti-object", kittiDir);
    // Before, all 8 boxes went out, the 3 nobody looked at among them.
    expect(kitti).toMatchObject({ cuboids: 5, uncheckedPredictions: 3 });
    expect(kitti.skipped).toContain("3 unchecked pre-labels (a model's boxes nobody accepted)");
    const labelDir = join(kittiDir, "label_2");
    const lines = readdirSync(labelDir).map(
      (f) => readFileSync(join(labelDir, f), "utf8").trim().split("\n").length,
    );
    expect(lines).toEqual([2, 1, 1, 1]);

    const openlabel = await exportSequence(t.deps, sequenceId, "openlabel", tempDir("export-"));
    expect(openlabel).toMatchObject({ cuboids: 5, uncheckedPredictions: 3 });
    const native = await exportSequence(t.deps, sequenceId, "native", tempDir("export-"));
    expect(native).toMatchObject({ cuboids: 8, uncheckedPredictions: 0 });
  });
});
