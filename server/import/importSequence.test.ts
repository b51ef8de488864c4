import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { describeRealData } from "../../scripts/testing/realData";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { parseSustechLabels } from "../../core/formats/sustechLabels";
import type { Cuboid } from "../../core/model/Cuboid";
import { exportSequence } from "../export/exportSequence";
import type { ServerDeps } from "../ServerDeps";
import { findSequenceBySourceKey } from "../store/findSequenceBySourceKey";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { sharedData, testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { importSequence } from "./importSequence";
import { must } from "../../core/model/must";

const SUSTECH = sharedData("sustechpoints/data/example");
const KITTI_OBJECT = sharedData("kitti_object_vis/data/object/training");

/** Boxes per frame in a comparable form (order by frame, then class and position). */
const boxesByFrame = (cuboids: Cuboid[]) =>
  cuboids
    .map((c) => ({ f: c.frameIndex, cls: c.className, c: c.centerM, s: c.size, yaw: c.yawRad }))
    .sort((a, b) => a.f - b.f || a.c.x - b.c.x);

describeRealData.each(testStoreKinds())("import and export on $name", (kind) => {
  const t = useTestDeps(kind);
  let deps: ServerDeps;
  let out: string;
  beforeEach(() => {
    deps = t.deps;
    out = mkdtempSync(join(tmpdir(), "cuboidal-export-"));
  });
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("imports the SUSTechPOINTS example: 4 frames, 3 cameras, 87 cuboids in 25 tracks; sustech export gives every box back", async () => {
    const result = await importSequence(deps, SUSTECH, { sourceKey: "test:sustech" });
    expect(result).toMatchObject({ frames: 4, cuboids: 87, tracks: 25 });
    expect((await findSequenceBySourceKey(deps, "test:sustech"))?.id).toBe(result.sequenceId);
    const detail = must(
      await getSequenceDetail(deps.store, result.sequenceId),
      "await getSequenceDetail(deps.store, result.sequenceId)",
    );
    expect(detail.cameras.map((c) => c.name).sort()).toEqual(["front", "left", "right"]);
    expect(detail.cameras[0]).toMatchObject({ imageWidthPx: 2048, imageHeightPx: 1536 });
    expect(detail.frames.map((f) => f.name)).toEqual(["000950", "000965", "000970", "000975"]);
    expect(Object.keys(must(detail.frames[1], "detail.frames[1]").imageBlobs).sort()).toEqual([
      "front",
      "left",
      "right",
    ]);
    expect(Object.keys(must(detail.frames[0], "detail.frames[0]").imageBlobs)).toEqual([]);
    const snap = must(
      await readAnnotations(deps.store, result.sequenceId),
      "await readAnnotations(deps.store, result.sequenceId)",
    );
    expect(snap.revision).toBe(1);
    expect(snap.cuboids.every((c) => c.provenance === "imported")).toBe(true);
    expect(new Set(detail.classes.map((c) => c.name))).toContain("Rider");

    await exportSequence(deps, result.sequenceId, "sustech", out);
    for (const f of readdirSync(join(SUSTECH, "label"))) {
      type Raw = Array<{ psr: Record<string, Record<string, number>>; obj_id: string; obj_type: string }>;
      const original = JSON.parse(readFileSync(join(SUSTECH, "label", f), "utf8")) as Raw;
      const exported = JSON.parse(readFileSync(join(out, "label", f), "utf8")) as Raw;
      expect(exported).toHaveLength(original.length);
      for (const o of original) {
        const e = must(
          exported.find((x) => x.obj_id === o.obj_id),
          "exported.find((x) => x.obj_id === o.obj_id)",
        );
        expect(e.obj_type).toBe(o.obj_type);
        for (const k of ["position", "scale", "rotation"])
          for (const a of ["x", "y", "z"])
            expect(
              Math.abs(
                must(must(e.psr[k], "e.psr[k]")[a], "e.psr[k][a]") -
                  must(must(o.psr[k], "o.psr[k]")[a], "o.psr[k][a]"),
              ),
              `${f} ${o.obj_id} ${k}.${a}`,
            ).toBeLessThan(1e-6);
      }
    }
    expect(
      Buffer.compare(
        readFileSync(join(out, "lidar/000965.pcd")),
        readFileSync(join(SUSTECH, "lidar/000965.pcd")),
      ),
    ).toBe(0);
    // The export is itself an importable scene with the same boxes.
    const again = await importSequence(deps, out, { onDuplicate: "new" });
    expect(again).toMatchObject({ frames: 4, cuboids: 87, tracks: 25 });
    expect(parseSustechLabels(readFileSync(join(out, "label/000950.json"), "utf8"), "x")).toHaveLength(
      JSON.parse(readFileSync(join(SUSTECH, "label/000950.json"), "utf8")).length,
    );
  });

  it("imports KITTI object (3 frames with their boxes); KITTI tracking and object exports re-import to the same boxes", async () => {
    const result = await importSequence(deps, KITTI_OBJECT);
    expect(result).toMatchObject({ frames: 3, cuboids: 6, tracks: 6 });
    const detail = must(
      await getSequenceDetail(deps.store, result.sequenceId),
      "await getSequenceDetail(deps.store, result.sequenceId)",
    );
    expect(detail.frames.every((f) => f.lidarFormat === "kitti-bin")).toBe(true);
    // Frame 0 has its own calibration (another drive, a 1224×370 image).
    expect(detail.cameras[0]).toMatchObject({ name: "image_2", imageWidthPx: 1224, imageHeightPx: 370 });
    expect(must(detail.frames[1], "detail.frames[1]").cameras?.[0]).toMatchObject({
      imageWidthPx: 1242,
      imageHeightPx: 375,
    });
    const original = boxesByFrame(
      must(
        await readAnnotations(deps.store, result.sequenceId),
        "await readAnnotations(deps.store, result.sequenceId)",
      ).cuboids,
    );

    for (const format of ["kitti-tracking", "kitti-object"] as const) {
      const dir = join(out, format);
      const exported = await exportSequence(deps, result.sequenceId, format, dir);
      expect(exported.skipped).toEqual([]);
      const back = await importSequence(deps, dir, { onDuplicate: "new" });
      expect(back).toMatchObject({ frames: 3, cuboids: 6 });
      const again = boxesByFrame(
        must(
          await readAnnotations(deps.store, back.sequenceId),
          "await readAnnotations(deps.store, back.sequenceId)",
        ).cuboids,
      );
      expect(again.map((b) => [b.f, b.cls])).toEqual(original.map((b) => [b.f, b.cls]));
      again.forEach((b, i) => {
        const o = must(original[i], "original[i]");
        expect(Math.hypot(b.c.x - o.c.x, b.c.y - o.c.y, b.c.z - o.c.z), `${format} centre ${i}`).toBeLessThan(
          1e-5,
        );
        expect(
          Math.abs(b.s.lengthM - o.s.lengthM) +
            Math.abs(b.s.widthM - o.s.widthM) +
            Math.abs(b.s.heightM - o.s.heightM),
        ).toBeLessThan(1e-5);
        expect(Math.abs(Math.sin(b.yaw - o.yaw)), `${format} yaw ${i}`).toBeLessThan(1e-5);
      });
    }
  });

  it("refuses a folder of the wrong layout, a 0-byte sweep and a label for a missing frame, leaving nothing behind", async () => {
    const { cpSync, writeFileSync, mkdirSync } = await import("node:fs");
    const bad = join(out, "bad");
    mkdirSync(join(bad, "stuff"), { recursive: true });
    writeFileSync(join(bad, "stuff/readme.txt"), "hello");
    writeFileSync(join(bad, "notes.txt"), "x");
    await expect(importSequence(deps, bad)).rejects.toThrow(/not a sequence layout this tool knows/);

    const scene = join(out, "scene");
    cpSync(SUSTECH, scene, { recursive: true });
    const { chmodSync } = await import("node:fs");
    chmodSync(scene, 0o755);
    for (const d of ["label", "lidar"]) {
      chmodSync(join(scene, d), 0o755);
      for (const f of readdirSync(join(scene, d))) chmodSync(join(scene, d, f), 0o644);
    }
    writeFileSync(join(scene, "label/000999.json"), "[]");
    await expect(importSequence(deps, scene)).rejects.toThrow(
      "label/000999.json: labels frame 000999, but there is no lidar/000999.pcd",
    );
    rmSync(join(scene, "label/000999.json"));
    writeFileSync(join(scene, "lidar/000950.pcd"), "");
    await expect(importSequence(deps, scene)).rejects.toThrow("lidar/000950.pcd: empty file (0 bytes)");

    expect(await readAnnotations(deps.store, "x")).toBeNull();
    const { listSequences } = await import("../store/listSequences");
    expect(await listSequences(deps.store)).toEqual([]);
    expect(readdirSync(t.blobsDir).filter((d) => d !== "tmp")).toEqual([]);
  });
});
