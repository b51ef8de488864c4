import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importSequence } from "../import/importSequence";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { getFrameDetail } from "./getFrameDetail";

describe.each(testStoreKinds())("getFrameDetail on $name", (kind) => {
  const t = useTestDeps(kind);
  let tiny: string;
  beforeAll(() => {
    tiny = writeTinySequence(3, 1);
  });
  afterAll(() => rmSync(tiny, { recursive: true, force: true }));

  // Frame steps are half of bench:server's requests; a frame row never changes once imported.
  it("reads a frame once per process, and a missing one every time", async () => {
    expect(await getFrameDetail(t.deps.store, "no-such-sequence", 0)).toBeNull();
    const { sequenceId } = await importSequence(t.deps, tiny);
    const first = await getFrameDetail(t.deps.store, sequenceId, 1);
    expect(first).toMatchObject({ index: 1 });
    // The row is gone from the table, and the frame is still answered: from memory, not a query.
    await t.deps.store.db.deleteFrom("frames").where("sequence_id", "=", sequenceId).execute();
    expect(await getFrameDetail(t.deps.store, sequenceId, 1)).toBe(first);
    expect(await getFrameDetail(t.deps.store, sequenceId, 2)).toBeNull();
  });
});
