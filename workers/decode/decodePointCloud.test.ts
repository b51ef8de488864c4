import { describeRealData, readRealData } from "../../scripts/testing/realData";
import { expect, it } from "vitest";
import { decodePointCloud } from "./decodePointCloud";
import { decodePointCloudAsync } from "./decodePointCloudAsync";
import { PointCloudDecodeError } from "./PointCloudDecodeError";
import { must } from "../../core/model/must";

const SUSTECH = "sustechpoints/data/example/lidar";
const KITTI = "kitti_object_vis/data/object/training/velodyne";

describeRealData("decodePointCloud on the real recordings", () => {
  it("reads the SUSTechPOINTS frames despite their lying headers: x,y,z and intensity right, trailing bytes a warning", () => {
    for (const frame of ["000950", "000965", "000970", "000975"]) {
      const bytes = readRealData(`${SUSTECH}/${frame}.pcd`);
      const result = decodePointCloud(bytes, `lidar/${frame}.pcd`);
      // README: 66.8k–68.2k points a frame, 48-byte records, 3,848 stray bytes after them.
      expect(result.cloud.pointCount).toBeGreaterThanOrEqual(66_700);
      expect(result.cloud.pointCount).toBeLessThanOrEqual(68_300);
      expect(result.cloud.pointCount).toBe(result.declaredPoints);
      const headerEnd = new TextDecoder().decode(bytes.subarray(0, 400)).indexOf("DATA binary\n") + 12;
      expect(bytes.length - headerEnd - result.declaredPoints * 48).toBe(3848);
      expect(result.warnings.some((w) => w.includes("3848 bytes after the last"))).toBe(true);
      // x, y, z at bytes 0/4/8 and intensity (f32) at 16 of each record.
      const view = new DataView(bytes.buffer, bytes.byteOffset + headerEnd);
      for (const i of [0, 1234, result.cloud.pointCount - 1]) {
        expect(result.cloud.positions[i * 3]).toBe(view.getFloat32(i * 48, true));
        expect(result.cloud.positions[i * 3 + 2]).toBe(view.getFloat32(i * 48 + 8, true));
        expect(result.cloud.attributes.intensity?.values[i]).toBe(view.getFloat32(i * 48 + 16, true));
      }
      expect(result.cloud.originM).toEqual({ x: 0, y: 0, z: 0 });
    }
  });

  it("reads the KITTI sweeps: 16-byte records, 115k–127k points", () => {
    for (const frame of ["000000", "000001", "000002"]) {
      const bytes = readRealData(`${KITTI}/${frame}.bin`);
      const result = decodePointCloud(bytes, `${frame}.bin`);
      expect(result.format).toBe("kitti-bin");
      expect(result.cloud.pointCount).toBe(bytes.length / 16);
      expect(result.cloud.pointCount).toBeGreaterThanOrEqual(115_000);
      expect(result.cloud.pointCount).toBeLessThanOrEqual(127_000);
      expect(result.cloud.attributes.intensity?.values.length).toBe(result.cloud.pointCount);
    }
  });

  it("reads the PCL fixtures in all three encodings with their documented counts", () => {
    const cases: [string, string, number, number][] = [
      ["pcl/test/bunny.pcd", "ascii", 397, 397],
      ["threejs-examples/frontend/examples/models/pcd/ascii/simple.pcd", "ascii", 213, 213],
      ["pcl/test/colored_cloud.pcd", "binary", 1000, 1000],
      // Organized 640×480; 97,920 of its 307,200 points are NaN and are dropped.
      ["pcl/test/table_scene_mug_stereo_textured.pcd", "binary_compressed", 307_200, 307_200 - 97_920],
    ];
    for (const [path, encoding, declared, kept] of cases) {
      const result = decodePointCloud(readRealData(path), path);
      expect(result.encoding, path).toBe(encoding);
      expect(result.declaredPoints, path).toBe(declared);
      expect(result.cloud.pointCount, path).toBe(kept);
      expect(result.cloud.positions.length, path).toBe(kept * 3);
    }
    for (const path of [
      "pcl/test/lamppost.pcd",
      "pcl/test/office1_keypoints.pcd",
      "pcl/test/car6.pcd",
      "pcl/test/milk_color.pcd",
      "pcl/test/pcl_logo.pcd",
    ]) {
      const result = decodePointCloud(readRealData(path), path);
      expect(result.cloud.pointCount, path).toBeGreaterThan(0);
      expect(result.cloud.pointCount, path).toBe(result.declaredPoints);
    }
  });

  it("reads the PLY, LAS and LAZ fixtures with their documented counts", async () => {
    const cases: [string, string, number][] = [
      ["labelcloud/pointclouds/exemplary.ply", "ply", 86_357],
      [
        "argoverse1-api/tests/test_data/d60558d2-d1aa-34ee-a902-e061e346e02a__PC_315971347819783000.ply",
        "ply",
        91_083,
      ],
      ["laspy/tests/data/autzen_trim.laz", "laz", 110_000],
    ];
    for (const [path, format, count] of cases) {
      const result = await decodePointCloudAsync(readRealData(path), path);
      expect(result.format, path).toBe(format);
      expect(result.cloud.pointCount, path).toBe(count);
      expect(result.declaredPoints, path).toBe(count);
    }
    // simple.las and simple.laz are the same points; simple1_4.las is LAS 1.4 point format 7.
    const las = decodePointCloud(readRealData("laspy/tests/data/simple.las"), "simple.las");
    const laz = await decodePointCloudAsync(readRealData("laspy/tests/data/simple.laz"), "simple.laz");
    expect(las.encoding).toBe("LAS 1.2 point format 3");
    expect(las.cloud.pointCount).toBeGreaterThan(1000);
    expect(laz.cloud.pointCount).toBe(las.cloud.pointCount);
    expect(
      Buffer.compare(new Uint8Array(laz.cloud.positions.buffer), new Uint8Array(las.cloud.positions.buffer)),
    ).toBe(0);
    expect(laz.cloud.attributes.rgb?.values).toEqual(las.cloud.attributes.rgb?.values);
    const v14 = decodePointCloud(readRealData("laspy/tests/data/simple1_4.las"), "simple1_4.las");
    expect(v14.encoding).toBe("LAS 1.4 point format 7");
    expect(v14.cloud.pointCount).toBe(v14.declaredPoints);
    expect(v14.cloud.pointCount).toBeGreaterThan(0);
  });

  it("rebases far-away (UTM) LAS coordinates to a float64 origin with millimetre precision", () => {
    const bytes = readRealData("laspy/tests/data/simple.las");
    const result = decodePointCloud(bytes, "simple.las");
    const { originM, positions } = result.cloud;
    expect(Math.abs(originM.x)).toBeGreaterThan(100_000);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    const offsetToPoints = view.getUint32(96, true);
    const scaleX = view.getFloat64(131, true);
    const offsetX = view.getFloat64(155, true);
    for (const i of [0, 500, 1064]) {
      const worldX = view.getInt32(offsetToPoints + i * view.getUint16(105, true), true) * scaleX + offsetX;
      expect(Math.abs(originM.x + (positions[i * 3] ?? NaN) - worldX)).toBeLessThan(0.001);
    }
  });

  it("unpacks packed rgb to three bytes per point", () => {
    const result = decodePointCloud(readRealData("pcl/test/milk_color.pcd"), "milk_color.pcd");
    const rgb = must(result.cloud.attributes.rgb, "rgb attribute");
    expect(rgb.components).toBe(3);
    expect(rgb.values).toBeInstanceOf(Uint8Array);
    expect(rgb.values.length).toBe(result.cloud.pointCount * 3);
    expect(new Set(rgb.values).size).toBeGreaterThan(10);
  });

  it("reports a short binary PCD as the issue's example message", () => {
    const bytes = readRealData(`${SUSTECH}/000965.pcd`);
    const cut = bytes.subarray(0, bytes.length - 3848 - 20);
    const error = catchError(() => decodePointCloud(cut, "lidar/000965.pcd"));
    expect(error).toBeInstanceOf(PointCloudDecodeError);
    expect(error.message).toMatch(
      /^lidar\/000965\.pcd: header declares POINTS 66781 but the data holds 66780 points \(byte \d+\)$/,
    );
  });
});

function catchError(run: () => unknown): PointCloudDecodeError {
  try {
    run();
  } catch (error) {
    return error as PointCloudDecodeError;
  }
  throw new Error("expected an error");
}
