import { describe, expect, it } from "vitest";
import { bevIntersectionArea } from "../../core/geometry/iou";
import type { NativeCuboid } from "../../core/model/NativeSequenceManifest";
import { createGenerator } from "./createGenerator";
import { BIG_PRESET } from "./GeneratorOptions";

const zOverlapM = (a: NativeCuboid, b: NativeCuboid) =>
  Math.min(a.centerM.z + a.size.heightM / 2, b.centerM.z + b.size.heightM / 2) -
  Math.max(a.centerM.z - a.size.heightM / 2, b.centerM.z - b.size.heightM / 2);

describe("buildScene", () => {
  it("never lets two labelled boxes, or a box and the ego, overlap in the 200 frames of the big preset", () => {
    for (const seed of [1, 2]) {
      const generator = createGenerator({ ...BIG_PRESET, seed });
      const ego: NativeCuboid = {
        frameName: "ego",
        trackId: "ego",
        centerM: { x: 0.5, y: 0, z: -1 },
        size: { lengthM: 4.6, widthM: 1.9, heightM: 1.6 },
        yawRad: 0,
        pitchRad: 0,
        rollRad: 0,
        className: "Car",
        attributes: {},
      };
      const overlaps: string[] = [];
      for (let i = 0; i < BIG_PRESET.frames; i++) {
        const boxes = [ego, ...generator.labelFrame(i).cuboids];
        for (const [a, A] of boxes.entries()) {
          for (const B of boxes.slice(a + 1)) {
            if (Math.hypot(A.centerM.x - B.centerM.x, A.centerM.y - B.centerM.y) > 15) continue;
            if (zOverlapM(A, B) > 0 && bevIntersectionArea(A, B) > 0)
              overlaps.push(`seed ${seed} frame ${i}: ${A.trackId}/${B.trackId}`);
          }
        }
      }
      expect(overlaps).toEqual([]);
    }
  });
});
