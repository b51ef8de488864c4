import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { addTestUser, type TestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";

describe.each(testStoreKinds())("per-user UI language on $name", (kind) => {
  const t = useTestDeps(kind);
  let app: ReturnType<typeof createApp>;
  let alice: TestUser;
  let bob: TestUser;
  beforeEach(async () => {
    app = createApp(t.deps);
    alice = await addTestUser(t.deps.store, "alice");
    bob = await addTestUser(t.deps.store, "bob");
  });
  const me = async (u: TestUser) =>
    (
      (await (await app.request("/api/auth/me", { headers: u.headers })).json()) as {
        user: { locale: unknown };
      }
    ).user.locale;
  const setLocale = (u: TestUser, body: unknown) =>
    app.request("/api/auth/locale", {
      method: "PUT",
      headers: { ...u.headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("is null until set, then remembered for that user only", async () => {
    expect(await me(alice)).toBeNull();
    expect((await setLocale(alice, { locale: "zh-CN" })).status).toBe(200);
    expect(await me(alice)).toBe("zh-CN");
    expect(await me(bob)).toBeNull();
    expect((await setLocale(alice, { locale: "en" })).status).toBe(200);
    expect(await me(alice)).toBe("en");
  });

  it("refuses a language the client has no catalogue for, with a reason", async () => {
    const res = await setLocale(alice, { locale: "fr" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: "invalid-request",
      message: expect.stringMatching(/locale/),
    });
    expect((await app.request("/api/auth/locale", { method: "PUT" })).status).toBe(401);
  });
});
