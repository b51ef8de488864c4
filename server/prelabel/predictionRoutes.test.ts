import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import type { PredictionCounts, PredictionImportResult } from "../../core/api/predictions";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { kittiCalibFromCamera } from "../../core/formats/kittiCalib";
import { kittiFromBoxLabel, serializeKittiObjectLabels } from "../../core/formats/kittiLabels";
import { toNuscenesTables } from "../../core/formats/nuscenesTables";
import type { Cuboid } from "../../core/model/Cuboid";
import type { PredictedBox } from "../../core/prelabel/PredictionRun";
import { DEFAULT_MIN_SCORE } from "../../core/prelabel/prelabelSequence";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { loadScene } from "../../scripts/lib/loadScene";
import { runPrelabel } from "../../scripts/lib/runPrelabel";
import { createTask } from "../accounts/tasks";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { applyBatch } from "../store/applyBatch";
import { readAnnotations } from "../store/readAnnotations";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { must } from "../../core/model/must";

const SCENE = "sustechpoints/data/example";

/** The built-in pre-labeler's output on the scene, computed once for every store. */
let prelabelled: PredictedBox[] = [];

const upload = (files: Array<{ name: string; text: string }>) => {
  const form = new FormData();
  for (const f of files) form.append("file", new Blob([f.text]), f.name);
  return form;
};

describeRealData("prediction imports of the built-in pre-labeler on the SUSTechPOINTS scene", () => {
  beforeAll(() => {
    const boxes = runPrelabel(createSceneRuntime(loadScene(realDataPath(SCENE)))).boxes;
    prelabelled = boxes.filter((b) => b.score >= DEFAULT_MIN_SCORE);
  });

  describe.each(testStoreKinds())("on $name", (kind) => {
    const t = useTestDeps(kind);

    it("stores the same boxes from native JSON, nuScenes results and KITTI files, and counts people's verdicts", async () => {
      expect(prelabelled.length).toBeGreaterThan(20);
      const { sequenceId } = await importSequence(t.deps, realDataPath(SCENE));
      const app = createApp(t.deps);
      const lead = await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } });
      const request = withHeaders(app.request.bind(app), lead.headers);
      const detail = (await (await request(`/api/sequences/${sequenceId}`)).json()) as SequenceDetail;
      expect(prelabelled.every((b) => detail.frames.some((f) => f.name === b.frame))).toBe(true);
      const post = async (version: string, body: FormData | string) => {
        const res = await request(`/api/sequences/${sequenceId}/predictions?model=builtin@${version}`, {
          method: "POST",
          body,
        });
        expect(res.status, await res.clone().text()).toBe(200);
        return (await res.json()) as PredictionImportResult;
      };
      /** The stored boxes of the model match the predictions to `tolM`; the rest lay over the scene's labels. */
      const expectStored = async (version: string, result: PredictionImportResult, tolM: number) => {
        const stored = must(
          await readAnnotations(t.deps.store, sequenceId),
          "await readAnnotations(t.deps.store, sequenceId)",
        ).cuboids.filter((c) => c.prediction?.model === "builtin");
        expect(stored.length).toBe(result.added);
        expect(result.added + result.skippedOverlap).toBe(prelabelled.length);
        for (const c of stored) {
          expect(c).toMatchObject({ provenance: "model", prediction: { model: "builtin", version } });
          const match = prelabelled.find(
            (b) =>
              must(detail.frames[c.frameIndex], "detail.frames[c.frameIndex]").name === b.frame &&
              Math.hypot(b.center[0] - c.centerM.x, b.center[1] - c.centerM.y, b.center[2] - c.centerM.z) <
                tolM,
          );
          expect(match, `box ${c.id} at frame ${c.frameIndex}`).toBeDefined();
          expect(must(c.prediction, "c.prediction").score).toBeCloseTo(must(match, "match").score, 5);
          expect(
            Math.abs(
              Math.atan2(
                Math.sin(c.yawRad - must(match, "match").yaw),
                Math.cos(c.yawRad - must(match, "match").yaw),
              ),
            ),
          ).toBeLessThan(1e-5);
          expect(c.size.lengthM).toBeCloseTo(must(match, "match").size[0], 5);
        }
        return stored;
      };

      const native = await post("1", upload([{ name: "prelabel.json", text: JSON.stringify(prelabelled) }]));
      expect(native.added).toBeGreaterThan(5);
      await expectStored("1", native, 1e-9);

      // nuScenes: the same boxes in the global frame through the sequence's ego poses.
      const asCuboids: Cuboid[] = prelabelled.map((b, i) => ({
        id: String(i),
        frameIndex: detail.frames.findIndex((f) => f.name === b.frame),
        trackId: String(b.trackId),
        className: b.class,
        centerM: { x: b.center[0], y: b.center[1], z: b.center[2] },
        size: { lengthM: b.size[0], widthM: b.size[1], heightM: b.size[2] },
        yawRad: b.yaw,
        pitchRad: 0,
        rollRad: 0,
        attributes: {},
        provenance: "model",
        updatedBy: "test",
      }));
      const { detections } = toNuscenesTables({
        name: "scene",
        lidarName: "lidar",
        frames: detail.frames,
        tracks: [],
        cuboids: asCuboids,
        lidarFileOf: (i) => `${i}.pcd`,
      });
      // Each box's own score (the export writes 1).
      for (const list of Object.values(detections.results))
        for (const d of list) {
          const c = must(
            asCuboids.find((x) => `sample_${x.frameIndex}` === d.sample_token && x.trackId === d.tracking_id),
            "the prelabelled box of this detection",
          );
          d.detection_score = must(prelabelled[Number(c.id)], "prelabelled[Number(c.id)]").score;
        }
      const nuscenes = await post("2", JSON.stringify(detections));
      expect(nuscenes.replaced).toBe(native.added);
      await expectStored("2", nuscenes, 1e-6);

      // KITTI: one file a frame in the first camera's frame, with a score column.
      const calib = kittiCalibFromCamera(must(detail.cameras[0], "detail.cameras[0]"));
      const kittiFiles = detail.frames.map((f) => ({
        name: `${f.name}.txt`,
        text: serializeKittiObjectLabels(
          asCuboids
            .filter((c) => c.frameIndex === f.index)
            .map((c) => ({
              ...kittiFromBoxLabel(c, calib),
              score: must(prelabelled[Number(c.id)], "prelabelled[Number(c.id)]").score,
            })),
        ),
      }));
      const kitti = await post("3", upload(kittiFiles));
      expect(kitti.replaced).toBe(nuscenes.added);
      const stored = await expectStored("3", kitti, 1e-5);

      // People's verdicts: accept one as it is, correct one, reject one; the rest wait.
      const [a, b, c] = stored as [Cuboid, Cuboid, Cuboid];
      const head = must(
        await readAnnotations(t.deps.store, sequenceId),
        "await readAnnotations(t.deps.store, sequenceId)",
      ).revision;
      const edit = await applyBatch(
        t.deps.store,
        sequenceId,
        {
          batchId: "verdicts-1",
          baseRevision: head,
          operations: [
            { op: "putCuboid", cuboid: { ...a, provenance: "human" } },
            {
              op: "putCuboid",
              cuboid: { ...b, centerM: { ...b.centerM, x: b.centerM.x + 0.4 }, provenance: "human" },
            },
            { op: "deleteCuboid", id: c.id },
          ],
        },
        "anna",
      );
      expect(edit.status).toBe("accepted");
      const counts = (await (
        await request("/api/projects/default/prediction-counts")
      ).json()) as PredictionCounts;
      // Versions 1 and 2 were replaced by newer runs before anyone looked: they count nowhere.
      expect(counts.models).toEqual([
        { model: "builtin", version: "3", accepted: 1, corrected: 1, rejected: 1, pending: kitti.added - 3 },
      ]);
    });
  });
});

describe.each(testStoreKinds())("prediction import access and errors on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(4, 1);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("lets an annotator import into their own task's frames only, and names a bad file's place", async () => {
    const { sequenceId } = await importSequence(t.deps, tiny);
    const app = createApp(t.deps);
    const annotator = await addTestUser(t.deps.store, "anna", { roles: { default: "annotator" } });
    const other = await addTestUser(t.deps.store, "otto", { roles: { default: "annotator" } });
    const task = await createTask(t.deps.store, "default", {
      sequenceId,
      frameStart: 2,
      frameEnd: 3,
      labelerId: annotator.id,
    });
    if ("error" in task) throw new Error(task.message);
    const boxes = ["000000", "000001", "000002", "000003"].map((frame) => ({
      frame,
      trackId: 1,
      class: "Car",
      score: 0.7,
      center: [25, 0, 0.8],
      size: [4, 1.8, 1.5],
      yaw: 0,
    }));
    const post = (user: { headers: Record<string, string> }, query: string, body: string) =>
      app.request(`/api/sequences/${sequenceId}/predictions?${query}`, {
        method: "POST",
        headers: { ...user.headers, "Content-Type": "application/json" },
        body,
      });
    expect((await post(annotator, "model=det@1", JSON.stringify(boxes))).status).toBe(403);
    expect((await post(other, `model=det@1&taskId=${task.id}`, JSON.stringify(boxes))).status).toBe(403);
    const ok = await post(annotator, `model=det@1&taskId=${task.id}`, JSON.stringify(boxes));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ added: 2, skippedOutsideRange: 2 });
    const frames = must(
      await readAnnotations(t.deps.store, sequenceId),
      "await readAnnotations(t.deps.store, sequenceId)",
    )
      .cuboids.filter((c) => c.prediction)
      .map((c) => c.frameIndex);
    expect(frames).toEqual([2, 3]);

    const bad = await post(
      annotator,
      `model=det@2&taskId=${task.id}`,
      JSON.stringify([{ ...boxes[0], size: [4, -1, 1] }]),
    );
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: "invalid-predictions",
      message: expect.stringMatching(/^predictions entry \[0\]\.size\.1: /),
    });
    const noVersion = await post(annotator, `model=det&taskId=${task.id}`, "[]");
    expect(await noVersion.json()).toMatchObject({
      error: "invalid-request",
      message: expect.stringContaining("NAME@VERSION"),
    });
  });
});
