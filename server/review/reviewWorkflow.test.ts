import { beforeEach, describe, expect, it } from "vitest";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { z } from "zod";
import {
  acceptanceRefusedSchema,
  errorTypesSchema,
  type IssueListJson,
  issueListSchema,
  type ReviewDiffJson,
  type ReviewQueueJson,
  type ReviewStatsJson,
  reviewDiffSchema,
  reviewQueueSchema,
  reviewStatsSchema,
  type TaskDetailJson,
  type TaskTransitionJson,
  type TransitionReplyJson,
  taskDetailSchema,
  taskHistorySchema,
  taskJsonSchema,
  transitionReplySchema,
  verdictListSchema,
} from "../../core/api/review";
import { boxVerdictSchema } from "../../core/review/BoxVerdict";
import type { Cuboid } from "../../core/model/Cuboid";
import { type ReviewIssue, reviewIssueSchema } from "../../core/review/ReviewIssue";
import { canTransition, TASK_ACTIONS, TASK_STATES, type TaskState } from "../../core/review/TaskState";
import type { createApp } from "../app";
import { type AccessFixture, useAccessFixture } from "../testing/accessFixture";
import type { TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { must } from "../../core/model/must";

/** The contract a review route's reply must match (core/api/review.ts), or null for other routes and errors. */
function replySchema(method: string, path: string, status: number, body: unknown): z.ZodType | null {
  if (status === 409 && (body as { error?: string })?.error === "acceptance-rule")
    return acceptanceRefusedSchema;
  if (status >= 300) return null;
  const table: Array<[string, RegExp, z.ZodType]> = [
    ["GET", /\/review-queue$/, reviewQueueSchema],
    ["GET", /\/review-diff$/, reviewDiffSchema],
    ["GET", /\/issues$/, issueListSchema],
    ["POST", /\/issues(\/[^/]+\/(replies|status))?$/, reviewIssueSchema],
    ["GET", /\/verdicts$/, verdictListSchema],
    ["POST", /\/verdicts$/, boxVerdictSchema],
    ["GET", /\/history$/, taskHistorySchema],
    ["POST", /\/transitions$/, transitionReplySchema],
    ["GET", /^\/api\/tasks\/(?!mine$)[^/]+$/, taskDetailSchema],
    ["PATCH", /^\/api\/tasks\/[^/]+$/, taskJsonSchema],
    ["GET", /\/error-types$/, errorTypesSchema],
    ["GET", /\/review-stats$/, reviewStatsSchema],
    ["PUT", /\/error-types$/, errorTypesSchema],
  ];
  return table.find(([m, re]) => m === method && re.test(path))?.[2] ?? null;
}

describe.each(testStoreKinds())("review workflow on $name", (kind) => {
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
    const json = await res.json().catch(() => null);
    // Every reply of a review route must match its contract in core/api/review.ts.
    const schema = replySchema(method, must(path.split("?")[0], 'path.split("?")[0]'), res.status, json);
    if (schema) schema.parse(json);
    // biome-ignore lint/suspicious/noExplicitAny: replies are read loosely after the contract check above
    return { status: res.status, body: json as any };
  };
  const move = (user: TestUser, action: string, note?: string) =>
    call("POST", `/api/tasks/${f.taskId}/transitions`, user, { action, ...(note ? { note } : {}) });
  const snapshot = async () =>
    (await call("GET", `/api/sequences/${f.sequenceId}/annotations`, f.admin)).body as AnnotationSnapshot;
  /** Moves the frame-0 box of the first track by `dx` metres as `user`. */
  const edit = async (user: TestUser, dx: number, extra: Partial<Cuboid> = {}) => {
    const snap = await snapshot();
    const box = must(
      snap.cuboids.find((c) => c.frameIndex === 0),
      "snap.cuboids.find((c) => c.frameIndex === 0)",
    );
    return call("POST", `/api/sequences/${f.sequenceId}/annotations/batches`, user, {
      batchId: crypto.randomUUID(),
      baseRevision: snap.revision,
      operations: [
        { op: "putCuboid", cuboid: { ...box, centerM: { ...box.centerM, x: box.centerM.x + dx }, ...extra } },
      ],
    });
  };
  const setState = (state: TaskState) => call("PATCH", `/api/tasks/${f.taskId}`, f.lead, { state });

  it("enforces every transition rule: who may make which move from which state", async () => {
    const actors: Array<[string, TestUser, Parameters<typeof canTransition>[2]]> = [
      ["labeler", f.annotator, { role: "annotator", isLabeler: true, isReviewer: false }],
      ["reviewer", f.reviewer, { role: "reviewer", isLabeler: false, isReviewer: true }],
      ["lead", f.lead, { role: "lead", isLabeler: false, isReviewer: false }],
      ["viewer", f.viewer, { role: "viewer", isLabeler: false, isReviewer: false }],
    ];
    const got: string[] = [];
    const want: string[] = [];
    for (const state of TASK_STATES)
      for (const action of TASK_ACTIONS)
        for (const [name, user, actor] of actors) {
          expect((await setState(state)).status).toBe(200);
          const res = await move(user, action);
          const rule = canTransition(state, action, actor);
          got.push(`${state} ${action} ${name}: ${res.status} ${res.body.task?.state ?? res.body.error}`);
          want.push(
            `${state} ${action} ${name}: ${rule.ok ? 200 : rule.code === "not-assignee" ? 403 : 409} ${rule.ok ? rule.to : rule.code}`,
          );
        }
    expect(got).toEqual(want);
    // Spot checks written out by hand, so the table above is not only compared with itself.
    expect(got).toContain("labeling submit labeler: 200 submitted");
    expect(got).toContain("labeling submit reviewer: 403 not-assignee");
    expect(got).toContain("in-review accept labeler: 403 not-assignee");
    expect(got).toContain("in-review reject reviewer: 200 rejected");
    expect(got).toContain("labeling accept lead: 409 wrong-state");
    expect(got).toContain("accepted reopen reviewer: 403 not-assignee");
    expect(got).toContain("accepted reopen lead: 200 in-review");
    expect(got).toContain("submitted start-review viewer: 403 not-assignee");
    // An outsider is refused by the guard; an unknown action is malformed.
    expect((await move(f.outsider, "submit")).status).toBe(403);
    expect((await move(f.annotator, "finish")).status).toBe(400);
  });

  it("runs the loop: submit locks the labeler out, review judges and pins, rework fixes, accept; all in the history with names", async () => {
    const { annotator, reviewer } = f;
    expect(
      (
        await edit(annotator, 0.5, {
          needsReview: "jump",
          fitResidual: { outsideShare: 0.25, pointCount: 40 },
        })
      ).status,
    ).toBe(200);
    // Machine flags and fit residuals are stored with the box and read back.
    const flagged = must(
      (await snapshot()).cuboids.find((c) => c.frameIndex === 0),
      "(await snapshot()).cuboids.find((c) => c.frameIndex === 0)",
    );
    expect(flagged).toMatchObject({
      needsReview: "jump",
      fitResidual: { outsideShare: 0.25, pointCount: 40 },
    });
    expect((await move(annotator, "start")).body.task.state).toBe("labeling");
    const submitted = await move(annotator, "submit", "first pass");
    expect(submitted.status).toBe(200);
    const firstSubmitRevision = (submitted.body as TransitionReplyJson).transition.revision;
    // Submitted: the labeler may not edit; the reviewer may not either until review starts.
    const locked = await edit(annotator, 0.1);
    expect([locked.status, locked.body.error]).toEqual([409, "task-locked"]);
    expect(locked.body.message).toMatch(/frame 0: task .* is submitted/);
    expect((await edit(reviewer, 0.1)).status).toBe(409);
    expect((await move(reviewer, "start-review")).status).toBe(200);

    const queue = (await call("GET", `/api/tasks/${f.taskId}/review-queue`, reviewer))
      .body as ReviewQueueJson;
    expect(queue.sampledFrames).toEqual([0]);
    expect(queue.items[0]).toMatchObject({ group: "machine-flagged", needsReview: "jump", verdict: null });
    const boxes = queue.items.map((i) => i.cuboidId);
    expect(boxes.length).toBe(2);
    const verdict = (body: unknown, user = reviewer) =>
      call("POST", `/api/tasks/${f.taskId}/verdicts`, user, body);
    expect(
      (
        await verdict({
          target: { kind: "box", cuboidId: boxes[0] },
          verdict: "rejected",
          reasonCode: "no-such",
        })
      ).status,
    ).toBe(400);
    expect((await verdict({ target: { kind: "box", cuboidId: boxes[0] }, verdict: "rejected" })).status).toBe(
      400,
    );
    expect(
      (await verdict({ target: { kind: "box", cuboidId: boxes[0] }, verdict: "accepted" }, annotator)).status,
    ).toBe(403);
    const rejected = await verdict({
      target: { kind: "box", cuboidId: boxes[0] },
      verdict: "rejected",
      reasonCode: "wrong-position",
      note: "half a metre off",
    });
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({
      verdict: "rejected",
      reasonCode: "wrong-position",
      reviewerName: "reviewer",
    });
    expect((await verdict({ target: { kind: "box", cuboidId: boxes[1] }, verdict: "accepted" })).status).toBe(
      201,
    );
    // 1 of 2 sampled boxes rejected (50 %) is over the task's 0 %: accept is refused with the figures.
    const refused = await move(reviewer, "accept");
    expect([refused.status, refused.body.error, refused.body.acceptance.rejectedPercent]).toEqual([
      409,
      "acceptance-rule",
      50,
    ]);

    const pinned = await call("POST", `/api/tasks/${f.taskId}/issues`, reviewer, {
      anchor: { kind: "point", pointM: { x: 1, y: 2, z: 0 }, frameIndex: 0 },
      body: "a pedestrian here has no box",
      reasonCode: "missing-object",
    });
    expect(pinned.status).toBe(201);
    const issue = pinned.body as ReviewIssue;
    expect(issue).toMatchObject({ status: "open", frameIndex: 0, authorName: "reviewer" });
    expect(
      (
        await call("POST", `/api/tasks/${f.taskId}/issues`, reviewer, {
          anchor: { kind: "point", pointM: { x: 1, y: 2, z: 0 }, frameIndex: 2 },
          body: "outside",
        })
      ).status,
    ).toBe(400);
    // The reviewer corrects the other box themselves: provenance "review".
    const snap = await snapshot();
    const other = must(
      snap.cuboids.find((c) => c.id === boxes[1]),
      "snap.cuboids.find((c) => c.id === boxes[1])",
    );
    const corrected = await call("POST", `/api/sequences/${f.sequenceId}/annotations/batches`, reviewer, {
      batchId: crypto.randomUUID(),
      baseRevision: snap.revision,
      operations: [
        { op: "putCuboid", cuboid: { ...other, yawRad: other.yawRad + 0.1, provenance: "human" } },
      ],
    });
    expect(corrected.status).toBe(200);
    expect(
      must(
        (await snapshot()).cuboids.find((c) => c.id === boxes[1]),
        "(await snapshot()).cuboids.find((c) => c.id === boxes[1])",
      ).provenance,
    ).toBe("review");
    expect((await move(reviewer, "reject", "see the issue")).status).toBe(200);

    // Rejected: it is back with the labeler, who fixes the box, answers and resolves the issue, resubmits.
    expect((await edit(annotator, 0.1)).status).toBe(200);
    expect((await move(annotator, "start-rework")).status).toBe(200);
    const todo = (await call("GET", `/api/tasks/${f.taskId}/issues`, annotator)).body as IssueListJson;
    expect(todo.issues.map((i) => [i.id, i.status])).toEqual([[issue.id, "open"]]);
    const thread = `/api/tasks/${f.taskId}/issues/${issue.id}`;
    const replied = await call("POST", `${thread}/replies`, annotator, { body: "added a box" });
    expect([replied.status, replied.body.replies.map((r: { authorName: string }) => r.authorName)]).toEqual([
      201,
      ["annotator"],
    ]);
    expect((await call("POST", `${thread}/replies`, f.viewer, { body: "me too" })).status).toBe(403);
    expect((await call("POST", `${thread}/status`, reviewer, { action: "resolve" })).status).toBe(403);
    expect((await call("POST", `${thread}/status`, annotator, { action: "verify" })).status).toBe(409);
    expect(
      (await call("POST", `${thread}/status`, annotator, { action: "resolve", note: "done" })).body.status,
    ).toBe("resolved");
    expect(
      (await call("POST", `/api/tasks/${f.taskId}/issues/nope/status`, annotator, { action: "resolve" }))
        .status,
    ).toBe(404);
    expect((await move(annotator, "submit", "fixed")).status).toBe(200);
    expect((await move(reviewer, "start-review")).status).toBe(200);

    // The difference review made, from the first submitted version to now.
    const diff = (
      await call("GET", `/api/tasks/${f.taskId}/review-diff?from=${firstSubmitRevision}`, reviewer)
    ).body as ReviewDiffJson;
    expect(diff.fromRevision).toBe(firstSubmitRevision);
    const moved = must(
      diff.boxes.find((b) => b.cuboidId === boxes[0]),
      "diff.boxes.find((b) => b.cuboidId === boxes[0])",
    );
    const turned = must(
      diff.boxes.find((b) => b.cuboidId === boxes[1]),
      "diff.boxes.find((b) => b.cuboidId === boxes[1])",
    );
    expect(moved.change).toBe("changed");
    expect(must(moved.difference, "moved.difference").centerDistanceM).toBeCloseTo(0.1, 6);
    expect(must(turned.difference, "turned.difference").headingDiffDeg).toBeCloseTo((0.1 * 180) / Math.PI, 4);
    expect(turned.afterBy).toBe("reviewer");
    expect(diff.summary).toMatchObject({ boxes: 2, changed: 2 });
    expect(diff.byAnnotator.annotator).toMatchObject({ changed: 1 });
    // By default: since the last submit, when nothing changed.
    const sinceLast = (await call("GET", `/api/tasks/${f.taskId}/review-diff`, reviewer))
      .body as ReviewDiffJson;
    expect(sinceLast.summary).toMatchObject({ boxes: 2, unchanged: 2 });
    expect((await call("GET", `/api/tasks/${f.taskId}/review-diff?from=999`, reviewer)).status).toBe(404);

    const fixedQueue = (await call("GET", `/api/tasks/${f.taskId}/review-queue`, reviewer))
      .body as ReviewQueueJson;
    expect(fixedQueue.items.find((i) => i.cuboidId === boxes[0])).toMatchObject({
      verdict: { verdict: "rejected" },
      changedSinceVerdict: true,
    });
    expect(
      (await verdict({ target: { kind: "track", trackId: moved.trackId }, verdict: "accepted" })).status,
    ).toBe(201);
    const verified = await call("POST", `${thread}/status`, reviewer, { action: "verify" });
    expect(verified.body.status).toBe("verified");
    const accepted = await move(reviewer, "accept", "good");
    expect([accepted.status, accepted.body.task.state, accepted.body.acceptance.pass]).toEqual([
      200,
      "accepted",
      true,
    ]);
    expect((await edit(annotator, 0.1)).status).toBe(409);

    const history = (await call("GET", `/api/tasks/${f.taskId}/history`, f.viewer)).body as {
      transitions: TaskTransitionJson[];
    };
    expect(history.transitions.map((t) => `${t.action} ${t.actorName} ${t.from}→${t.to}`)).toEqual([
      "start annotator todo→labeling",
      "submit annotator labeling→submitted",
      "start-review reviewer submitted→in-review",
      "reject reviewer in-review→rejected",
      "start-rework annotator rejected→rework",
      "submit annotator rework→submitted",
      "start-review reviewer submitted→in-review",
      "accept reviewer in-review→accepted",
    ]);
    expect(must(history.transitions[1], "history.transitions[1]").note).toBe("first pass");
    const detail = (await call("GET", `/api/tasks/${f.taskId}`, annotator)).body as TaskDetailJson;
    expect(detail).toMatchObject({
      state: "accepted",
      labelerName: "annotator",
      reviewerName: "reviewer",
      actions: [],
    });
    expect((await call("GET", `/api/tasks/${f.taskId}`, f.lead)).body.actions).toEqual(["reopen"]);
    const all = (await call("GET", `/api/sequences/${f.sequenceId}/issues`, f.viewer)).body as IssueListJson;
    expect(must(all.issues[0], "all.issues[0]").replies.map((r) => r.action)).toEqual([
      null,
      "resolve",
      "verify",
    ]);
  });

  it("samples frames evenly, judges only the sample, and uses the project's own error types", async () => {
    const created = await call("POST", "/api/projects/default/tasks", f.lead, {
      sequenceId: f.sequenceId,
      labelerId: f.annotator.id,
      reviewerId: f.reviewer.id,
    });
    expect(created.body.state).toBe("todo");
    const id = created.body.id as string;
    const mine = (await call("GET", "/api/tasks/mine", f.annotator)).body as Array<{
      id: string;
      state: string;
    }>;
    expect(mine.find((t) => t.id === id)?.state).toBe("todo");
    const patched = await call("PATCH", `/api/tasks/${id}`, f.lead, {
      samplePercent: 34,
      maxRejectedPercent: 50,
      state: "in-review",
    });
    expect(patched.body).toMatchObject({ samplePercent: 34, maxRejectedPercent: 50, state: "in-review" });
    expect((await call("PATCH", `/api/tasks/${id}`, f.lead, { samplePercent: 0 })).status).toBe(400);
    const queue = (await call("GET", `/api/tasks/${id}/review-queue`, f.reviewer)).body as ReviewQueueJson;
    expect(queue.sampledFrames).toEqual([0, 2]);
    expect([...new Set(queue.items.map((i) => i.frameIndex))].sort()).toEqual([0, 2]);
    expect(queue.acceptance).toMatchObject({ sampledBoxes: 4, unjudged: 4, pass: true });

    expect(
      (await call("PUT", "/api/projects/default/error-types", f.annotator, { errorTypes: [] })).status,
    ).toBe(403);
    expect(
      (
        await call("PUT", "/api/projects/default/error-types", f.lead, {
          errorTypes: [
            { code: "a", label: "A" },
            { code: "a", label: "B" },
          ],
        })
      ).status,
    ).toBe(400);
    const types = [{ code: "ghost-object", label: "Ghost object" }];
    expect(
      (await call("PUT", "/api/projects/default/error-types", f.lead, { errorTypes: types })).status,
    ).toBe(200);
    expect((await call("GET", "/api/projects/default/error-types", f.annotator)).body.errorTypes).toEqual(
      types,
    );
    const [a, b, c] = queue.items;
    const judge = (cuboidId: string, reasonCode?: string) =>
      call("POST", `/api/tasks/${id}/verdicts`, f.reviewer, {
        target: { kind: "box", cuboidId },
        verdict: reasonCode ? "rejected" : "accepted",
        ...(reasonCode ? { reasonCode } : {}),
      });
    expect((await judge(must(a, "a").cuboidId, "wrong-heading")).status).toBe(400);
    expect((await judge(must(a, "a").cuboidId, "ghost-object")).status).toBe(201);
    expect((await judge(must(b, "b").cuboidId, "ghost-object")).status).toBe(201);
    expect((await judge(must(c, "c").cuboidId)).status).toBe(201);
    // 2 of 4 sampled boxes rejected = 50 %, not more than 50 %: accepted.
    const verdicts = (await call("GET", `/api/tasks/${id}/verdicts`, f.viewer)).body.verdicts;
    expect(verdicts.map((v: { reasonCode: string | null }) => v.reasonCode)).toEqual([
      "ghost-object",
      "ghost-object",
      null,
    ]);
    const accepted = await call("POST", `/api/tasks/${id}/transitions`, f.reviewer, { action: "accept" });
    expect([accepted.status, accepted.body.acceptance?.rejectedPercent]).toEqual([200, 50]);
    expect((await judge(must(c, "c").cuboidId)).status).toBe(409);
    // Per labeler over the project: the newest verdicts count, rejections by reason.
    expect((await call("GET", "/api/projects/default/review-stats", f.annotator)).status).toBe(403);
    const stats = (await call("GET", "/api/projects/default/review-stats", f.lead)).body as ReviewStatsJson;
    expect(stats.annotators).toEqual([
      {
        userId: f.annotator.id,
        name: "annotator",
        tasks: 2,
        tasksByState: { todo: 1, accepted: 1 },
        accepted: 1,
        rejected: 2,
        rejectedByReason: { "ghost-object": 2 },
        taskRejections: 0,
      },
    ]);
  });

  /** Sets the class of track t0's box on `frameIndex` as `user`. */
  const setClass = async (user: TestUser, frameIndex: number, className: string) => {
    const snap = (await call("GET", `/api/sequences/${f.sequenceId}/annotations`, f.admin))
      .body as AnnotationSnapshot;
    const box = must(
      snap.cuboids.find((c) => c.frameIndex === frameIndex && c.trackId === "t0"),
      "snap.cuboids.find((c) => c.frameIndex === frameIndex && c...",
    );
    const res = await call("POST", `/api/sequences/${f.sequenceId}/annotations/batches`, user, {
      batchId: crypto.randomUUID(),
      baseRevision: snap.revision,
      operations: [{ op: "putCuboid", cuboid: { ...box, className } }],
    });
    expect(res.status).toBe(200);
  };
  const submitAsLabeler = () =>
    call("POST", `/api/tasks/${f.taskId}/transitions`, f.annotator, { action: "submit" });

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

    const refused = await submitAsLabeler();
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: "qa-blocking", count: 1 });
    expect(refused.body.message).toMatch(
      /^submit: 1 finding of checks the project makes blocking \(class-change\)/,
    );
    expect(
      refused.body.findings.map((x: { frameIndex: number; kind: string; code: string }) => [
        x.frameIndex,
        x.kind,
        x.code,
      ]),
    ).toEqual([[0, "class-change", "classChange"]]); // the code the client renders in its language
    const task = await call("GET", `/api/tasks/${f.taskId}`, f.annotator);
    expect(task.body.state).toBe("labeling");

    await setClass(f.annotator, 0, "Car");
    const ok = await submitAsLabeler();
    expect(ok.status).toBe(200);
    expect(ok.body.task.state).toBe("submitted");
  });
});
