import { expect, it } from "vitest";
import { wrapAngleRad } from "../../core/fit/angles";
import { must } from "../../core/model/must";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { runPrelabel } from "../../scripts/lib/runPrelabel";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { loadScene } from "../../scripts/lib/loadScene";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import type { JobRecord } from "../jobs/JobRecord";
import { readAnnotations } from "../store/readAnnotations";
import { addTestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";

const SCENE = "sustechpoints/data/example";

describeRealData("the app's built-in pre-label run is the one eval:prelabel measures", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "a test store"));

  it("stores the CLI's boxes (refit to one size per track, one heading sense per track)", async () => {
    const app = createApp(t.deps);
    const lead = (await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } })).headers;
    const id = (await importSequence(t.deps, realDataPath(SCENE))).sequenceId;
    const started = await app.request(`/api/sequences/${id}/prelabel-jobs`, {
      method: "POST",
      headers: { ...lead, "content-type": "application/json" },
      body: "{}",
    });
    const { jobId } = (await started.json()) as JobRecord;
    let done: JobRecord;
    for (;;) {
      done = (await (await app.request(`/api/jobs/${jobId}`, { headers: lead })).json()) as JobRecord;
      if (done.state === "done" || done.state === "failed") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect([done.state, done.message]).toEqual(["done", null]);

    const snap = must(await readAnnotations(t.deps.store, id), "the annotations");
    const stored = snap.cuboids.filter((c) => c.prediction);
    // Boxes duplicating the scene's own labels are left out (applyPredictions): the rest is the CLI's.
    expect(stored.length).toBeGreaterThan(50);
    const cli = runPrelabel(createSceneRuntime(loadScene(realDataPath(SCENE))));
    const detail = await app.request(`/api/sequences/${id}`, { headers: lead });
    const frameNames = (await detail.json()) as { frames: Array<{ name: string }> };
    // The app decodes the sweeps about another origin (float32 rounding): the same boxes to a few cm.
    const unmatched = stored.filter((c) => {
      const frame = must(frameNames.frames[c.frameIndex], "frame").name;
      return !cli.boxes.some(
        (b) =>
          b.frame === frame &&
          b.class === c.className &&
          Math.hypot(b.center[0] - c.centerM.x, b.center[1] - c.centerM.y) < 0.1 &&
          Math.abs(b.size[0] - c.size.lengthM) < 0.1 &&
          Math.abs(b.size[1] - c.size.widthM) < 0.1 &&
          Math.abs(wrapAngleRad(b.yaw - c.yawRad)) < (3 * Math.PI) / 180 &&
          Math.abs(b.score - (c.prediction?.score ?? -1)) < 0.02,
      );
    });
    // A box whose cluster the rounding tipped over may differ: a handful of hundreds. The fine
    // pass's seeds (a 0.15 m cell holding a point >= 0.9 m up, clusterObstacles) are one more
    // threshold it tips: 17 boxes, 6 of them moved, resized or turned, the rest the same box scored
    // differently through its track (0-10 before).
    expect(
      unmatched.length,
      unmatched.map((c) => `${c.frameIndex}/${c.trackId}`).join(" "),
    ).toBeLessThanOrEqual(Math.ceil(stored.length * 0.04));

    // No track turns about between consecutive boxes (the checks call that a heading flip).
    const tracks = new Map<string, typeof stored>();
    for (const c of stored) tracks.set(c.trackId, [...(tracks.get(c.trackId) ?? []), c]);
    let flips = 0;
    for (const boxes of tracks.values()) {
      boxes.sort((a, b) => a.frameIndex - b.frameIndex);
      for (let i = 1; i < boxes.length; i++)
        if (
          Math.abs(wrapAngleRad(must(boxes[i], "box").yawRad - must(boxes[i - 1], "box").yawRad)) >
          Math.PI / 2
        )
          flips++;
    }
    expect(flips).toBe(0);
  });
});
