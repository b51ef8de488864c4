import "@vitest/web-worker";
import { describe, expect, it } from "vitest";
import { bevIou } from "../../core/geometry/iou";
import { createFitClient } from "./createFitClient";
import { synthesizeScan } from "./synthesizeScan";

describe("createFitClient (the real worker file through @vitest/web-worker)", () => {
  it("indexes a transferred frame once and auto-fits clicks on it", async () => {
    const truth = {
      centerM: { x: 9, y: 3, z: -0.95 },
      size: { lengthM: 4.4, widthM: 1.8, heightM: 1.5 },
      yawRad: 0.3,
    };
    const cloud = synthesizeScan({ boxes: [truth] });
    const client = createFitClient(
      () => new Worker(new URL("../fit.worker.ts", import.meta.url), { type: "module" }),
    );
    try {
      await client.setFrame("f0", cloud, true);
      expect(cloud.positions.byteLength).toBeGreaterThan(0);
      expect(await client.api.hasFrame("f0")).toBe(true);
      const box = await client.api.autoFit("f0", { x: 9.2, y: 3.3, z: 0 }, "Car");
      expect(bevIou(box, truth)).toBeGreaterThan(0.8);
      await expect(client.api.autoFit("nope", { x: 0, y: 0, z: 0 })).rejects.toThrow(
        /frame "nope" was not set/,
      );
    } finally {
      client.dispose();
    }
  });
});
