import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { beforeEach, expect, it } from "vitest";
import { composePoses, invertPose, type Pose3 } from "../../core/geometry/pose";
import { quatFromEulerZYX, rotationMatrixFromQuat } from "../../core/geometry/quat";
import type { Cuboid } from "../../core/model/Cuboid";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { importSequence } from "../import/importSequence";
import { prepareImport } from "../import/prepareImport";
import type { ServerDeps } from "../ServerDeps";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { exportSequence } from "./exportSequence";
import { must } from "../../core/model/must";

// Every real scene in ../shared/data goes out as OpenLABEL and as nuScenes tables and comes back
// in through the importers, which find the format by the files' contents: the same frames, times
// and poses, and every box in its lidar frame within 1e-6 (both formats keep full doubles).

const tempDir = tempDirsForFile();
const SCENES = [
  { label: "SUSTechPOINTS scene", path: "sustechpoints/data/example", boxes: 87 },
  {
    label: "Argoverse 1 sequence",
    path: "argoverse1-tracking/app/test_dataset/0_drive_0064_sync/sample/argoverse",
    boxes: 3188,
  },
  { label: "KITTI object samples", path: "kitti_object_vis/data/object/training", boxes: null },
] as const;

const maxDiff = (a: readonly number[], b: readonly number[]) =>
  Math.max(0, ...a.map((v, i) => Math.abs(v - must(b[i], "b[i]"))));
const poseNumbers = (p: Pose3) => [
  p.translationM.x,
  p.translationM.y,
  p.translationM.z,
  ...rotationMatrixFromQuat(p.rotation),
];
/** A box as numbers: frame, centre, size and the rotation matrix (yaw turns do not matter). */
const boxNumbers = (c: Pick<Cuboid, "centerM" | "size" | "yawRad" | "pitchRad" | "rollRad">) => [
  c.centerM.x,
  c.centerM.y,
  c.centerM.z,
  c.size.lengthM,
  c.size.widthM,
  c.size.heightM,
  ...rotationMatrixFromQuat(quatFromEulerZYX(c.yawRad, c.pitchRad, c.rollRad)),
];

describeRealData("exports read back by the importers", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "testStoreKinds()[0]"));
  let deps: ServerDeps;
  beforeEach(() => {
    deps = t.deps;
  });

  /** Exports `id` as `format`, re-imports it, and compares frames and boxes; `trackOf` maps track ids. */
  async function roundTrip(
    id: string,
    format: "openlabel" | "nuscenes",
    trackOf: (trackId: string) => string,
  ) {
    const out = tempDir(`cuboidal-${format}-rt-`);
    await exportSequence(deps, id, format, out);
    const preview = (await prepareImport(deps, out)).preview;
    expect(preview.layout).toBe(format);
    const again = await importSequence(deps, out, { onDuplicate: "new" });
    const [da, db] = [
      must(await getSequenceDetail(deps.store, id), "await getSequenceDetail(deps.store, id)"),
      must(
        await getSequenceDetail(deps.store, again.sequenceId),
        "await getSequenceDetail(deps.store, again.sequenceId)",
      ),
    ];
    expect(db.frames.map((f) => [f.name, f.timestampUs, f.lidarBlob])).toEqual(
      da.frames.map((f) => [f.name, f.timestampUs, f.lidarBlob]),
    );
    // nuScenes re-bases the world on the first frame; OpenLABEL keeps it.
    const firstFromWorld = invertPose(must(da.frames[0], "da.frames[0]").worldFromLidar);
    da.frames.forEach((f, i) => {
      const want = format === "nuscenes" ? composePoses(firstFromWorld, f.worldFromLidar) : f.worldFromLidar;
      expect(
        maxDiff(poseNumbers(must(db.frames[i], "db.frames[i]").worldFromLidar), poseNumbers(want)),
      ).toBeLessThan(1e-9);
    });
    const [a, b] = [
      must(await readAnnotations(deps.store, id), "await readAnnotations(deps.store, id)").cuboids,
      must(
        await readAnnotations(deps.store, again.sequenceId),
        "await readAnnotations(deps.store, again.sequenceId)",
      ).cuboids,
    ];
    expect(b).toHaveLength(a.length);
    const key = (frameIndex: number, trackId: string) => `${frameIndex}/${trackId}`;
    const byKey = new Map(b.map((c) => [key(c.frameIndex, c.trackId), c]));
    let worst = 0;
    for (const c of a) {
      const back = byKey.get(key(c.frameIndex, trackOf(c.trackId)));
      expect(back, `frame ${c.frameIndex} track ${c.trackId}`).toBeDefined();
      expect(must(back, "back").className).toBe(c.className);
      worst = Math.max(worst, maxDiff(boxNumbers(must(back, "back")), boxNumbers(c)));
    }
    expect(worst).toBeLessThan(1e-6);
    return { da, db, out };
  }

  for (const scene of SCENES)
    it(`${scene.label}: OpenLABEL (schema-valid) and nuScenes tables round-trip every box within 1e-6`, async () => {
      const { sequenceId } = await importSequence(deps, realDataPath(scene.path));
      const cuboids = must(
        await readAnnotations(deps.store, sequenceId),
        "await readAnnotations(deps.store, sequenceId)",
      ).cuboids;
      if (scene.boxes !== null) expect(cuboids).toHaveLength(scene.boxes);
      expect(cuboids.length).toBeGreaterThan(0);

      const ol = await roundTrip(sequenceId, "openlabel", (id) => id);
      const doc = JSON.parse(readFileSync(join(ol.out, "openlabel.json"), "utf8"));
      const schema = JSON.parse(
        readFileSync(realDataPath("openlabel/schema/openlabel_json_schema-v1.0.0.json"), "utf8"),
      );
      const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
      expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(ol.db.cameras.map((c) => c.name)).toEqual(ol.da.cameras.map((c) => c.name));
      ol.da.cameras.forEach((c, i) => {
        const back = must(ol.db.cameras[i], "ol.db.cameras[i]");
        expect(back.intrinsics).toEqual(c.intrinsics);
        expect(back.distortion).toEqual(c.distortion);
        expect([back.imageWidthPx, back.imageHeightPx]).toEqual([c.imageWidthPx, c.imageHeightPx]);
        expect(maxDiff(poseNumbers(back.cameraFromLidar), poseNumbers(c.cameraFromLidar))).toBeLessThan(1e-9);
      });
      expect(ol.db.frames.map((f) => Object.keys(f.imageBlobs).sort())).toEqual(
        ol.da.frames.map((f) => Object.keys(f.imageBlobs).sort()),
      );
      // nuScenes keeps instances, not track ids: our export's instance token is "instance_<track id>".
      await roundTrip(sequenceId, "nuscenes", (id) => `instance_${id}`);
    });
});
