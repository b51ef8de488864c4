import { beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { createApp } from "../app";
import { type AccessFixture, useAccessFixture } from "../testing/accessFixture";
import type { TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";

describe.each(testStoreKinds())("submission and the project's blocking QA checks on $name", (kind) => {
  const ctx = useAccessFixture(kind);
  let app: ReturnType<typeof createApp>;
  let f: AccessFixture;
  beforeEach(() => {
    ({ app, f } = ctx);
  });
  const call = async (method: string, path: string, user: TestUser, body?: unknown) => {
    const res = await app.request(path, {
      method,
      headers: { ...user.headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    // biome-ignore lint/suspicious/noExplicitAny: replies are read loosely in this test
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };
  /** Sets the class of track t0's box on `frameIndex` as `user`. */
  const setClass = async (user: TestUser, frameIndex: number, className: string) => {
    const snap = (await call("GET", `/api/sequences/${f.sequenceId}/annotations`, f.admin))
      .body as AnnotationSnapshot;
    const box = snap.cuboids.find((c) => c.frameIndex === frameIndex && c.trackId === "t0")!;
    const res = await call("POST", `/api/sequences/${f.sequenceId}/annotations/batches`, user, {
      batchId: crypto.randomUUID(),
      baseRevision: snap.revision,
      operations: [{ op: "putCuboid", cuboid: { ...box, className } }],
    });
    expect(res.status).toBe(200);
  };
  const submit = () => call("POST", `/api/tasks/${f.taskId}/transitions`, f.annotator, { action: "submit" });

  it("refuses a submit while blocking findings lie in the task's frames, and lets it through once fixed", async () => {
    expect((await call("PATCH", `/api/tasks/${f.taskId}`, f.lead, { state: "labeling" })).status).toBe(200);
    // Not blocking yet: the class change is only a finding.
    await setClass(f.annotator, 0, "Truck");
    await setClass(f.admin, 1, "Truck"); // outside the annotator's task (frame 0)
    expect(
      (
        await call("PUT", "/api/projects/default/qa-config", f.lead, {
          "class-change": { blocksSubmission: true },
        })
      ).status,
    ).toBe(200);

    const refused = await submit();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: "qa-blocking", count: 1 });
    expect(refused.body.message).toMatch(
      /^submit: 1 finding of checks the project makes blocking \(class-change\)/,
    );
    expect(
      refused.body.findings.map((x: { frameIndex: number; kind: string }) => [x.frameIndex, x.kind]),
    ).toEqual([[0, "class-change"]]);
    const task = await call("GET", `/api/tasks/${f.taskId}`, f.annotator);
    expect(task.body.state).toBe("labeling");

    await setClass(f.annotator, 0, "Car");
    const ok = await submit();
    expect(ok.status).toBe(200);
    expect(ok.body.task.state).toBe("submitted");
  });
});
