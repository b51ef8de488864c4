import { rmSync } from "node:fs";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createApp } from "../app";
import { createTask } from "../accounts/tasks";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { importSequence } from "../import/importSequence";
import type { ServerDeps } from "../ServerDeps";
import { addTestUser, type TestUser } from "./testAuth";
import type { TestStoreKind } from "./testStores";
import { useTestDeps } from "./useTestDeps";
import { writeTinySequence } from "./writeTinySequence";
import { must } from "../../core/model/must";

export interface AccessFixture {
  admin: TestUser;
  lead: TestUser;
  annotator: TestUser;
  reviewer: TestUser;
  viewer: TestUser;
  /** A user with no membership. */
  outsider: TestUser;
  sequenceId: string;
  otherProjectId: string;
  otherSequenceId: string;
  /** The annotator's task: frame 0 of sequenceId. */
  taskId: string;
  blobHash: string;
  /** A path template (`/api/sequences/{id}`) with the fixture's ids filled in. */
  fill(path: string): string;
}

/**
 * Users of every role in the Default project (sequence `sequenceId`, the annotator's task on frame
 * 0), a second project with its own sequence nobody but the admin belongs to, and a blob.
 */
export async function accessFixture(
  deps: ServerDeps,
  app: ReturnType<typeof createApp>,
  tinyDir: string,
): Promise<AccessFixture> {
  const store = deps.store;
  const member = (role: "lead" | "annotator" | "reviewer" | "viewer") =>
    addTestUser(store, role, { roles: { [DEFAULT_PROJECT_ID]: role } });
  const admin = await addTestUser(store, "root", { isAdmin: true });
  const [lead, annotator, reviewer, viewer, outsider] = [
    await member("lead"),
    await member("annotator"),
    await member("reviewer"),
    await member("viewer"),
    await addTestUser(store, "outsider"),
  ];
  const sequenceId = (await importSequence(deps, tinyDir)).sequenceId;
  const otherProjectId = crypto.randomUUID();
  await store.db
    .insertInto("projects")
    .values({ id: otherProjectId, name: "Other", classes: "[]" })
    .execute();
  const otherSequenceId = (await importSequence(deps, tinyDir, { projectId: otherProjectId })).sequenceId;
  const task = await createTask(store, DEFAULT_PROJECT_ID, {
    sequenceId,
    frameStart: 0,
    frameEnd: 0,
    labelerId: must(annotator, "annotator").id,
    reviewerId: must(reviewer, "reviewer").id,
  });
  if ("error" in task) throw new Error(task.message);
  const detail = (await (
    await app.request(`/api/sequences/${sequenceId}`, { headers: admin.headers })
  ).json()) as {
    frames: Array<{ lidarBlob: string }>;
  };
  const blobHash = must(detail.frames[0], "detail.frames[0]").lidarBlob;
  const tokenId = (
    await store.db
      .selectFrom("api_tokens")
      .select("id")
      .where("user_id", "=", admin.id)
      .executeTakeFirstOrThrow()
  ).id;
  const fill = (path: string) =>
    path
      .replace("{id}", path.startsWith("/api/projects") ? DEFAULT_PROJECT_ID : sequenceId)
      .replace("{userId}", must(viewer, "viewer").id)
      .replace("{taskId}", task.id)
      .replace("{tokenId}", tokenId)
      .replace("{index}", "0")
      .replace("{hash}", blobHash);
  return {
    admin,
    lead: must(lead, "lead"),
    annotator: must(annotator, "annotator"),
    reviewer: must(reviewer, "reviewer"),
    viewer: must(viewer, "viewer"),
    outsider: must(outsider, "outsider"),
    sequenceId,
    otherProjectId,
    otherSequenceId,
    taskId: task.id,
    blobHash,
    fill,
  };
}

/** Registers the hooks of a test file on the fixture: a fresh app and fixture for every test. */
export function useAccessFixture(kind: TestStoreKind): {
  app: ReturnType<typeof createApp>;
  f: AccessFixture;
} {
  const t = useTestDeps(kind);
  const ctx = {} as { app: ReturnType<typeof createApp>; f: AccessFixture };
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));
  beforeEach(async () => {
    ctx.app = createApp(t.deps);
    ctx.f = await accessFixture(t.deps, ctx.app, tiny);
  });
  return ctx;
}
