import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "./app";
import { importSequence } from "./import/importSequence";
import type { ServerDeps } from "./ServerDeps";
import { listSequences } from "./store/listSequences";
import { addTestUser } from "./testing/testAuth";
import { testStoreKinds } from "./testing/testStores";
import { useTestDeps } from "./testing/useTestDeps";
import { writeTinySequence } from "./testing/writeTinySequence";
import { must } from "../core/model/must";

// Issue #17: leads move sequences between projects, audited; only into a project they also lead.
describe.each(testStoreKinds().slice(0, 1))("moving a sequence between projects on $name", (kind) => {
  const t = useTestDeps(kind);
  let deps: ServerDeps;
  let app: ReturnType<typeof createApp>;
  let id: string;
  beforeEach(async () => {
    deps = t.deps;
    app = createApp(deps);
    id = (await importSequence(deps, writeTinySequence(2, 1))).sequenceId;
  });
  const project = async (name: string) => {
    const projectId = crypto.randomUUID();
    await deps.store.db.insertInto("projects").values({ id: projectId, name, classes: "[]" }).execute();
    return projectId;
  };
  const patch = (headers: Record<string, string>, body: unknown) =>
    app.request(`/api/sequences/${id}`, {
      method: "PATCH",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("moves it where the lead also leads, audits from and to, and refuses other projects", async () => {
    const fleet = await project("Fleet");
    const foreign = await project("Foreign");
    const ana = await addTestUser(deps.store, "ana", {
      roles: { default: "lead", [fleet]: "lead", [foreign]: "annotator" },
    });
    const bob = await addTestUser(deps.store, "bob", { roles: { default: "lead" } });

    const refused = await patch(ana.headers, { projectId: foreign });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /may not move sequences into that project/,
    );
    expect((await patch(ana.headers, { projectId: crypto.randomUUID() })).status).toBe(404);
    expect(must((await listSequences(deps.store))[0], "(await listSequences(deps.store))[0]").projectId).toBe(
      "default",
    );

    const moved = await patch(ana.headers, { projectId: fleet, name: "Moved drive" });
    expect(moved.status).toBe(200);
    expect((await listSequences(deps.store))[0]).toMatchObject({ projectId: fleet, name: "Moved drive" });
    // A lead of the old project only has no say over it any more.
    expect((await patch(bob.headers, { name: "Mine" })).status).toBe(403);

    const audit = await deps.store.db
      .selectFrom("audit_log")
      .select(["action", "actor_name", "target", "detail"])
      .where("action", "in", ["sequence.moved", "sequence.renamed"])
      .orderBy("id")
      .execute();
    expect(audit.map((a) => [a.action, a.actor_name, a.target])).toEqual([
      ["sequence.renamed", "ana", `sequence:${id}`],
      ["sequence.moved", "ana", `sequence:${id}`],
    ]);
    expect(must(audit[1], "audit[1]").detail).toEqual({ from: "default", projectId: fleet });
  });
});
