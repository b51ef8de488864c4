import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, expect, it } from "vitest";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import type { ServerDeps } from "../ServerDeps";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { listSequences } from "../store/listSequences";
import { readAnnotations } from "../store/readAnnotations";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { exportSequence } from "../export/exportSequence";
import { DuplicateImportError } from "./DuplicateImportError";
import { importSequence } from "./importSequence";
import { must } from "../../core/model/must";

const tempDir = tempDirsForFile();

/** A writable copy of the SUSTechPOINTS example scene: lidar, labels, calibration, front camera. */
function sceneCopy(): string {
  const from = realDataPath("sustechpoints/data/example");
  const dir = join(tempDir("cuboidal-validate-"), "scene");
  for (const sub of ["lidar", "label", "calib/camera", "camera/front"]) {
    mkdirSync(join(dir, sub), { recursive: true });
    for (const f of readdirSync(join(from, sub)))
      if (sub !== "calib/camera" || f === "front.json") copyFileSync(join(from, sub, f), join(dir, sub, f));
  }
  return dir;
}

/** A scene copy with identity lidar poses for the named frames only. */
function sceneCopyWithPoses(frames: string[]): string {
  const dir = sceneCopy();
  mkdirSync(join(dir, "lidar_pose"));
  const lidarPose = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  for (const name of frames)
    writeFileSync(join(dir, "lidar_pose", `${name}.json`), JSON.stringify({ lidarPose }));
  return dir;
}

describeRealData("import validation (all or nothing)", () => {
  {
    const t = useTestDeps(must(testStoreKinds()[0], "testStoreKinds()[0]"));
    let deps: ServerDeps;
    beforeEach(() => {
      deps = t.deps;
    });
    const expectNothingStored = async () => {
      expect(await listSequences(deps.store)).toEqual([]);
      expect(readdirSync(t.blobsDir).filter((d) => d !== "tmp")).toEqual([]);
    };

    it("refuses a sweep of random bytes, a truncated sweep, a truncated image and a broken calibration", async () => {
      const cases: Array<[(dir: string) => void, RegExp]> = [
        [
          (d) =>
            writeFileSync(
              join(d, "lidar/000970.pcd"),
              Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256)),
            ),
          /^lidar\/000970\.pcd: does not decode: /,
        ],
        [
          (d) => {
            const pcd = readFileSync(join(d, "lidar/000975.pcd"));
            writeFileSync(join(d, "lidar/000975.pcd"), pcd.subarray(0, pcd.length >> 1));
          },
          /^lidar\/000975\.pcd: does not decode: .*\(byte \d+\)/,
        ],
        [
          (d) => {
            const jpg = readFileSync(join(d, "camera/front/000970.jpg"));
            writeFileSync(join(d, "camera/front/000970.jpg"), jpg.subarray(0, 100_000));
          },
          /^camera\/front\/000970\.jpg: truncated image/,
        ],
        [
          (d) => writeFileSync(join(d, "calib/camera/front.json"), "{ extrinsic: "),
          /^calib\/camera\/front\.json: not valid JSON/,
        ],
        [
          (d) => {
            const calib = JSON.parse(readFileSync(join(d, "calib/camera/front.json"), "utf8"));
            writeFileSync(
              join(d, "calib/camera/front.json"),
              JSON.stringify({ ...calib, D: [0.1, 0.2, 0.3] }),
            );
          },
          /^calib\/camera\/front\.json: at \.D: expected 4, 5 or 8 distortion coefficients/,
        ],
        [
          (d) => writeFileSync(join(d, "label/000999.json"), "[]"),
          /label\/000999\.json: labels frame 000999/,
        ],
      ];
      for (const [spoil, message] of cases) {
        const dir = sceneCopy();
        spoil(dir);
        await expect(importSequence(deps, dir)).rejects.toThrow(message);
        await expectNothingStored();
      }
    });

    it("stores distortion with the camera and reports calibration keys it does not understand", async () => {
      const dir = sceneCopy();
      const file = join(dir, "calib/camera/front.json");
      const calib = JSON.parse(readFileSync(file, "utf8"));
      writeFileSync(
        file,
        JSON.stringify({ ...calib, dist_coeffs: [-0.1, 0.02, 0.001, -0.001, 0], rolling_shutter_s: 0.03 }),
      );
      const result = await importSequence(deps, dir);
      expect(result.warnings).toContain(
        "calib/camera/front.json: keys not understood, ignored: rolling_shutter_s",
      );
      const detail = must(
        await getSequenceDetail(deps.store, result.sequenceId),
        "await getSequenceDetail(deps.store, result.sequenceId)",
      );
      expect(must(detail.cameras[0], "detail.cameras[0]").distortion).toEqual({
        model: "brown-conrady",
        k1: -0.1,
        k2: 0.02,
        p1: 0.001,
        p2: -0.001,
        k3: 0,
      });
    });

    it("reads lidar_pose/ into each frame's pose, and refuses a scene whose poses miss a frame", async () => {
      const dir = sceneCopy();
      const frames = readdirSync(join(dir, "lidar")).map((f) => f.replace(/\.pcd$/, ""));
      mkdirSync(join(dir, "lidar_pose"));
      // A drive along x at 5 m a frame, turning 0.1 rad a frame about z.
      frames.forEach((name, i) => {
        const c = Math.cos(0.1 * i);
        const s = Math.sin(0.1 * i);
        const lidarPose = [c, -s, 0, 5 * i, s, c, 0, 0, 0, 0, 1, 1.8, 0, 0, 0, 1];
        writeFileSync(join(dir, "lidar_pose", `${name}.json`), JSON.stringify({ lidarPose }));
      });
      const result = await importSequence(deps, dir);
      const detail = must(
        await getSequenceDetail(deps.store, result.sequenceId),
        "await getSequenceDetail(deps.store, result.sequenceId)",
      );
      detail.frames.forEach((f, i) => {
        expect(f.worldFromLidar.translationM.x).toBeCloseTo(5 * i, 9);
        expect(f.worldFromLidar.translationM.z).toBeCloseTo(1.8, 9);
        // Rotation about z by 0.1·i: the quaternion's z is sin(0.05·i).
        expect(f.worldFromLidar.rotation.z).toBeCloseTo(Math.sin(0.05 * i), 9);
      });

      const gap = sceneCopyWithPoses(frames.slice(1));
      await expect(importSequence(deps, gap, { onDuplicate: "new" })).rejects.toThrow(
        new RegExp(`^lidar_pose/${frames[0]}\\.json: missing: every frame needs a pose`),
      );
      const broken = sceneCopyWithPoses(frames);
      writeFileSync(join(broken, "lidar_pose", `${frames[2]}.json`), JSON.stringify({ lidarPose: [1, 2] }));
      await expect(importSequence(deps, broken, { onDuplicate: "new" })).rejects.toThrow(
        new RegExp(`^lidar_pose/${frames[2]}\\.json: at \\.lidarPose: `),
      );
      expect(await listSequences(deps.store)).toHaveLength(1);
    });

    it("leaves no blob behind when the database refuses the rows", async () => {
      const dir = sceneCopy();
      const first = await importSequence(deps, dir, { sourceKey: "same-key" });
      const blobsBefore = readdirSync(t.blobsDir)
        .flatMap((d) => readdirSync(join(t.blobsDir, d)))
        .sort();
      // Other bytes, the same source key: every blob is written, then the transaction fails.
      const other = sceneCopy();
      for (const f of readdirSync(join(other, "lidar")))
        writeFileSync(
          join(other, "lidar", f),
          `VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 ${f.slice(3, 6)}\n`,
        );
      await expect(importSequence(deps, other, { sourceKey: "same-key" })).rejects.toThrow(
        /already imported/,
      );
      expect(
        readdirSync(t.blobsDir)
          .flatMap((d) => readdirSync(join(t.blobsDir, d)))
          .sort(),
      ).toEqual(blobsBefore);
      expect((await listSequences(deps.store)).map((s) => s.id)).toEqual([first.sequenceId]);
    });

    it("refuses a spoiled OpenLABEL or nuScenes folder whole, naming the file, the place and the reason", async () => {
      const first = await importSequence(deps, sceneCopy());
      const blobs = () =>
        readdirSync(t.blobsDir)
          .flatMap((d) => readdirSync(join(t.blobsDir, d)))
          .sort();
      const blobsBefore = blobs();
      const exported = async (format: "openlabel" | "nuscenes") => {
        const out = tempDir(`cuboidal-spoil-${format}-`);
        await exportSequence(deps, first.sequenceId, format, out);
        return out;
      };
      // biome-ignore lint/suspicious/noExplicitAny: the cases spoil arbitrary places of the JSON.
      const editJson = (path: string, edit: (j: any) => void) => {
        const j = JSON.parse(readFileSync(path, "utf8"));
        edit(j);
        writeFileSync(path, JSON.stringify(j));
      };
      const cases: Array<["openlabel" | "nuscenes", (dir: string) => void, RegExp]> = [
        [
          "openlabel",
          (d) => rmSync(join(d, "lidar/000965.pcd")),
          /^lidar\/000965\.pcd: missing \(openlabel\.json frame 1/,
        ],
        [
          "openlabel",
          (d) =>
            writeFileSync(
              join(d, "lidar/000970.pcd"),
              readFileSync(join(d, "lidar/000970.pcd")).subarray(0, 30_000),
            ),
          /^lidar\/000970\.pcd: does not decode: /,
        ],
        [
          "openlabel",
          (d) =>
            editJson(
              join(d, "openlabel.json"),
              (j) => (j.openlabel.frames["2"].frame_properties.streams.lidar.uri = "../../etc/passwd"),
            ),
          /openlabel\.json frame 2 \(passwd\): path "\.\.\/\.\.\/etc\/passwd" would leave the upload folder/,
        ],
        [
          "openlabel",
          (d) =>
            editJson(
              join(d, "openlabel.json"),
              (j) => (j.openlabel.frames["0"].objects["0"].object_data.cuboid[0].val = [1, 2]),
            ),
          /^openlabel\.json: openlabel\.frames\.0\.objects\.0\.object_data\.cuboid\[0\]\.val: expected 9 or 10/,
        ],
        [
          "nuscenes",
          (d) =>
            editJson(
              join(d, "v1.0-cuboidal/sample_annotation.json"),
              (rows) => (rows[5].sample_token = "nowhere"),
            ),
          /^v1\.0-cuboidal\/sample_annotation\.json: \[5\]\.sample_token: sample nowhere is not a frame of the scene/,
        ],
        [
          "nuscenes",
          (d) => writeFileSync(join(d, "v1.0-cuboidal/ego_pose.json"), "[{"),
          /^v1\.0-cuboidal\/ego_pose\.json: not valid JSON/,
        ],
        [
          "nuscenes",
          (d) => rmSync(join(d, "samples/LIDAR_TOP/000975.pcd")),
          /^samples\/LIDAR_TOP\/000975\.pcd: missing/,
        ],
      ];
      for (const [format, spoil, message] of cases) {
        const dir = await exported(format);
        spoil(dir);
        await expect(importSequence(deps, dir, { onDuplicate: "new" }), format).rejects.toThrow(message);
        expect((await listSequences(deps.store)).map((s) => s.id)).toEqual([first.sequenceId]);
        expect(blobs()).toEqual(blobsBefore);
      }
    });

    it("recognises the same recording again and offers it as an update of its labels", async () => {
      const dir = sceneCopy();
      const first = await importSequence(deps, dir);
      await expect(importSequence(deps, dir)).rejects.toThrow(DuplicateImportError);
      const labels = JSON.parse(readFileSync(join(dir, "label/000950.json"), "utf8"));
      labels[0].psr.position.x += 1;
      writeFileSync(join(dir, "label/000950.json"), JSON.stringify(labels.slice(0, -1)));
      const updated = await importSequence(deps, dir, { onDuplicate: "update" });
      expect(updated.sequenceId).toBe(first.sequenceId);
      expect(updated.updated).toEqual({ revision: 2, changedObjects: 2 });
      expect(
        must(
          await readAnnotations(deps.store, first.sequenceId),
          "await readAnnotations(deps.store, first.sequenceId)",
        ).cuboids,
      ).toHaveLength(first.cuboids - 1);
      expect(await listSequences(deps.store)).toHaveLength(1);
      const copy = await importSequence(deps, dir, { onDuplicate: "new" });
      expect(copy.sequenceId).not.toBe(first.sequenceId);
    });
  }
});
