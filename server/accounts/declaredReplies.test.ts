import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  auditPageSchema,
  createdTokenSchema,
  createdUserSchema,
  directoryEntrySchema,
  passwordResetSchema,
  tokenRowSchema,
  userRowSchema,
} from "../../core/api/accounts";
import {
  ledgerSchema,
  peopleFiguresSchema,
  progressSchema,
  reviewFiguresSchema,
  stretchesSchema,
  taskFiguresSchema,
} from "../../core/api/analytics";
import { projectPluginSchema } from "../../core/api/modelPlugin";
import { myTaskSchema } from "../../core/api/myTasks";
import { memberSchema, projectSchema } from "../../core/api/projects";
import { taskJsonSchema } from "../../core/api/review";
import { must } from "../../core/model/must";
import { qaConfigSchema } from "../../core/qa/QaConfig";
import { createApp } from "../app";
import { importSequence } from "../import/importSequence";
import { addTestUser, withHeaders } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";

const pglite = must(testStoreKinds()[0], "the PGlite store kind");

/**
 * The reply schemas the admin routes declare (and the browser's types come from) are what the
 * server sends: each real reply parses with the schema its route declares.
 */
describe("declared replies of the account and project routes", () => {
  const t = useTestDeps(pglite);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  it("match what the server answers", async () => {
    const app = createApp(t.deps);
    const { sequenceId } = await importSequence(t.deps, tiny);
    const admin = await addTestUser(t.deps.store, "ada", { isAdmin: true });
    const request = withHeaders(app.request.bind(app), admin.headers);
    const json = async (path: string, init: RequestInit, status: number, schema: z.ZodType) => {
      const res = await request(path, {
        ...init,
        headers: { "Content-Type": "application/json", "X-Cuboidal-Client": "1" },
      });
      expect(res.status, path).toBe(status);
      const parsed = schema.safeParse(await res.json());
      expect(parsed.error?.issues ?? [], path).toEqual([]);
      return parsed.data;
    };
    const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) });

    const made = createdUserSchema.parse(
      await json("/api/users", post({ username: "bob" }), 201, createdUserSchema),
    );
    expect(made.password).toEqual(expect.any(String));
    await json("/api/users", { method: "GET" }, 200, z.array(userRowSchema));
    await json("/api/users/directory", { method: "GET" }, 200, z.array(directoryEntrySchema));
    await json(
      `/api/users/${made.user.id}`,
      { method: "PATCH", body: JSON.stringify({ displayName: "Bob" }) },
      200,
      userRowSchema,
    );
    await json(`/api/users/${made.user.id}/password`, post({}), 200, passwordResetSchema);
    await json("/api/auth/tokens", post({ name: "ci" }), 201, createdTokenSchema);
    await json("/api/auth/tokens", { method: "GET" }, 200, z.array(tokenRowSchema));

    const project = projectSchema.parse(
      await json("/api/projects", post({ name: "Roads" }), 201, projectSchema),
    );
    expect(project.classes.length).toBeGreaterThan(0);
    await json("/api/projects", { method: "GET" }, 200, z.array(projectSchema));
    await json("/api/projects/default", { method: "GET" }, 200, projectSchema);
    await json(
      "/api/projects/default",
      { method: "PATCH", body: JSON.stringify({ name: "Default" }) },
      200,
      projectSchema,
    );
    await json(
      `/api/projects/default/members/${made.user.id}`,
      { method: "PUT", body: '{"role":"lead"}' },
      200,
      z.unknown(),
    );
    await json("/api/projects/default/members", { method: "GET" }, 200, z.array(memberSchema));
    await json("/api/projects/default/tasks", post({ sequenceId, labelerId: admin.id }), 201, taskJsonSchema);
    await json("/api/projects/default/tasks", { method: "GET" }, 200, z.array(taskJsonSchema));
    const mine = await json("/api/tasks/mine", { method: "GET" }, 200, z.array(myTaskSchema));
    expect(mine).toHaveLength(1);
    const qa = z.object({ config: qaConfigSchema, overrides: z.unknown() });
    await json("/api/projects/default/qa-config", { method: "GET" }, 200, qa);
    await json(
      "/api/projects/default/qa-config",
      { method: "PUT", body: JSON.stringify({ duplicate: { minBevIou: 0.3 } }) },
      200,
      qa,
    );
    await json("/api/projects/default/plugin", { method: "GET" }, 200, projectPluginSchema);
    await json("/api/audit", { method: "GET" }, 200, auditPageSchema);
    const figures = {
      people: peopleFiguresSchema,
      stretches: stretchesSchema,
      tasks: taskFiguresSchema,
      ledger: ledgerSchema,
      progress: progressSchema,
      review: reviewFiguresSchema,
    };
    for (const [name, schema] of Object.entries(figures))
      await json(`/api/projects/default/analytics/${name}`, { method: "GET" }, 200, schema);
  });
});
