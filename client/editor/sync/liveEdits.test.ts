import { describe, expect, it } from "vitest";
import { createCuboid } from "../commands/createCuboid";
import { updateCuboid } from "../commands/editCuboids";
import { loadSnapshot } from "../commands/loadSnapshot";
import { resolveFieldConflict } from "../commands/resolveFieldConflict";
import { undo } from "../commands/undoRedo";
import type { Editor } from "../createEditor";
import { makeEditor } from "../test/makeEditor";
import { mockServer } from "../test/mockBatchServer";
import { createAutosave } from "./createAutosave";
import { createLiveSync, type EventSourceLike } from "./createLiveSync";
import { createMemoryOutbox } from "./Outbox";
import type { RemoteBatch } from "./remoteChanges";
import { must } from "../../../core/model/must";

const box = { centerM: { x: 10, y: 0, z: -1 }, size: { lengthM: 4, widthM: 2, heightM: 1.5 }, yawRad: 0 };
const NO_TIMERS = { debounceMs: 1e9, retryDelaysMs: [1e9] };

/** Two tabs on one (mock) server: each gets the batches the other had accepted, as the live stream delivers them. */
function twoTabs() {
  const server = mockServer();
  const tab = (prefix: string) => {
    const ed = makeEditor(5, prefix);
    loadSnapshot(ed, server.snapshot());
    const save = createAutosave({
      editor: ed,
      sequenceId: "s1",
      baseRevision: server.revision,
      outbox: createMemoryOutbox(),
      fetch: server.fetch,
      ...NO_TIMERS,
    });
    let delivered = server.revision;
    /** Hands this tab every accepted batch it has not had yet (its own included: they are skipped). */
    const sync = () => {
      for (const b of server.accepted) if (b.revision > delivered) save.receive(b);
      delivered = server.revision;
    };
    return { ed, save, sync };
  };
  return { server, tab };
}

const cuboidOf = (ed: Editor, id: string) => must(ed.store.get().cuboids.get(id), `box ${id}`);

describe("live edits between two tabs", () => {
  it("shows the other tab's saved edit at once, not undoable, and merges edits of different fields silently", async () => {
    const { server, tab } = twoTabs();
    const a = tab("a");
    const c = createCuboid(a.ed, box);
    await a.save.flush();
    const b = tab("b");
    b.sync();
    expect(cuboidOf(b.ed, c.id).centerM.x).toBe(10);
    expect(b.ed.history.canUndo()).toBe(false);
    // b changes the yaw (unsaved), a moves the box and saves: b sees the move, keeps its yaw, no notice.
    updateCuboid(b.ed, c.id, { yawRad: 0.5 });
    updateCuboid(a.ed, c.id, { centerM: { x: 20, y: 0, z: -1 } });
    await a.save.flush();
    b.sync();
    expect(cuboidOf(b.ed, c.id)).toMatchObject({ centerM: { x: 20 }, yawRad: 0.5 });
    expect(b.ed.store.get().conflicts).toEqual([]);
    await b.save.flush();
    expect(server.cuboids.get(c.id)).toMatchObject({ centerM: { x: 20 }, yawRad: 0.5 });
    a.sync();
    expect(cuboidOf(a.ed, c.id)).toMatchObject({ centerM: { x: 20 }, yawRad: 0.5 });
    // Undo in b undoes b's yaw only; a's move (a remote change for b) stays.
    undo(b.ed);
    expect(cuboidOf(b.ed, c.id)).toMatchObject({ centerM: { x: 20 }, yawRad: 0 });
  });

  it("same field, same box: the writer whose value would be overwritten is told both values and chooses", async () => {
    const { server, tab } = twoTabs();
    const a = tab("a");
    const c = createCuboid(a.ed, box);
    await a.save.flush();
    const b = tab("b");
    b.sync();
    updateCuboid(a.ed, c.id, { centerM: { x: 5, y: 0, z: -1 } });
    updateCuboid(b.ed, c.id, { centerM: { x: 7, y: 0, z: -1 } });
    await a.save.flush();
    // b saves on the old base: 409, rebased. Before: "yours kept" silently over a's 5.
    await b.save.flush();
    await b.save.idle();
    expect(server.cuboids.get(c.id)?.centerM.x).toBe(5);
    expect(cuboidOf(b.ed, c.id).centerM.x).toBe(5);
    const [notice] = b.ed.store.get().conflicts;
    expect(notice).toMatchObject({ kind: "box", objectId: c.id, field: "centerM.x", ours: 7, theirs: 5 });
    // b chooses its own value: a new edit, saved, and a sees it live.
    resolveFieldConflict(b.ed, must(notice, "the conflict notice").key, "mine");
    expect(b.ed.store.get().conflicts).toEqual([]);
    await b.save.flush();
    expect(server.cuboids.get(c.id)?.centerM.x).toBe(7);
    a.sync();
    expect(cuboidOf(a.ed, c.id).centerM.x).toBe(7);
  });

  it("a live edit of a field we changed and have not saved asks us too; keeping theirs drops ours", async () => {
    const { server, tab } = twoTabs();
    const a = tab("a");
    const c = createCuboid(a.ed, box);
    await a.save.flush();
    const b = tab("b");
    b.sync();
    updateCuboid(b.ed, c.id, { className: "Truck" });
    updateCuboid(a.ed, c.id, { className: "Pedestrian" });
    await a.save.flush();
    b.sync();
    expect(cuboidOf(b.ed, c.id).className).toBe("Pedestrian");
    const [notice] = b.ed.store.get().conflicts;
    expect(notice).toMatchObject({ field: "className", ours: "Truck", theirs: "Pedestrian" });
    resolveFieldConflict(b.ed, must(notice, "the conflict notice").key, "theirs");
    await b.save.flush();
    expect(server.cuboids.get(c.id)?.className).toBe("Pedestrian");
  });

  it("two tabs that both created track 70: the later one's track moves to a fresh id with its box", async () => {
    const { server, tab } = twoTabs();
    const a = tab("a");
    const b = tab("b");
    // No pool (offline): both pick "max + 1" = "1".
    const ca = createCuboid(a.ed, { ...box, className: "Car" });
    const cb = createCuboid(b.ed, { ...box, centerM: { x: -10, y: 0, z: -1 }, className: "Pedestrian" });
    expect(ca.trackId).toBe(cb.trackId);
    await a.save.flush();
    await b.save.flush();
    await b.save.idle();
    const savedB = must(server.cuboids.get(cb.id), "B's box on the server");
    expect(savedB.trackId).not.toBe(ca.trackId);
    expect(server.tracks.get(ca.trackId)?.className).toBe("Car");
    expect(server.tracks.get(savedB.trackId)?.className).toBe("Pedestrian");
    expect(b.ed.store.get().save.message).toMatch(/created elsewhere at the same time/);
  });
});

describe("live track-id collision", () => {
  it("a live batch creating the track id we created (unsaved) moves ours and its boxes to a fresh id", async () => {
    const { server, tab } = twoTabs();
    const a = tab("a");
    const b = tab("b");
    const ca = createCuboid(a.ed, { ...box, className: "Car" });
    const cb = createCuboid(b.ed, { ...box, centerM: { x: -10, y: 0, z: -1 }, className: "Pedestrian" });
    expect(ca.trackId).toBe(cb.trackId);
    await a.save.flush();
    b.sync();
    const mine = must(b.ed.store.get().cuboids.get(cb.id), "B's box in B's editor");
    expect(mine.trackId).not.toBe(ca.trackId);
    expect(b.ed.store.get().tracks.get(mine.trackId)?.className).toBe("Pedestrian");
    expect(b.ed.store.get().tracks.get(ca.trackId)?.className).toBe("Car");
    expect(b.ed.store.get().cuboids.get(ca.id)?.className).toBe("Car");
    await b.save.flush();
    expect(server.cuboids.get(cb.id)?.trackId).toBe(mine.trackId);
    expect(server.tracks.get(ca.trackId)?.className).toBe("Car");
    expect(b.ed.store.get().save.message).toMatch(/created elsewhere at the same time/);
  });
});

describe("live sync stream", () => {
  /** A hand-driven EventSource. */
  function fakeSource() {
    const listeners = new Map<string, (e: { data: string }) => void>();
    const urls: string[] = [];
    const source: EventSourceLike = {
      addEventListener: (type, l) => listeners.set(type, l),
      onerror: null,
      readyState: 1,
      close() {},
    };
    return {
      urls,
      open: (url: string) => {
        urls.push(url);
        return source;
      },
      emit: (type: string, data: unknown) =>
        must(listeners.get(type), `a "${type}" listener`)({ data: JSON.stringify(data) }),
    };
  }

  it("holds remote batches during a drag and applies them when it ends; lists the others, not this tab", () => {
    const ed = makeEditor(5, "x");
    const c = createCuboid(ed, box);
    const received: RemoteBatch[] = [];
    const src = fakeSource();
    const posted: unknown[] = [];
    const live = createLiveSync({
      editor: ed,
      receive: (b) => received.push(b),
      sequenceId: "s1",
      afterRevision: 3,
      clientId: "me",
      openEvents: src.open,
      postPresence: async (b) => posted.push(b),
      presenceEveryMs: 1e9,
    });
    expect(src.urls).toEqual(["/api/sequences/s1/live?afterRevision=3&clientId=me"]);
    const batch = (revision: number): RemoteBatch => ({
      revision,
      batchId: `b${revision}`,
      author: "bob",
      operations: [{ op: "putCuboid", cuboid: { ...c, yawRad: revision } }],
    });
    ed.history.begin(); // a drag starts
    src.emit("batch", batch(4));
    expect(received).toEqual([]);
    ed.history.end();
    ed.store.update({}); // the drag's last store change
    expect(received.map((b) => b.revision)).toEqual([4]);
    src.emit("batch", batch(4)); // a repeat after a reconnect: once only
    src.emit("batch", batch(5));
    expect(received.map((b) => b.revision)).toEqual([4, 5]);
    expect(live.revision).toBe(5);
    src.emit("presence", [
      { clientId: "me", username: "tester", selectedIds: [], frameIndex: 0 },
      { clientId: "bob-tab", username: "bob", selectedIds: [c.id], frameIndex: 0 },
    ]);
    expect(ed.store.get().presence.map((p) => p.username)).toEqual(["bob"]);
    expect(posted[0]).toEqual({ clientId: "me", selectedIds: [c.id], frameIndex: 0 });
    live.dispose();
  });
});
