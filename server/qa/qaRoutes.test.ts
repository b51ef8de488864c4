import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { buildFrameIndex } from "../../core/pointcloud/FrameIndex";
import type { QaFinding } from "../../core/qa/QaFinding";
import { runQaChecks } from "../../core/qa/runQaChecks";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { decodePointCloud } from "../../workers/decode/decodePointCloud";
import { applyBatch } from "../store/applyBatch";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { runSequenceQa, type SequenceQaReport } from "./runSequenceQa";
import { must } from "../../core/model/must";

describe.each(testStoreKinds())("GET /api/sequences/:id/qa on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(4, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("reports the findings on the current annotations; unknown sequences are 404", async () => {
    const app = createApp(t.deps);
    const { sequenceId } = await importSequence(t.deps, tiny);
    const lead = await addTestUser(t.deps.store, "lena", { roles: { default: "lead" } });
    const request = withHeaders(app.request.bind(app), lead.headers);
    const qa = async () =>
      (await (await request(`/api/sequences/${sequenceId}/qa`)).json()) as SequenceQaReport;
    const before = await qa();
    expect(before).toMatchObject({
      sequenceId,
      revision: 1,
      blockingKinds: [],
      blockingCount: 0,
      pointChecks: "run",
      pointProblems: [],
    });
    expect(before.findings.filter((f) => f.kind === "class-change")).toEqual([]);

    const snapshot = (await (
      await request(`/api/sequences/${sequenceId}/annotations`)
    ).json()) as AnnotationSnapshot;
    const box = must(
      snapshot.cuboids.find((c) => c.trackId === "t0" && c.frameIndex === 2),
      "track t0's box on frame 2",
    );
    const res = await request(`/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        batchId: `qa-batch-${process.pid}`,
        baseRevision: snapshot.revision,
        author: "alice",
        operations: [{ op: "putCuboid", cuboid: { ...box, className: "Truck" } }],
      }),
    });
    expect(res.status).toBe(200);
    const after = await qa();
    expect(after.revision).toBe(2);
    expect(after.findings.filter((f) => f.kind === "class-change")).toEqual([
      {
        kind: "class-change",
        severity: "error",
        frameIndex: 2,
        trackId: "t0",
        boxId: box.id,
        code: "classChange",
        values: { className: "Truck", trackClass: "Car" },
        message: "class Truck, the track is a Car",
      },
    ]);
    // The project's settings: a lead turns the class check into a blocking one, then off.
    const annotator = await addTestUser(t.deps.store, "anton", { roles: { default: "annotator" } });
    const put = (headers: Record<string, string>, body: unknown) =>
      app.request("/api/projects/default/qa-config", {
        method: "PUT",
        headers: { ...headers, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put(annotator.headers, { "class-change": { enabled: false } })).status).toBe(403);
    const typo = await put(lead.headers, { "class-change": { blocks: true } });
    expect(typo.status).toBe(400);
    expect(await typo.json()).toEqual({
      error: "invalid-request",
      message: "QA settings: class-change.blocks: not a setting of this check",
    });
    const bad = await put(lead.headers, { duplicate: { minBevIou: -1 } });
    expect(((await bad.json()) as { message: string }).message).toMatch(
      /^QA settings: duplicate\.minBevIou: /,
    );
    const blocking = await put(lead.headers, { "class-change": { blocksSubmission: true } });
    expect(blocking.status).toBe(200);
    expect(((await blocking.json()) as { overrides: unknown }).overrides).toEqual({
      "class-change": { blocksSubmission: true },
    });
    expect(await qa()).toMatchObject({ blockingKinds: ["class-change"], blockingCount: 1 });
    expect((await put(lead.headers, { "class-change": { enabled: false } })).status).toBe(200);
    const read = (await (
      await withHeaders(app.request.bind(app), annotator.headers)("/api/projects/default/qa-config")
    ).json()) as { config: { "class-change": { enabled: boolean }; duplicate: { minBevIou: number } } };
    expect(read.config["class-change"].enabled).toBe(false);
    expect(read.config.duplicate.minBevIou).toBe(0.3);
    const off = await qa();
    expect(off.blockingKinds).toEqual([]);
    expect(off.findings.filter((f) => f.kind === "class-change")).toEqual([]);

    const missing = await request("/api/sequences/nope/qa");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not-found", message: "sequence nope does not exist" });
  });
});

describeRealData("server QA runs the point checks on the stored sweeps", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "a test store kind"));
  const scene = () => realDataPath("sustechpoints/data/example");
  const POINT_KINDS = ["few-points", "points-outside", "loose-box", "below-ground", "floating"];

  it("finds what the checks find on the decoded files, and a box moved off its object", async () => {
    const { sequenceId } = await importSequence(t.deps, scene());
    const detail = must(await getSequenceDetail(t.deps.store, sequenceId), "the sequence's detail");
    const snapshot = must(await readAnnotations(t.deps.store, sequenceId), "the annotations");
    // Moved 4 m sideways: empty of points, with the object's points left outside it.
    const moved = must(
      snapshot.cuboids.find((c) => c.className === "Car" && Math.hypot(c.centerM.x, c.centerM.y) < 25),
      "a car nearer than 25 m",
    );
    await applyBatch(
      t.deps.store,
      sequenceId,
      {
        batchId: "qa-move",
        baseRevision: snapshot.revision,
        author: "ana",
        operations: [
          { op: "putCuboid", cuboid: { ...moved, centerM: { ...moved.centerM, y: moved.centerM.y + 4 } } },
        ],
      },
      "ana",
    );
    const report = must(await runSequenceQa(t.deps, sequenceId), "the QA report");
    expect(report).toMatchObject({ pointChecks: "run", pointProblems: [] });

    const cuboids = must(await readAnnotations(t.deps.store, sequenceId), "the annotations").cuboids;
    const files = readdirSync(join(scene(), "lidar")).sort();
    const expected = runQaChecks({
      frames: detail.frames.map((f) => ({
        timestampS: f.timestampUs / 1e6,
        worldFromLidar: f.worldFromLidar,
      })),
      boxes: cuboids,
      points: (k) => {
        const name = files[k];
        if (name === undefined) return null;
        const file = join(scene(), "lidar", name);
        return buildFrameIndex(decodePointCloud(new Uint8Array(readFileSync(file)), file).cloud);
      },
      classSizes: new Map(detail.classes.map((c) => [c.name, c.defaultSize])),
      trackClasses: new Map(snapshot.tracks.map((tr) => [tr.trackId, tr.className])),
    });
    const pointFindings = (fs: QaFinding[]) => fs.filter((f) => POINT_KINDS.includes(f.kind));
    expect(pointFindings(expected).length).toBeGreaterThan(0);
    expect(pointFindings(report.findings)).toEqual(pointFindings(expected));
    expect(
      pointFindings(report.findings)
        .filter((f) => f.boxId === moved.id)
        .map((f) => f.kind),
    ).toContain("points-outside");

    const quick = must(
      await runSequenceQa(t.deps, sequenceId, { points: false }),
      "the QA report without points",
    );
    expect(quick.pointChecks).toBe("off");
    expect(pointFindings(quick.findings)).toEqual([]);
  });
});
