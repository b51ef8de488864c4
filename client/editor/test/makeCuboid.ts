import type { Cuboid } from "../../../core/model/Cuboid";

/** A 4×2×2 m human-made Car box (id "a", track "1", frame 0) at `centerM`, with any field overridden. */
export function makeCuboid(overrides: Partial<Cuboid> = {}): Cuboid {
  return {
    id: "a",
    trackId: "1",
    frameIndex: 0,
    centerM: { x: 0, y: 0, z: 0 },
    size: { lengthM: 4, widthM: 2, heightM: 2 },
    yawRad: 0,
    pitchRad: 0,
    rollRad: 0,
    className: "Car",
    attributes: {},
    provenance: "human",
    updatedBy: "t",
    ...overrides,
  };
}
