import { describe, expect, it } from "vitest";
import { createCuboid } from "../commands/createCuboid";
import { undo } from "../commands/undoRedo";
import { selectedCuboid } from "../selectors";
import { makeCuboid } from "../test/makeCuboid";
import { makeEditor } from "../test/makeEditor";
import { createToolMachine } from "../tools/createToolMachine";
import { dragHandle } from "./dragHandle";
import { must } from "../../../core/model/must";

const yaw = Math.PI / 2; // heading +y: local x = lidar y, local y = lidar −x

describe("box-view handles", () => {
  it("dragging the side view's front edge lengthens the box forward and keeps the back edge fixed", () => {
    const ed = makeEditor();
    const c = createCuboid(ed, {
      centerM: { x: 0, y: 10, z: -1 },
      size: { lengthM: 4, widthM: 2, heightM: 1.5 },
      yawRad: yaw,
    });
    const tool = createToolMachine(ed);
    tool.boxViewDown("side", { kind: "edge", axis: "u", sign: 1 }, { u: 2, v: 0 });
    tool.boxViewMove({ u: 2.5, v: 0.3 });
    tool.boxViewMove({ u: 3, v: 0.3 });
    tool.boxViewUp();
    const after = must(selectedCuboid(ed.store.get()), "the selected box");
    expect(after.size.lengthM).toBeCloseTo(5, 12);
    expect(after.centerM.y).toBeCloseTo(10.5, 12); // back edge stays at y = 8
    expect(after.centerM.x).toBeCloseTo(0, 12);
    expect(after.size.heightM).toBe(1.5);
    undo(ed);
    expect(selectedCuboid(ed.store.get())?.size.lengthM).toBe(4);
    expect(c.id).toBe(after.id);
  });

  it("the top edge of the front view sets the height with the bottom fixed; a corner sets two sizes", () => {
    const start = makeCuboid({ centerM: { x: 5, y: 0, z: 0 } });
    const top = dragHandle(
      start,
      "front",
      { kind: "edge", axis: "v", sign: 1 },
      { u: 0, v: 1 },
      { u: 0, v: 0.5 },
    );
    expect(top.size?.heightM).toBeCloseTo(1.5, 12);
    expect(top.centerM?.z).toBeCloseTo(-0.25, 12);
    const corner = dragHandle(
      start,
      "top",
      { kind: "corner", uSign: -1, vSign: -1 },
      { u: -2, v: -1 },
      { u: -3, v: -2 },
    );
    expect(corner.size).toMatchObject({ lengthM: 5, widthM: 3 });
    expect(corner.centerM).toMatchObject({ x: 4.5, y: -0.5 });
    // dragging past the opposite edge clamps to the minimum size
    const clamped = dragHandle(
      start,
      "top",
      { kind: "edge", axis: "u", sign: 1 },
      { u: 2, v: 0 },
      { u: -9, v: 0 },
    );
    expect(clamped.size?.lengthM).toBeCloseTo(0.1, 12);
  });

  it("the rotation handle turns the box by the angle swept about its centre; Esc restores it", () => {
    const ed = makeEditor();
    createCuboid(ed, {
      centerM: { x: 0, y: 0, z: 0 },
      size: { lengthM: 4, widthM: 2, heightM: 1.5 },
      yawRad: 0,
    });
    const tool = createToolMachine(ed);
    tool.boxViewDown("top", { kind: "rotate" }, { u: 3, v: 0 });
    tool.boxViewMove({ u: 3, v: 3 });
    expect(selectedCuboid(ed.store.get())?.yawRad).toBeCloseTo(Math.PI / 4, 12);
    expect(tool.cancel()).toBe(true);
    expect(selectedCuboid(ed.store.get())?.yawRad).toBe(0);
    expect(tool.state).toBe("select.idle");
  });
});
