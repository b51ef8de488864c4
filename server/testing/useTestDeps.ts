import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { ServerDeps } from "../ServerDeps";
import { type TestStore, type TestStoreKind, tempBlobs } from "./testStores";

export interface TestDeps {
  store: TestStore;
  /** Fresh for every test: an empty database and an empty blob folder. */
  deps: ServerDeps;
  blobsDir: string;
}

/**
 * Registers the hooks of a storage test: the store kind is started once per file, and every test
 * gets an empty database and blob folder, closed and removed after it. Read fields inside tests.
 */
export function useTestDeps(
  kind: TestStoreKind,
  extra: Partial<Omit<ServerDeps, "store" | "blobs">> = {},
): TestDeps {
  const ctx = {} as TestDeps;
  let removeBlobs = () => {};
  beforeAll(async () => {
    ctx.store = await kind.start();
  });
  afterAll(async () => ctx.store.stop());
  beforeEach(async () => {
    const b = tempBlobs();
    removeBlobs = b.remove;
    ctx.blobsDir = b.dir;
    ctx.deps = { store: await ctx.store.fresh(), blobs: b.blobs, ...extra };
  });
  afterEach(async () => {
    await ctx.deps.store.close();
    removeBlobs();
  });
  return ctx;
}
