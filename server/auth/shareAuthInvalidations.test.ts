import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { createMemoryLiveHub, type LiveEvent } from "../live/LiveHub";
import { addTestUser } from "../testing/testAuth";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { must } from "../../core/model/must";
import { createAuthState } from "./createAuthState";
import type { Principal } from "./Principal";
import { shareAuthInvalidations } from "./shareAuthInvalidations";

// Two servers on one store: each has its own credential cache (createApp with an AuthState of its
// own); what one drops, the other must drop too, well within the cache's lifetime.
describe.each(testStoreKinds())("auth invalidations shared between servers on $name", (kind) => {
  const t = useTestDeps(kind);
  const twoServers = () =>
    [
      createApp({ ...t.deps, auth: createAuthState() }),
      createApp({ ...t.deps, auth: createAuthState() }),
    ] as const;

  it("a token revoked on one server is refused by the other at once", async () => {
    const [a, b] = twoServers();
    const user = await addTestUser(t.deps.store, "ann");
    const me = async () => (await b.request("/api/auth/me", { headers: user.headers })).status;
    expect(await me()).toBe(200); // now cached by b
    const [token] = (await (await a.request("/api/auth/tokens", { headers: user.headers })).json()) as Array<{
      id: string;
    }>;
    const revoked = await a.request(`/api/auth/tokens/${must(token, "the user's token").id}`, {
      method: "DELETE",
      headers: user.headers,
    });
    expect(revoked.status).toBe(204);
    await expect.poll(me, { timeout: 2_000, interval: 20 }).toBe(401);
  });

  it("a membership change on one server drops the other's role lookups", async () => {
    const [a, b] = twoServers();
    const admin = await addTestUser(t.deps.store, "root", { isAdmin: true });
    const ann = await addTestUser(t.deps.store, "ann");
    const project = (await (
      await a.request("/api/projects", {
        method: "POST",
        headers: { ...admin.headers, "Content-Type": "application/json" },
        body: JSON.stringify({ name: "P" }),
      })
    ).json()) as { id: string };
    const tasks = async () =>
      (await b.request(`/api/projects/${project.id}/tasks`, { headers: ann.headers })).status;
    expect(await tasks()).toBe(403); // b remembers: no role in the project
    const added = await a.request(`/api/projects/${project.id}/members/${ann.id}`, {
      method: "PUT",
      headers: { ...admin.headers, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "lead" }),
    });
    expect(added.status).toBeLessThan(300);
    await expect.poll(tasks, { timeout: 2_000, interval: 20 }).toBe(200);
  });
});

describe("shareAuthInvalidations", () => {
  const principal: Principal = {
    userId: "u1",
    username: "ann",
    displayName: "Ann",
    isAdmin: false,
    via: "token",
    credential: "t1",
  };

  it("drops every cached credential and lookup on a resync (notices may have been missed)", async () => {
    const hub = createMemoryLiveHub();
    let emit: (e: LiveEvent) => void = () => {};
    const auth = shareAuthInvalidations(createAuthState(), {
      ...hub,
      subscribe: (listener) => {
        emit = listener;
        return () => {};
      },
    });
    auth.remember("k", principal);
    let loads = 0;
    const load = async () => ++loads;
    await auth.lookup("role", load);
    await auth.lookup("role", load);
    expect([auth.cached("k"), loads]).toEqual([principal, 1]);
    emit({ kind: "resync" });
    expect(auth.cached("k")).toBeUndefined();
    await auth.lookup("role", load);
    expect(loads).toBe(2);
  });

  it("does not cache a credential whose load raced a forget", () => {
    const auth = shareAuthInvalidations(createAuthState(), createMemoryLiveHub());
    const before = auth.generation();
    auth.forget({ userId: "u1" }); // a revoke lands while the load is in flight
    auth.remember("k", principal, before);
    expect(auth.cached("k")).toBeUndefined();
    auth.remember("k", principal, auth.generation());
    expect(auth.cached("k")).toEqual(principal);
  });
});
