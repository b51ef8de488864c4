import { rmSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../server/app";
import { importSequence } from "../../server/import/importSequence";
import { addTestUser } from "../../server/testing/testAuth";
import { testStoreKinds } from "../../server/testing/testStores";
import { useTestDeps } from "../../server/testing/useTestDeps";
import { writeTinySequence } from "../../server/testing/writeTinySequence";
import { ApiError } from "./api";
import { apiClient, fetchAnnotations, fetchSequence, fetchSequences, ok, pathParam } from "./apiClient";
import { must } from "../../core/model/must";

// Starting PGlite takes longer than the unit project's 10 s hook limit on a loaded machine.
vi.setConfig({ hookTimeout: 120_000 });

/** The browser client against the real app: `fetch` is the app, with a bearer token for the user. */
describe("the typed API client", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "a test store kind"));
  let tiny: string;
  let sequenceId: string;
  let sent: Array<{ url: string; method: string; headers: Headers }>;
  beforeAll(() => {
    tiny = writeTinySequence(3, 2);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));
  beforeEach(async () => {
    const app = createApp(t.deps);
    const { headers: auth } = await addTestUser(t.deps.store, "alice", { isAdmin: true });
    sequenceId = (await importSequence(t.deps, tiny)).sequenceId;
    sent = [];
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      sent.push({ url, method: init.method ?? "GET", headers });
      headers.set("Authorization", must(auth.Authorization, "the bearer header"));
      return app.request(url, { ...init, headers });
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it("reads sequences, a sequence and its annotations at a revision", async () => {
    expect((await fetchSequences()).map((s) => s.id)).toEqual([sequenceId]);
    const detail = await fetchSequence(sequenceId);
    expect(detail.frames).toHaveLength(3);
    const head = await fetchAnnotations(sequenceId);
    const { trackIds } = await ok(
      apiClient.api.sequences[":id"]["track-ids"].$post({
        param: { id: pathParam(sequenceId) },
        json: { count: 2 },
      }),
    );
    expect(trackIds).toHaveLength(2);
    expect((await fetchAnnotations(sequenceId, { revision: head.revision })).cuboids).toHaveLength(6);
    expect(sent.at(-1)?.url).toBe(`/api/sequences/${sequenceId}/annotations?revision=${head.revision}`);
  });

  it("sends the CSRF header and the JSON type on every write", async () => {
    await ok(
      apiClient.api.sequences[":id"]["track-ids"].$post({
        param: { id: pathParam(sequenceId) },
        json: { count: 1 },
      }),
    );
    const post = must(
      sent.find((s) => s.method === "POST"),
      "the POST request",
    );
    expect([post.headers.get("X-Cuboidal-Client"), post.headers.get("Content-Type")]).toEqual([
      "1",
      "application/json",
    ]);
  });

  it("throws ApiError with the server's code and message, and encodes ids in the path", async () => {
    const err = await fetchSequence("no/such id").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect([(err as ApiError).status, (err as ApiError).code]).toEqual([404, "not-found"]);
    expect(sent.at(-1)?.url).toBe("/api/sequences/no%2Fsuch%20id");
    const bad = await ok(
      apiClient.api.sequences[":id"]["track-ids"].$post({
        param: { id: pathParam(sequenceId) },
        json: { count: 0 },
      }),
    ).catch((e: unknown) => e);
    expect([(bad as ApiError).status, (bad as ApiError).code]).toEqual([400, "invalid-request"]);
    expect((bad as ApiError).detail).toMatch(/^count: /);
  });
});
