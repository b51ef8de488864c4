import { describe, expect, it } from "vitest";
import { loadSnapshot } from "./commands/loadSnapshot";
import { createCuboid } from "./commands/createCuboid";
import { nudgeSelected, setClassOfSelected, updateCuboid } from "./commands/editCuboids";
import { redo, undo } from "./commands/undoRedo";
import type { AnnotationDiff } from "./AnnotationDiff";
import { selectedCuboid } from "./selectors";
import { makeEditor } from "./test/makeEditor";

const box = { centerM: { x: 10, y: 2, z: -1 }, size: { lengthM: 4, widthM: 2, heightM: 1.5 }, yawRad: 0 };

describe("history (one diff-based write path)", () => {
  it("undoes and redoes a creation, a move and a class change step by step", () => {
    const ed = makeEditor();
    const c = createCuboid(ed, box);
    nudgeSelected(ed, { forwardM: 1 });
    setClassOfSelected(ed, "Truck");
    expect(selectedCuboid(ed.store.get())?.className).toBe("Truck");
    expect(ed.store.get().tracks.get(c.trackId)?.className).toBe("Truck");

    expect(undo(ed)).toBe(true);
    expect(selectedCuboid(ed.store.get())?.className).toBe("Car");
    expect(ed.store.get().tracks.get(c.trackId)?.className).toBe("Car");
    expect(undo(ed)).toBe(true);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.x).toBe(10);
    expect(undo(ed)).toBe(true);
    expect(ed.store.get().cuboids.size).toBe(0);
    expect(ed.store.get().tracks.size).toBe(0);
    expect(ed.store.get().selectedTrackId).toBeNull();
    expect(undo(ed)).toBe(false);

    expect(redo(ed)).toBe(true);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.x).toBe(10);
    expect(ed.store.get().selectedTrackId).toBe(c.trackId);
    redo(ed);
    redo(ed);
    expect(ed.store.get().cuboids.get(c.id)).toMatchObject({ className: "Truck", centerM: { x: 11, y: 2 } });
    expect(redo(ed)).toBe(false);
  });

  it("a new edit after undo clears the redo stack", () => {
    const ed = makeEditor();
    const c = createCuboid(ed, box);
    nudgeSelected(ed, { leftM: 1 });
    undo(ed);
    nudgeSelected(ed, { leftM: -1 });
    expect(redo(ed)).toBe(false);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.y).toBe(1);
  });

  it("loads and remote updates are not undoable and not saved; user edits and undos are saved", () => {
    const ed = makeEditor();
    const saved: AnnotationDiff[] = [];
    ed.onLocalChange((d) => saved.push(d));
    loadSnapshot(ed, {
      tracks: [{ trackId: "7", className: "Car", attributes: {} }],
      cuboids: [
        {
          id: "a",
          trackId: "7",
          frameIndex: 0,
          ...box,
          pitchRad: 0,
          rollRad: 0,
          className: "Car",
          attributes: {},
          provenance: "imported",
          updatedBy: "x",
        },
      ],
    });
    expect(ed.history.canUndo()).toBe(false);
    expect(saved).toHaveLength(0);
    updateCuboid(ed, "a", { yawRad: 0.5 });
    expect(saved).toHaveLength(1);
    expect(saved[0]?.cuboids.a?.before?.yawRad).toBe(0);
    undo(ed);
    expect(saved).toHaveLength(2);
    expect(saved[1]?.cuboids.a?.after?.yawRad).toBe(0);
    expect(ed.store.get().cuboids.get("a")?.provenance).toBe("imported");
  });

  it("an interaction merges into one step and cancel rolls it back", () => {
    const ed = makeEditor();
    const c = createCuboid(ed, box);
    ed.history.begin();
    for (let i = 1; i <= 5; i++) updateCuboid(ed, c.id, { centerM: { ...box.centerM, x: 10 + i } });
    ed.history.end();
    undo(ed);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.x).toBe(10);
    redo(ed);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.x).toBe(15);
  });
});

describe("auto-fit hook", () => {
  it("applies the fit service's box as one undoable auto-fit edit, and drops a stale result", async () => {
    const { autoFitSelected } = await import("./commands/autoFitSelected");
    const ed = makeEditor();
    const c = createCuboid(ed, box);
    let release: () => void = () => {};
    ed.fit = {
      refit: async (b) => {
        await new Promise<void>((r) => (release = r));
        return { box: { ...b, centerM: { ...b.centerM, x: b.centerM.x + 0.4 }, yawRad: 0.1 }, moved: true };
      },
    };
    const first = autoFitSelected(ed);
    release();
    expect(await first).toBe(true);
    expect(ed.store.get().cuboids.get(c.id)).toMatchObject({
      centerM: { x: 10.4 },
      yawRad: 0.1,
      provenance: "auto-fit",
    });
    undo(ed);
    expect(ed.store.get().cuboids.get(c.id)?.centerM.x).toBe(10);

    const stale = autoFitSelected(ed);
    nudgeSelected(ed, { leftM: 1 }); // the annotator keeps working while the fit runs
    release();
    expect(await stale).toBe(false);
    expect(ed.store.get().cuboids.get(c.id)).toMatchObject({ centerM: { x: 10, y: 3 }, provenance: "human" });
  });
});
