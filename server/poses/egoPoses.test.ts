import { rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { yawOfPose } from "../../core/fit/yawOfPose";
import { isIdentityPose } from "../../core/geometry/pose";
import { watchEventLoop } from "../testing/watchEventLoop";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { createApp } from "../app";
import { createJobQueue } from "../jobs/createJobQueue";
import type { SequenceQaReport } from "../qa/runSequenceQa";
import { getStoredSequence, withRecordedPoses } from "../store/getSequenceDetail";
import { importFolderRequest } from "../testing/importFolderRequest";
import { addTestUser, type TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { movingEgoPose, writeMovingEgoSequence } from "../testing/writeMovingEgoSequence";
import { writeTinySequence } from "../testing/writeTinySequence";
import { loadScene } from "../../scripts/lib/loadScene";
import { createSceneRuntime } from "../../scripts/lib/SceneRuntime";
import { must } from "../../core/model/must";
import { createEgoPoseEstimator } from "../../workers/fit/createEgoPoseEstimator";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An app with its own job queue (the estimate runs on it) and a lead of the Default project. */
async function appWithLead(t: ReturnType<typeof useTestDeps>) {
  const jobs = createJobQueue({ store: t.deps.store });
  const app = createApp({ ...t.deps, jobs });
  const lead = await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } });
  return { app, lead, jobs };
}

async function importOver(app: ReturnType<typeof createApp>, lead: TestUser, dir: string): Promise<string> {
  const res = await app.request("/api/imports", importFolderRequest(dir, lead.headers));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { sequenceId: string }).sequenceId;
}

async function detailOf(app: ReturnType<typeof createApp>, lead: TestUser, id: string) {
  return (await (
    await app.request(`/api/sequences/${id}`, { headers: lead.headers })
  ).json()) as SequenceDetail;
}

/** Polls the sequence until its estimate has an outcome (the queue polls every 0.5 s). */
async function settled(app: ReturnType<typeof createApp>, lead: TestUser, id: string) {
  for (let i = 0; i < 600; i++) {
    const d = await detailOf(app, lead, id);
    if (d.egoPoses.state === "estimated" || d.egoPoses.state === "unavailable") return d;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`sequence ${id}: the ego-pose estimate never finished`);
}

describe.each(testStoreKinds())("ego poses of sequences recorded without them, on $name", (kind) => {
  const t = useTestDeps(kind);

  it("estimates them after import, serves them to the tool and keeps exports to what was recorded", async () => {
    const { app, lead, jobs } = await appWithLead(t);
    const dir = writeMovingEgoSequence(6);
    dirs.push(dir);
    const id = await importOver(app, lead, dir);
    const first = await detailOf(app, lead, id);
    expect(["queued", "estimated"]).toContain(first.egoPoses.state);
    const done = await settled(app, lead, id);
    expect(done.egoPoses).toEqual({ state: "estimated", note: null });
    for (const [f, frame] of done.frames.entries()) {
      const truth = movingEgoPose(f);
      const p = frame.worldFromLidar;
      expect(Math.hypot(p.translationM.x - truth.xM, p.translationM.y - truth.yM)).toBeLessThan(0.5);
      expect(Math.abs(yawOfPose(p) - truth.yawRad)).toBeLessThan((1.5 * Math.PI) / 180);
    }
    expect(done.frames[5]?.worldFromLidar.translationM.x).toBeGreaterThan(5);
    // The very estimate the evaluations score (anchored every 5 frames), sweep for sweep.
    const scene = loadScene(dir);
    const same = createSceneRuntime({
      ...scene,
      framesAreASequence: true,
      frames: scene.frames.map((f) => ({ ...f, worldFromLidar: null })),
    }).worldFromLidar();
    for (const [f, frame] of done.frames.entries()) {
      const p = must(same[f], `pose ${f}`);
      expect(
        Math.hypot(
          p.translationM.x - frame.worldFromLidar.translationM.x,
          p.translationM.y - frame.worldFromLidar.translationM.y,
        ),
      ).toBeLessThan(0.01);
    }
    // What a delivery writes is the recording's poses: none.
    const stored = await getStoredSequence(t.deps.store, id);
    expect(
      stored && withRecordedPoses(stored).detail.frames.every((f) => isIdentityPose(f.worldFromLidar)),
    ).toBe(true);
    await jobs.stop();
  });

  it("leaves recorded poses alone: no estimate is queued", async () => {
    const { app, lead, jobs } = await appWithLead(t);
    const dir = writeTinySequence(3, 1);
    dirs.push(dir);
    const id = await importOver(app, lead, dir);
    const d = await detailOf(app, lead, id);
    expect(d.egoPoses).toEqual({ state: "recorded", note: null });
    expect(d.frames[2]?.worldFromLidar.translationM.x).toBe(2);
    const queued = await t.deps.store.db.selectFrom("jobs").select("kind").execute();
    expect(queued.map((j) => j.kind)).not.toContain("ego-poses");
    await jobs.stop();
  });
});

describeRealData("ego poses on a real sequence recorded without them (SUSTechPOINTS)", () => {
  const [kind] = testStoreKinds();
  if (!kind) throw new Error("no test store");
  const t = useTestDeps(kind);

  it("QA stops taking the parked cars' apparent motion (the ego's) for their heading", async () => {
    const { app, lead, jobs } = await appWithLead(t);
    const id = await importOver(app, lead, realDataPath("sustechpoints/data/example"));
    const headingOff = async () =>
      (
        (await (
          await app.request(`/api/sequences/${id}/qa`, { headers: lead.headers })
        ).json()) as SequenceQaReport
      ).findings.filter((f) => f.kind === "heading-off").length;
    // Before the estimate lands the tool works in lidar coordinates, which move with the ego.
    const inLidarFrame =
      (await detailOf(app, lead, id)).egoPoses.state === "estimated" ? null : await headingOff();
    const done = await settled(app, lead, id);
    expect(done.egoPoses.state, done.egoPoses.note ?? "").toBe("estimated");
    const estimated = await headingOff();
    if (inLidarFrame !== null) expect(inLidarFrame).toBeGreaterThanOrEqual(10);
    expect(estimated).toBeLessThanOrEqual(3);
    await jobs.stop();
  });

  it("keeps the server's thread answering while it estimates: no stall near one step's length", async () => {
    // The peer, measured in this run: one ego-motion step of this scene run on this thread.
    const rt = createSceneRuntime(loadScene(realDataPath("sustechpoints/data/example")));
    const estimator = createEgoPoseEstimator(3);
    estimator.add(rt.index(0), 0);
    estimator.add(rt.index(1), 0.1); // warms the code up
    const t0 = performance.now();
    estimator.add(rt.index(2), 0.1);
    const stepMs = performance.now() - t0;
    const { app, lead, jobs } = await appWithLead(t);
    const id = await importOver(app, lead, realDataPath("sustechpoints/data/example"));
    const loop = watchEventLoop();
    const done = await settled(app, lead, id);
    const longestStallMs = loop.stop();
    expect(done.egoPoses.state, done.egoPoses.note ?? "").toBe("estimated");
    console.log(
      `one step on this thread ${stepMs.toFixed(0)} ms; longest stall while estimating ${longestStallMs.toFixed(0)} ms`,
    );
    expect(longestStallMs).toBeLessThan(stepMs / 3);
    await jobs.stop();
  });
});
