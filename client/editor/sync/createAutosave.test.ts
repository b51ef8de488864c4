import { describe, expect, it } from "vitest";
import { createCuboid } from "../commands/createCuboid";
import { loadSnapshot } from "../commands/loadSnapshot";
import { nudgeSelected, setClassOfSelected, updateCuboid } from "../commands/editCuboids";
import { undo } from "../commands/undoRedo";
import { makeEditor } from "../test/makeEditor";
import { createAutosave } from "./createAutosave";
import { createMemoryOutbox } from "./Outbox";
import { must } from "../../../core/model/must";
import { mockServer } from "../test/mockBatchServer";

const box = { centerM: { x: 10, y: 0, z: -1 }, size: { lengthM: 4, widthM: 2, heightM: 1.5 }, yawRad: 0 };
const NO_TIMERS = { debounceMs: 1e9, retryDelaysMs: [1e9] };

/** An autosave of sequence "s1" for `editor`, with test timers, the given fetch and outbox, based on `baseRevision`. */
const startAutosave = (
  editor: Parameters<typeof createAutosave>[0]["editor"],
  fetch: Parameters<typeof createAutosave>[0]["fetch"],
  outbox = createMemoryOutbox(),
  baseRevision = 0,
) => createAutosave({ editor, sequenceId: "s1", baseRevision, outbox, fetch, ...NO_TIMERS });

describe("autosave", () => {
  it("batches edits, shows unsaved → saved, and sends merged operations", async () => {
    const ed = makeEditor();
    const server = mockServer();
    const save = startAutosave(ed, server.fetch);
    const c = createCuboid(ed, box);
    nudgeSelected(ed, { forwardM: 1 });
    nudgeSelected(ed, { forwardM: 1 });
    expect(ed.store.get().save).toMatchObject({ status: "unsaved", pendingOps: 2 });
    await save.flush();
    expect(ed.store.get().save).toMatchObject({ status: "saved", pendingOps: 0 });
    expect(server.posts).toHaveLength(1);
    expect(server.posts[0]?.operations.map((o) => o.op)).toEqual(["putTrack", "putCuboid"]);
    expect(server.cuboids.get(c.id)?.centerM.x).toBe(12);
    undo(ed);
    await save.flush();
    expect(server.cuboids.get(c.id)?.centerM.x).toBe(11);
    expect(save.revision).toBe(2);
    save.dispose();
  });

  it("keeps edits in the outbox while the server is down, retries the same batch id, and restores after a reload", async () => {
    const ed = makeEditor();
    const server = mockServer();
    const outbox = createMemoryOutbox();
    const save = startAutosave(ed, server.fetch, outbox);
    server.down = true;
    const c = createCuboid(ed, box);
    await save.flush();
    expect(ed.store.get().save.status).toBe("offline");
    setClassOfSelected(ed, "Van");
    await save.idle();
    const kept = [...outbox.records.values()];
    expect(kept).toHaveLength(1);
    expect(kept[0]?.pending.cuboids[c.id]?.after?.className).toBe("Van");
    save.dispose();

    // The tab is closed; a new one loads the (empty) server state and restores the outbox.
    server.down = false;
    const ed2 = makeEditor(5, "tab2");
    loadSnapshot(ed2, server.snapshot());
    const save2 = startAutosave(ed2, server.fetch, outbox, server.revision);
    await save2.restore(server.snapshot());
    await save2.idle();
    expect(server.cuboids.get(c.id)?.className).toBe("Van");
    expect(ed2.store.get().cuboids.get(c.id)?.className).toBe("Van");
    expect(ed2.store.get().save.status).toBe("saved");
    expect(outbox.records.size).toBe(0);
    expect(ed2.history.canUndo()).toBe(false);
    save2.dispose();
  });

  it("a lost reply is retried with the same batch id and applied once", async () => {
    const ed = makeEditor();
    const server = mockServer();
    let dropReply = true;
    const flaky = async (u: string, i?: RequestInit) => {
      const res = await server.fetch(u, i);
      if (dropReply) {
        dropReply = false;
        throw new TypeError("connection reset");
      }
      return res;
    };
    const save = startAutosave(ed, flaky);
    createCuboid(ed, box);
    await save.flush();
    expect(ed.store.get().save.status).toBe("offline");
    await save.flush();
    const first = must(server.posts[0], "the first post").batchId;
    expect(server.posts.map((p) => p.batchId)).toEqual([first, first]);
    expect(server.revision).toBe(1);
    expect(ed.store.get().save.status).toBe("saved");
  });

  it("409: merges the other user's change with ours field by field, shows the conflict, and saves the result", async () => {
    const ed = makeEditor();
    const server = mockServer();
    const save = startAutosave(ed, server.fetch);
    const c = createCuboid(ed, box);
    await save.flush();
    // Someone else changes the class; we move the box, based on the old revision.
    server.commitOther({
      ...must(server.cuboids.get(c.id), "the saved box"),
      className: "Truck",
      updatedBy: "other",
    });
    updateCuboid(ed, c.id, { centerM: { x: 15, y: 0, z: -1 } });
    await save.flush();
    expect(ed.store.get().save.status).toBe("conflict");
    expect(ed.store.get().save.message).toContain(c.id);
    expect(ed.store.get().cuboids.get(c.id)).toMatchObject({ className: "Truck", centerM: { x: 15 } });
    await save.idle();
    expect(server.cuboids.get(c.id)).toMatchObject({ className: "Truck", centerM: { x: 15 } });
    expect(ed.store.get().save.status).toBe("saved");
    expect(ed.store.get().save.message).toContain("merged");
    save.dispose();
  });

  it("409 on a box they deleted while we edited keeps ours", async () => {
    const ed = makeEditor();
    const server = mockServer();
    const save = startAutosave(ed, server.fetch);
    const c = createCuboid(ed, box);
    await save.flush();
    // Another user deletes it (recorded as a change at a newer revision).
    server.commitOther({ ...c, centerM: { x: 99, y: 0, z: 0 } });
    server.cuboids.delete(c.id);
    updateCuboid(ed, c.id, { yawRad: 1 });
    await save.flush();
    await save.idle();
    expect(server.cuboids.get(c.id)?.yawRad).toBe(1);
    expect(ed.store.get().save.message).toContain("your version kept");
  });
});

describe("outbox per tab", () => {
  it("two tabs offline keep separate records; a later tab adopts both and saves both edits", async () => {
    const server = mockServer();
    const outbox = createMemoryOutbox();
    server.down = true;
    const tabs = ["a", "b"].map((p) => {
      const ed = makeEditor(5, p);
      const save = startAutosave(ed, server.fetch, outbox);
      return { ed, save };
    });
    const [tabA, tabB] = tabs;
    if (!tabA || !tabB) throw new Error("test setup: two tabs expected");
    const ca = createCuboid(tabA.ed, box);
    const cb = createCuboid(tabB.ed, { ...box, centerM: { x: -10, y: 0, z: -1 } });
    for (const t of tabs) {
      await t.save.flush();
      await t.save.idle();
      t.save.dispose();
    }
    expect(outbox.records.size).toBe(2);
    server.down = false;
    const ed = makeEditor(5, "c");
    loadSnapshot(ed, server.snapshot());
    const save = startAutosave(ed, server.fetch, outbox);
    await save.restore(server.snapshot());
    await save.idle();
    expect(server.cuboids.has(ca.id)).toBe(true);
    expect(server.cuboids.has(cb.id)).toBe(true);
    expect(outbox.records.size).toBe(0);
  });
});
