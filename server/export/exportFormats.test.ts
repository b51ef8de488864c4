import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { beforeEach, expect, it } from "vitest";
import type { Cuboid } from "../../core/model/Cuboid";
import { describeRealData, realDataPath } from "../../scripts/testing/realData";
import { importSequence } from "../import/importSequence";
import type { ServerDeps } from "../ServerDeps";
import { applyBatch } from "../store/applyBatch";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { writeTinySequence } from "../testing/writeTinySequence";
import { exportSequence } from "./exportSequence";
import { must } from "../../core/model/must";

const tempDir = tempDirsForFile();
const json = (path: string) => JSON.parse(readFileSync(path, "utf8"));

// The test's own rotation math (not the project's): R = Rz(yaw)·Ry(pitch)·Rx(roll), row-major,
// and a unit quaternion (w, x, y, z) as a matrix.
function matrixFromYawPitchRoll(yaw: number, pitch: number, roll: number): number[] {
  const [cy, sy, cp, sp, cr, sr] = [
    Math.cos(yaw),
    Math.sin(yaw),
    Math.cos(pitch),
    Math.sin(pitch),
    Math.cos(roll),
    Math.sin(roll),
  ];
  return [
    cy * cp,
    cy * sp * sr - sy * cr,
    cy * sp * cr + sy * sr,
    sy * cp,
    sy * sp * sr + cy * cr,
    sy * sp * cr - cy * sr,
    -sp,
    cp * sr,
    cp * cr,
  ];
}
function matrixFromQuaternion(w: number, x: number, y: number, z: number): number[] {
  return [
    1 - 2 * (y * y + z * z),
    2 * (x * y - w * z),
    2 * (x * z + w * y),
    2 * (x * y + w * z),
    1 - 2 * (x * x + z * z),
    2 * (y * z - w * x),
    2 * (x * z - w * y),
    2 * (y * z + w * x),
    1 - 2 * (x * x + y * y),
  ];
}
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - must(b[i], "b[i]"))));

describeRealData("exports, each read back by an independent reader", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "testStoreKinds()[0]"));
  let deps: ServerDeps;
  beforeEach(() => {
    deps = t.deps;
  });
  const sustech = () => realDataPath("sustechpoints/data/example");

  it("OpenLABEL validates against the official 1.0.0 schema and holds every box (quaternion form) within 1e-6", async () => {
    const { sequenceId } = await importSequence(deps, sustech());
    const out = tempDir("cuboidal-openlabel-");
    const progress: number[] = [];
    await exportSequence(deps, sequenceId, "openlabel", out, (done) => progress.push(done));
    expect(progress).toEqual([1, 2, 3, 4]);
    const doc = json(join(out, "openlabel.json"));
    const schema = json(realDataPath("openlabel/schema/openlabel_json_schema-v1.0.0.json"));
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    const ol = doc.openlabel;
    expect(Object.keys(ol.streams).sort()).toEqual(["front", "left", "lidar", "right"]);
    expect(ol.streams.front.type).toBe("camera");
    expect(ol.coordinate_systems.front.parent).toBe("lidar");
    const cuboids = must(
      await readAnnotations(deps.store, sequenceId),
      "await readAnnotations(deps.store, sequenceId)",
    ).cuboids;
    let seen = 0;
    for (const [frameKey, frame] of Object.entries<{
      objects: Record<string, { object_data: { cuboid: Array<{ val: number[] }> } }>;
    }>(ol.frames)) {
      for (const [uid, o] of Object.entries(frame.objects)) {
        const trackId = ol.objects[uid].name as string;
        const source = must(
          cuboids.find((c) => c.frameIndex === Number(frameKey) && c.trackId === trackId),
          "cuboids.find((c) => c.frameIndex === Number(frameKey) && ...",
        );
        const [x, y, z, qx, qy, qz, qw, sx, sy, sz] = must(o.object_data.cuboid[0], "o.object_data.cuboid[0]")
          .val as number[] as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        expect(ol.objects[uid].type).toBe(source.className);
        expect(
          maxDiff(
            [x, y, z, sx, sy, sz],
            [
              source.centerM.x,
              source.centerM.y,
              source.centerM.z,
              source.size.lengthM,
              source.size.widthM,
              source.size.heightM,
            ],
          ),
        ).toBeLessThan(1e-6);
        expect(
          maxDiff(
            matrixFromQuaternion(qw, qx, qy, qz),
            matrixFromYawPitchRoll(source.yawRad, source.pitchRad, source.rollRad),
          ),
        ).toBeLessThan(1e-6);
        seen++;
      }
    }
    expect(seen).toBe(87);
  });

  it("nuScenes tables: global boxes from the ego poses, linked samples and instances, detection results", async () => {
    const { sequenceId } = await importSequence(deps, writeTinySequence(3, 2));
    const detail = must(
      await getSequenceDetail(deps.store, sequenceId),
      "await getSequenceDetail(deps.store, sequenceId)",
    );
    const out = tempDir("cuboidal-nuscenes-");
    await exportSequence(deps, sequenceId, "nuscenes", out);
    const table = (name: string) =>
      json(join(out, "v1.0-cuboidal", `${name}.json`)) as Array<Record<string, unknown>>;
    const samples = new Map(table("sample").map((s) => [s.token, s]));
    const egoBySample = new Map(
      table("sample_data").map((d) => [
        d.sample_token,
        must(
          table("ego_pose").find((e) => e.token === d.ego_pose_token),
          'table("ego_pose").find((e) => e.token === d.ego_pose_token)',
        ),
      ]),
    );
    const anns = table("sample_annotation");
    const cuboids = must(
      await readAnnotations(deps.store, sequenceId),
      "await readAnnotations(deps.store, sequenceId)",
    ).cuboids;
    expect(anns).toHaveLength(cuboids.length);
    for (const a of anns) {
      const sample = must(samples.get(a.sample_token), "samples.get(a.sample_token)");
      const frame = must(
        detail.frames.find((f) => f.timestampUs === sample.timestamp),
        "detail.frames.find((f) => f.timestampUs === sample.timest...",
      );
      const ego = must(egoBySample.get(a.sample_token), "egoBySample.get(a.sample_token)");
      const [w, x, y, z] = ego.rotation as number[];
      const r = matrixFromQuaternion(must(w, "w"), must(x, "x"), must(y, "y"), must(z, "z"));
      const t = ego.translation as number[];
      // ego = Rᵀ (global − t)
      const g = (a.translation as number[]).map((v, i) => v - must(t[i], "t[i]"));
      const local = [0, 1, 2].map(
        (i) =>
          must(r[i], "r[i]") * must(g[0], "g[0]") +
          must(r[3 + i], "r[3 + i]") * must(g[1], "g[1]") +
          must(r[6 + i], "r[6 + i]") * must(g[2], "g[2]"),
      );
      const instance = must(
        table("instance").find((i) => i.token === a.instance_token),
        'table("instance").find((i) => i.token === a.instance_token)',
      );
      const source = cuboids.find(
        (c) => c.frameIndex === frame.index && `instance_${c.trackId}` === instance.token,
      ) as Cuboid;
      expect(maxDiff(local, [source.centerM.x, source.centerM.y, source.centerM.z])).toBeLessThan(1e-6);
      expect(a.size).toEqual([source.size.widthM, source.size.lengthM, source.size.heightM]);
      expect((a.translation as number[])[0]).toBeCloseTo(
        source.centerM.x + frame.worldFromLidar.translationM.x,
        9,
      );
    }
    expect(table("instance").map((i) => i.nbr_annotations)).toEqual([3, 3]);
    expect(must(table("scene")[0], 'table("scene")[0]').description).toMatch(/ego poses from the source/);
    const det = json(join(out, "detection_results.json"));
    expect(Object.values<unknown[]>(det.results).flat()).toHaveLength(cuboids.length);

    const identity = await importSequence(deps, sustech());
    const out2 = tempDir("cuboidal-nuscenes-");
    const r = await exportSequence(deps, identity.sequenceId, "nuscenes", out2);
    expect(r.skipped).toEqual([expect.stringMatching(/has none.*identity poses/)]);
    expect(json(join(out2, "v1.0-cuboidal/scene.json"))[0].description).toMatch(
      /no ego poses: identity poses/,
    );
  });

  it("SUSTechPOINTS export writes lidar_pose/ for a moving scene, re-imported with the same poses and boxes", async () => {
    const first = await importSequence(deps, writeTinySequence(3, 2));
    const out = tempDir("cuboidal-sustech-");
    await exportSequence(deps, first.sequenceId, "sustech", out);
    expect(readdirSync(join(out, "lidar_pose")).sort()).toEqual([
      "000000.json",
      "000001.json",
      "000002.json",
    ]);
    const again = await importSequence(deps, out, { onDuplicate: "new" });
    const da = must(
      await getSequenceDetail(deps.store, first.sequenceId),
      "await getSequenceDetail(deps.store, first.sequenceId)",
    );
    const db = must(
      await getSequenceDetail(deps.store, again.sequenceId),
      "await getSequenceDetail(deps.store, again.sequenceId)",
    );
    expect(db.frames.map((f) => f.worldFromLidar)).toEqual(da.frames.map((f) => f.worldFromLidar));
    const boxes = async (id: string) =>
      must(await readAnnotations(deps.store, id), "await readAnnotations(deps.store, id)").cuboids.flatMap(
        (c) => [c.frameIndex, ...Object.values(c.centerM), ...Object.values(c.size), c.yawRad],
      );
    const [a, b] = [await boxes(first.sequenceId), await boxes(again.sequenceId)];
    expect(b).toHaveLength(a.length);
    expect(maxDiff(b, a)).toBeLessThan(1e-9);

    const still = await importSequence(deps, sustech());
    const out2 = tempDir("cuboidal-sustech-");
    await exportSequence(deps, still.sequenceId, "sustech", out2);
    expect(readdirSync(out2).sort()).toEqual(["calib", "camera", "label", "lidar"]);
  });

  it("KITTI object export gives the sample's own numbers back (h w l, location, rotation_y)", async () => {
    const kitti = realDataPath("kitti_object_vis/data/object/training");
    const { sequenceId } = await importSequence(deps, kitti);
    const out = tempDir("cuboidal-kitti-");
    await exportSequence(deps, sequenceId, "kitti-object", out);
    for (const f of readdirSync(join(kitti, "label_2"))) {
      const rows = (p: string) =>
        readFileSync(p, "utf8")
          .trim()
          .split("\n")
          .map((l) => l.trim().split(/\s+/))
          .filter((r) => r[0] !== "DontCare");
      const original = rows(join(kitti, "label_2", f));
      const exported = rows(join(out, "label_2", f));
      expect(exported.map((r) => r[0])).toEqual(original.map((r) => r[0]));
      exported.forEach((r, i) => {
        const o = must(original[i], "original[i]");
        expect(r[1], `${f} truncated`).toBe(o[1]);
        expect(r[2], `${f} occluded`).toBe(o[2]);
        for (let k = 8; k <= 14; k++)
          expect(Math.abs(Number(r[k]) - Number(o[k])), `${f} row ${i} field ${k}`).toBeLessThan(1e-6);
      });
    }
  });

  it("native layout: frames, poses, cameras, labels with provenance, re-imported equal", async () => {
    const first = await importSequence(deps, sustech());
    const before = must(
      await readAnnotations(deps.store, first.sequenceId),
      "await readAnnotations(deps.store, first.sequenceId)",
    );
    const edited = {
      ...must(before.cuboids[0], "before.cuboids[0]"),
      centerM: { x: 1.234567891234, y: 2, z: 0.5 },
      provenance: "human" as const,
    };
    await applyBatch(
      deps.store,
      first.sequenceId,
      {
        batchId: "native-export-edit",
        baseRevision: before.revision,
        author: "ana",
        operations: [{ op: "putCuboid", cuboid: edited }],
      },
      "ana",
    );
    const out = tempDir("cuboidal-native-");
    await exportSequence(deps, first.sequenceId, "native", out);
    const again = await importSequence(deps, out, { onDuplicate: "new" });
    const a = must(
      await readAnnotations(deps.store, first.sequenceId),
      "await readAnnotations(deps.store, first.sequenceId)",
    ).cuboids;
    const b = must(
      await readAnnotations(deps.store, again.sequenceId),
      "await readAnnotations(deps.store, again.sequenceId)",
    ).cuboids;
    const strip = (c: Cuboid) => ({ ...c, updatedAt: undefined });
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(b.find((c) => c.id === edited.id)).toMatchObject({
      provenance: "human",
      updatedBy: "ana",
      centerM: edited.centerM,
    });
    const da = must(
      await getSequenceDetail(deps.store, first.sequenceId),
      "await getSequenceDetail(deps.store, first.sequenceId)",
    );
    const db = must(
      await getSequenceDetail(deps.store, again.sequenceId),
      "await getSequenceDetail(deps.store, again.sequenceId)",
    );
    expect(db.cameras).toEqual(da.cameras);
    const framesOf = (d: typeof da) =>
      d.frames.map(({ index, name, timestampUs, worldFromLidar, lidarBlob, imageBlobs }) => ({
        ...{ index, name, timestampUs, worldFromLidar, lidarBlob, imageBlobs },
      }));
    expect(framesOf(db)).toEqual(framesOf(da));
  });
});
