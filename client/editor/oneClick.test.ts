import { describe, expect, it } from "vitest";
import { yawErrorModPiRad } from "../../core/fit/angles";
import type { OrientedBox } from "../../core/geometry/cuboidCorners";
import { bevIou } from "../../core/geometry/iou";
import { createFitApi } from "../../workers/fit/createFitApi";
import { synthesizeScan } from "../../workers/fit/synthesizeScan";
import { createCuboid } from "./commands/createCuboid";
import { createFittedCuboid } from "./commands/createFittedCuboid";
import { setFrame } from "./commands/frames";
import { undo } from "./commands/undoRedo";
import { autoFitSelected } from "./commands/autoFitSelected";
import type { Editor, FitService } from "./createEditor";
import { selectedCuboid } from "./selectors";
import { handleKey } from "./shortcuts";
import { ground, key, makeEditor } from "./test/makeEditor";
import { createToolMachine } from "./tools/createToolMachine";
import { must } from "../../core/model/must";

/** A car parked across the ego's path (heading 70°), 12 m ahead: what `N` + click used to miss. */
const CROSSING: OrientedBox = {
  centerM: { x: 12, y: 3, z: -0.95 },
  size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
  yawRad: (70 * Math.PI) / 180,
};

/** The editor's fit service over the real fit API (workers/fit, no worker thread), one frame. */
function realFit(boxes: OrientedBox[]): FitService {
  const api = createFitApi();
  api.setFrame("f", synthesizeScan({ boxes, extentM: 30 }));
  return {
    refit: async (box, options) => {
      const r = api.refit("f", box, options?.anyHeading ? { anyHeading: true } : {});
      return { box: r.box, moved: r.moved };
    },
    autoFit: async (clickM, className, priorSize) => {
      const r = api.autoFit("f", clickM, className, priorSize);
      return { box: { centerM: r.centerM, size: r.size, yawRad: r.yawRad }, pointCount: r.pointCount };
    },
  };
}

/** Waits for the fit step a click started (queued behind nothing: one turn of promises). */
const settle = async (ed: Editor) => {
  for (let i = 0; i < 10 && ed.store.get().cuboids.size === 0; i++)
    await new Promise((r) => setTimeout(r, 0));
};

describe("one click, one box", () => {
  it("N + click on a crossing car makes a fitted, selected box: heading from its points, class size", async () => {
    const ed = makeEditor();
    ed.fit = realFit([CROSSING]);
    const tools = createToolMachine(ed);
    handleKey(ed, tools, key("KeyN"));
    tools.pointerDown(ground(12.3, 2.6));
    tools.pointerUp(ground(12.3, 2.6));
    await settle(ed);
    const c = must(selectedCuboid(ed.store.get()), "the selected box");
    expect(c.className).toBe("Car");
    expect(c.provenance).toBe("human");
    expect(yawErrorModPiRad(c.yawRad, CROSSING.yawRad)).toBeLessThan((3 * Math.PI) / 180);
    expect(bevIou(c, CROSSING)).toBeGreaterThan(0.75);
    expect(ed.store.get().tool).toBe("select");
  });

  it("a click on empty ground still places the class's default box at heading 0", async () => {
    const ed = makeEditor();
    ed.fit = realFit([CROSSING]);
    const c = must(
      await createFittedCuboid(ed, -15, -15, "Car", { lengthM: 4.5, widthM: 1.85, heightM: 1.55 }),
      "the box placed by the click",
    );
    expect(c.centerM.x).toBeCloseTo(-15, 9);
    expect(c.centerM.y).toBeCloseTo(-15, 9);
    expect(c.size.lengthM).toBe(4.5);
    expect(c.yawRad).toBe(0);
  });

  it("X turns a box drawn at heading 0 on the crossing car to the car (the whole half turn searched)", async () => {
    const ed = makeEditor();
    ed.fit = realFit([CROSSING]);
    createCuboid(ed, { centerM: { x: 12, y: 3, z: -0.9 }, size: CROSSING.size, yawRad: 0 });
    expect(await autoFitSelected(ed)).toBe(true);
    const c = must(selectedCuboid(ed.store.get()), "the selected box");
    expect(c.provenance).toBe("auto-fit");
    expect(yawErrorModPiRad(c.yawRad, CROSSING.yawRad)).toBeLessThan((3 * Math.PI) / 180);
  });

  it("Shift+Delete cuts the selected track from this frame on, as one undo step", () => {
    const ed = makeEditor(6);
    const tools = createToolMachine(ed);
    createCuboid(ed, { centerM: { x: 5, y: 0, z: 0 }, size: CROSSING.size, yawRad: 0 });
    for (let i = 0; i < 5; i++) handleKey(ed, tools, key("]")); // copies into frames 1–5
    expect(ed.store.get().cuboids.size).toBe(6);
    setFrame(ed, 3);
    handleKey(ed, tools, key("Delete", { shiftKey: true }));
    expect([...ed.store.get().cuboids.values()].map((c) => c.frameIndex).sort()).toEqual([0, 1, 2]);
    expect(ed.store.get().tracks.size).toBe(1);
    undo(ed);
    expect(ed.store.get().cuboids.size).toBe(6);
  });

  it("a class key in the create tool sets the next box's class and leaves the selected box alone", () => {
    const ed = makeEditor();
    const tools = createToolMachine(ed);
    createCuboid(ed, { centerM: { x: 5, y: 0, z: 0 }, size: CROSSING.size, yawRad: 0 });
    handleKey(ed, tools, key("KeyN"));
    handleKey(ed, tools, key("Digit5")); // Pedestrian
    expect(selectedCuboid(ed.store.get())?.className).toBe("Car");
    expect(ed.store.get().activeClassName).toBe("Pedestrian");
    // In the select tool it relabels the selected track, and says so.
    handleKey(ed, tools, key("Escape"));
    handleKey(ed, tools, key("Digit5"));
    expect(selectedCuboid(ed.store.get())?.className).toBe("Pedestrian");
    expect(ed.store.get().notice).toMatch(/is now Pedestrian/);
  });
});
