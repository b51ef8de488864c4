import { describe, expect, it } from "vitest";
import { i18n } from "../i18n/i18n";
import { createCuboid } from "./commands/createCuboid";
import { cuboidOfTrack, selectedCuboid } from "./selectors";
import { handleKey, MOVE_STEP_M, ROTATE_STEP_RAD, SHORTCUTS } from "./shortcuts";
import { key, makeEditor } from "./test/makeEditor";
import { createToolMachine } from "./tools/createToolMachine";
import { must } from "../../core/model/must";

const setup = () => {
  const ed = makeEditor(3);
  const tools = createToolMachine(ed);
  const c = createCuboid(ed, {
    centerM: { x: 10, y: 0, z: -1 },
    size: { lengthM: 4, widthM: 2, heightM: 1.5 },
    yawRad: Math.PI / 2,
  });
  const press = (code: string, mods = {}) => handleKey(ed, tools, key(code, mods));
  return { ed, tools, c, press };
};

describe("keyboard commands", () => {
  it("W/A/S/D move in the box's own frame with plain, coarse (Shift) and fine (Alt) steps", () => {
    const { ed, press } = setup();
    press("KeyW"); // heading is +y
    expect(selectedCuboid(ed.store.get())?.centerM.y).toBeCloseTo(MOVE_STEP_M.normal, 12);
    press("KeyA", { shiftKey: true }); // left of +y heading is −x
    expect(selectedCuboid(ed.store.get())?.centerM.x).toBeCloseTo(10 - MOVE_STEP_M.coarse, 12);
    press("KeyD", { altKey: true });
    expect(selectedCuboid(ed.store.get())?.centerM.x).toBeCloseTo(
      10 - MOVE_STEP_M.coarse + MOVE_STEP_M.fine,
      12,
    );
    press("KeyR");
    expect(selectedCuboid(ed.store.get())?.centerM.z).toBeCloseTo(-1 + MOVE_STEP_M.normal, 12);
  });

  it("Q/E rotate, Ctrl+Z/Ctrl+Shift+Z undo and redo them", () => {
    const { ed, press } = setup();
    press("KeyQ");
    press("KeyE", { shiftKey: true });
    const yaw = Math.PI / 2 + ROTATE_STEP_RAD.normal - ROTATE_STEP_RAD.coarse;
    expect(selectedCuboid(ed.store.get())?.yawRad).toBeCloseTo(yaw, 12);
    press("KeyZ", { ctrlKey: true });
    expect(selectedCuboid(ed.store.get())?.yawRad).toBeCloseTo(Math.PI / 2 + ROTATE_STEP_RAD.normal, 12);
    press("KeyZ", { ctrlKey: true, shiftKey: true });
    expect(selectedCuboid(ed.store.get())?.yawRad).toBeCloseTo(yaw, 12);
  });

  it("] copies the selected box to the next frame and steps there; the track stays selected", () => {
    const { ed, c, press } = setup();
    press("]");
    const s = ed.store.get();
    expect(s.frameIndex).toBe(1);
    const copy = must(selectedCuboid(s), "the selected box");
    expect(copy).toMatchObject({
      trackId: c.trackId,
      frameIndex: 1,
      centerM: c.centerM,
      provenance: "human",
    });
    expect(copy.id).not.toBe(c.id);
    press("ArrowLeft");
    expect(ed.store.get().frameIndex).toBe(0);
    press("]"); // again: replaces frame 1's box of the track, keeping its id
    expect(cuboidOfTrack(ed.store.get(), c.trackId, 1)?.id).toBe(copy.id);
    press("]");
    press("]"); // past the last frame: nothing
    expect(ed.store.get().frameIndex).toBe(2);
    expect(ed.store.get().cuboids.size).toBe(3);
  });

  it("digits set the class, Delete removes the box and its now-empty track, Tab cycles", () => {
    const { ed, c, press } = setup();
    press("Digit3");
    expect(selectedCuboid(ed.store.get())?.className).toBe("Truck");
    press("Tab");
    expect(ed.store.get().selectedTrackId).toBe(c.trackId);
    press("Delete");
    expect(ed.store.get().cuboids.size).toBe(0);
    expect(ed.store.get().tracks.size).toBe(0);
    press("KeyZ", { ctrlKey: true });
    expect(ed.store.get().cuboids.size).toBe(1);
  });

  it("every listed shortcut has a description and help toggles with ?", () => {
    const { ed, press } = setup();
    for (const s of SHORTCUTS)
      if (s.keys) expect(i18n.exists(s.descriptionKey, { lng: "zh-CN" }), s.descriptionKey).toBe(true);
    press("?");
    expect(ed.store.get().view.helpOpen).toBe(true);
    expect(press("KeyK")).toBe(false);
  });
});
