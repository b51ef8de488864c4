import { describe, expect, it } from "vitest";
import type { Cuboid } from "../../core/model/Cuboid";
import { loadSnapshot } from "./commands/loadSnapshot";
import { undo } from "./commands/undoRedo";
import type { FitService } from "./createEditor";
import { cuboidsInFrame, predictionQueue, selectedCuboid } from "./selectors";
import { handleKey } from "./shortcuts";
import { makeCuboid } from "./test/makeCuboid";
import { key, makeEditor } from "./test/makeEditor";
import { must } from "../../core/model/must";

const noTools = { cancel: () => false };
const predicted = (id: string, frameIndex: number, score: number, x = 10): Cuboid =>
  makeCuboid({
    id,
    trackId: `t${id}`,
    frameIndex,
    centerM: { x, y: 0, z: 0 },
    provenance: "model",
    prediction: { model: "det", version: "1", score },
  });

function setup() {
  const ed = makeEditor(4);
  const cuboids = [
    predicted("a", 2, 0.9),
    predicted("b", 1, 0.2),
    predicted("c", 3, 0.5),
    predicted("d", 0, 0.05, 20),
    makeCuboid({ id: "h", trackId: "th", frameIndex: 1, centerM: { x: -10, y: 0, z: 0 } }),
  ];
  loadSnapshot(ed, {
    cuboids,
    tracks: cuboids.map((c) => ({ trackId: c.trackId, className: "Car", attributes: {} })),
  });
  return ed;
}
const selectedId = (ed: ReturnType<typeof makeEditor>) => selectedCuboid(ed.store.get())?.id;

describe("the prediction queue and its keys", () => {
  it("hides predictions under the threshold without deleting them, and walks the rest lowest score first", () => {
    const ed = setup();
    // The threshold starts at the pre-labeler's operating point, 0.5.
    expect(predictionQueue(ed.store.get()).map((c) => c.id)).toEqual(["c", "a"]);
    ed.store.update({ predictionMinScore: 0 });
    expect(predictionQueue(ed.store.get()).map((c) => c.id)).toEqual(["d", "b", "c", "a"]);
    ed.store.update({ predictionMinScore: 0.1 });
    expect(predictionQueue(ed.store.get()).map((c) => c.id)).toEqual(["b", "c", "a"]);
    expect(cuboidsInFrame(ed.store.get(), 0)).toEqual([]);
    expect(ed.store.get().cuboids.has("d")).toBe(true);
    // A person's box is never hidden.
    expect(cuboidsInFrame(ed.store.get(), 1).map((c) => c.id)).toEqual(["b", "h"]);

    handleKey(ed, noTools, key("KeyJ"));
    expect([ed.store.get().frameIndex, selectedId(ed)]).toEqual([1, "b"]);
    handleKey(ed, noTools, key("KeyJ"));
    expect([ed.store.get().frameIndex, selectedId(ed)]).toEqual([3, "c"]);
    handleKey(ed, noTools, key("KeyJ", { shiftKey: true }));
    expect(selectedId(ed)).toBe("b");
  });

  it("H accepts as it is, L rejects, each one undo step, and goes on to the next prediction", () => {
    const ed = setup();
    ed.store.update({ predictionMinScore: 0.1 });
    handleKey(ed, noTools, key("KeyJ"));
    handleKey(ed, noTools, key("KeyH"));
    const accepted = must(ed.store.get().cuboids.get("b"), "box b");
    expect([accepted.provenance, accepted.centerM.x, accepted.prediction?.score]).toEqual(["human", 10, 0.2]);
    expect(selectedId(ed)).toBe("c");
    handleKey(ed, noTools, key("KeyL"));
    expect(ed.store.get().cuboids.has("c")).toBe(false);
    expect(selectedId(ed)).toBe("a");
    expect(predictionQueue(ed.store.get()).map((c) => c.id)).toEqual(["a"]);
    undo(ed);
    expect(ed.store.get().cuboids.get("c")?.provenance).toBe("model");
    undo(ed);
    expect(ed.store.get().cuboids.get("b")?.provenance).toBe("model");
    // A person's box is not a prediction: the keys leave it alone.
    ed.store.update({ frameIndex: 1, selectedTrackId: "th" });
    handleKey(ed, noTools, key("KeyL"));
    expect(ed.store.get().cuboids.has("h")).toBe(true);
  });

  it("Shift+H fits the box with the fit X uses, accepts it as a person's box, then the next", async () => {
    const ed = setup();
    ed.store.update({ predictionMinScore: 0 });
    const fit: FitService = {
      refit: async (box, options) => {
        expect(options).toEqual({ anyHeading: true });
        return {
          box: { ...box, centerM: { ...box.centerM, x: box.centerM.x + 0.4 }, yawRad: 0.1 },
          moved: true,
        };
      },
      propagate: async () => [],
      fitTrackSize: async () => ({ size: { lengthM: 1, widthM: 1, heightM: 1 }, boxes: [] }),
    };
    ed.fit = fit;
    handleKey(ed, noTools, key("KeyJ"));
    expect(selectedId(ed)).toBe("d");
    handleKey(ed, noTools, key("KeyH", { shiftKey: true }));
    await new Promise((r) => setTimeout(r, 0));
    const fitted = must(ed.store.get().cuboids.get("d"), "box d");
    expect([fitted.provenance, fitted.centerM.x, fitted.yawRad]).toEqual(["human", 20.4, 0.1]);
    expect(selectedId(ed)).toBe("b");
    undo(ed);
    expect(ed.store.get().cuboids.get("d")).toMatchObject({ provenance: "model", centerM: { x: 20 } });
  });
});
