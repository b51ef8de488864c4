import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import { createApp } from "../app";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { importSequence } from "../import/importSequence";
import { addTestUser, type TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { must } from "../../core/model/must";

describe.each(testStoreKinds())("class display names in a project's catalogue on $name", (kind) => {
  const t = useTestDeps(kind);
  let app: ReturnType<typeof createApp>;
  let admin: TestUser;
  beforeEach(async () => {
    app = createApp(t.deps);
    admin = await addTestUser(t.deps.store, "admin", { isAdmin: true });
  });
  const patch = (classes: unknown) =>
    app.request(`/api/projects/${DEFAULT_PROJECT_ID}`, {
      method: "PATCH",
      headers: { ...admin.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ classes }),
    });

  it("are stored with the catalogue and reach the workspace with the sequence", async () => {
    const classes = DEFAULT_CLASSES.map((c) =>
      c.name === "Car" ? { ...c, displayNames: { "zh-CN": "轿车", en: "Passenger car" } } : c,
    );
    expect((await patch(classes)).status).toBe(200);
    const project = (await (
      await app.request(`/api/projects/${DEFAULT_PROJECT_ID}`, { headers: admin.headers })
    ).json()) as { classes: typeof classes };
    expect(
      must(
        project.classes.find((c) => c.name === "Car"),
        'project.classes.find((c) => c.name === "Car")',
      ).displayNames,
    ).toEqual({
      "zh-CN": "轿车",
      en: "Passenger car",
    });
    const { sequenceId } = await importSequence(t.deps, writeTinySequence(2, 1));
    const detail = (await (
      await app.request(`/api/sequences/${sequenceId}`, { headers: admin.headers })
    ).json()) as {
      classes: typeof classes;
    };
    expect(
      must(
        detail.classes.find((c) => c.name === "Car"),
        'detail.classes.find((c) => c.name === "Car")',
      ).displayNames?.["zh-CN"],
    ).toBe("轿车");
  });

  it("refuse a bad language tag or an empty name with the field named", async () => {
    const bad = async (displayNames: unknown) => {
      const res = await patch([{ ...must(DEFAULT_CLASSES[0], "DEFAULT_CLASSES[0]"), displayNames }]);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(/displayNames/);
    };
    await bad({ "not a tag": "x" });
    await bad({ "zh-CN": "" });
    await bad({ "zh-CN": "a\u0000b" });
  });
});
