import { describe, expect, it } from "vitest";
import { createCuboid } from "./commands/createCuboid";
import { undo } from "./commands/undoRedo";
import { selectedCuboid } from "./selectors";
import { handleKey } from "./shortcuts";
import { ground, key, makeEditor } from "./test/makeEditor";
import { createToolMachine } from "./tools/createToolMachine";
import { must } from "../../core/model/must";

describe("BEV tools driven by scripted pointer events", () => {
  it("N + drag creates one box spanning the drag, with heights from the points under it, as one undo step", () => {
    const ed = makeEditor();
    ed.pointStats = () => ({ count: 40, minZM: -1.7, maxZM: -0.2 });
    const tools = createToolMachine(ed);
    handleKey(ed, tools, key("KeyN"));
    expect(tools.state).toBe("create.idle");
    tools.pointerDown(ground(10, 1));
    for (let i = 1; i <= 10; i++) tools.pointerMove(ground(10 + 0.4 * i, 1 - 0.2 * i));
    tools.pointerUp(ground(14, -1));
    expect(tools.state).toBe("select.idle");
    expect(ed.store.get().tool).toBe("select");
    const c = must(selectedCuboid(ed.store.get()), "the selected box");
    expect(c.centerM.x).toBeCloseTo(12, 9);
    expect(c.centerM.y).toBeCloseTo(0, 9);
    expect(c.size.lengthM).toBeCloseTo(4, 9);
    expect(c.size.widthM).toBeCloseTo(2, 9);
    expect(c.size.heightM).toBeCloseTo(1.5, 9);
    expect(c.centerM.z).toBeCloseTo(-0.95, 9);
    expect(ed.store.get().cuboids.size).toBe(1);
    undo(ed);
    expect(ed.store.get().cuboids.size).toBe(0);
  });

  it("a click with the create tool places the active class's default size", () => {
    const ed = makeEditor();
    const tools = createToolMachine(ed);
    handleKey(ed, tools, key("Digit5")); // Pedestrian
    handleKey(ed, tools, key("KeyN"));
    tools.pointerDown(ground(5, 5));
    tools.pointerUp(ground(5.1, 5));
    const c = must(selectedCuboid(ed.store.get()), "the selected box");
    expect(c.className).toBe("Pedestrian");
    expect(c.size).toEqual({ lengthM: 0.6, widthM: 0.6, heightM: 1.75 });
    expect(c.centerM).toMatchObject({ x: 5, y: 5 });
  });

  it("Esc during a create drag removes the half-drawn box and leaves no history", () => {
    const ed = makeEditor();
    const tools = createToolMachine(ed);
    handleKey(ed, tools, key("KeyN"));
    tools.pointerDown(ground(0, 0));
    tools.pointerMove(ground(3, 2));
    expect(ed.store.get().cuboids.size).toBe(1);
    handleKey(ed, tools, key("Escape"));
    expect(ed.store.get().cuboids.size).toBe(0);
    expect(ed.history.canUndo()).toBe(false);
  });

  it("select tool: press on a box selects it, dragging moves it as one step, Esc mid-drag restores it", () => {
    const ed = makeEditor();
    const tools = createToolMachine(ed);
    const a = createCuboid(ed, {
      centerM: { x: 10, y: 0, z: -1 },
      size: { lengthM: 4, widthM: 2, heightM: 1.5 },
      yawRad: 0,
    });
    createCuboid(ed, {
      centerM: { x: 20, y: 0, z: -1 },
      size: { lengthM: 4, widthM: 2, heightM: 1.5 },
      yawRad: 0,
    });
    tools.pointerDown(ground(11, 0.5));
    expect(ed.store.get().selectedTrackId).toBe(a.trackId);
    tools.pointerMove(ground(12, 1));
    tools.pointerMove(ground(13, 1.5));
    tools.pointerUp(ground(13, 1.5));
    expect(ed.store.get().cuboids.get(a.id)?.centerM).toMatchObject({ x: 12, y: 1 });
    undo(ed);
    expect(ed.store.get().cuboids.get(a.id)?.centerM).toMatchObject({ x: 10, y: 0 });

    tools.pointerDown(ground(10, 0));
    tools.pointerMove(ground(15, 0));
    expect(tools.cancel()).toBe(true);
    expect(ed.store.get().cuboids.get(a.id)?.centerM.x).toBe(10);
    tools.pointerDown(ground(40, 40));
    expect(ed.store.get().selectedTrackId).toBeNull();
  });

  it("an idle machine follows the store's tool at the next press even without its subscription", () => {
    const ed = makeEditor();
    const tools = createToolMachine(ed);
    tools.dispose(); // as if React had dropped the subscription
    ed.store.update({ tool: "create" });
    tools.pointerDown(ground(0, 0));
    expect(tools.state).toBe("create.dragging");
    tools.pointerUp(ground(3, 2));
    expect(ed.store.get().cuboids.size).toBe(1);
  });
});
