import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import type { SequenceQaReport } from "./runSequenceQa";

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
      pointChecks: "not-run",
    });
    expect(before.findings.filter((f) => f.kind === "class-change")).toEqual([]);

    const snapshot = (await (
      await request(`/api/sequences/${sequenceId}/annotations`)
    ).json()) as AnnotationSnapshot;
    const box = snapshot.cuboids.find((c) => c.trackId === "t0" && c.frameIndex === 2)!;
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
        message: "class Truck, the track is a Car",
      },
    ]);
    const missing = await request("/api/sequences/nope/qa");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not-found", message: "sequence nope does not exist" });
  });
});
