import { describe, expect, it } from "vitest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { encodeLas } from "../encode/encodeLas";
import { decodePointCloud } from "./decodePointCloud";

const text = (s: string) => new TextEncoder().encode(s);
const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

describe("format details beyond the real fixtures", () => {
  it("reads ascii PLY and big-endian binary PLY with any property types", () => {
    const ascii = decodePointCloud(
      text(
        "ply\nformat ascii 1.0\ncomment made by hand\nelement vertex 2\nproperty double x\nproperty double y\nproperty double z\nproperty uchar red\nproperty uchar green\nproperty uchar blue\nproperty float scalar_Intensity\nelement face 1\nproperty list uchar int vertex_indices\nend_header\n1 2 3 255 128 0 0.5\n4 5 6 1 2 3 7\n3 0 1 1\n",
      ),
      "hand.ply",
    );
    expect(ascii.encoding).toBe("ascii");
    expect(Array.from(ascii.cloud.positions)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(ascii.cloud.attributes.rgb?.values ?? [])).toEqual([255, 128, 0, 1, 2, 3]);
    expect(Array.from(ascii.cloud.attributes.intensity?.values ?? [])).toEqual([0.5, 7]);
    const header = text(
      "ply\nformat binary_big_endian 1.0\nelement vertex 2\nproperty float x\nproperty float y\nproperty float z\nproperty short ring\nend_header\n",
    );
    const body = new DataView(new ArrayBuffer(2 * 14));
    const rows: [number, number, number, number][] = [
      [1.5, -2, 3, -7],
      [4, 5.25, -6, 300],
    ];
    rows.forEach(([x, y, z, ring], i) => {
      body.setFloat32(i * 14, x, false);
      body.setFloat32(i * 14 + 4, y, false);
      body.setFloat32(i * 14 + 8, z, false);
      body.setInt16(i * 14 + 12, ring, false);
    });
    const big = decodePointCloud(concat(header, new Uint8Array(body.buffer)), "big.ply");
    expect(Array.from(big.cloud.positions)).toEqual([1.5, -2, 3, 4, 5.25, -6]);
    expect(Array.from(big.cloud.attributes.ring?.values ?? [])).toEqual([-7, 300]);
    expect(big.cloud.attributes.ring?.values).toBeInstanceOf(Int16Array);
  });

  it("reads nuScenes .pcd.bin (x y z intensity ring as float32)", () => {
    const records = new Float32Array([1, 2, 3, 40, 5, 6, 7, 8, 90, 31]);
    const result = decodePointCloud(new Uint8Array(records.buffer), "n015-2018__LIDAR_TOP__1.pcd.bin");
    expect(result.format).toBe("nuscenes-bin");
    expect(Array.from(result.cloud.positions)).toEqual([1, 2, 3, 6, 7, 8]);
    expect(Array.from(result.cloud.attributes.intensity?.values ?? [])).toEqual([40, 90]);
    expect(Array.from(result.cloud.attributes.ring?.values ?? [])).toEqual([5, 31]);
  });

  it("applies the PCD VIEWPOINT (a yaw of 90° and a translation)", () => {
    const s = Math.SQRT1_2;
    const pcd = text(
      `VERSION .7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nWIDTH 1\nHEIGHT 1\nVIEWPOINT 10 20 30 ${s} 0 0 ${s}\nPOINTS 1\nDATA ascii\n1 0 0\n`,
    );
    const { cloud } = decodePointCloud(pcd, "viewpoint.pcd");
    const { x, y, z } = cloud.originM;
    const world = [x, y, z].map((originK, k) => (cloud.positions[k] ?? NaN) + originK);
    expect(world[0]).toBeCloseTo(10, 5);
    expect(world[1]).toBeCloseTo(21, 5);
    expect(world[2]).toBeCloseTo(30, 5);
  });

  it("warns when POINTS and WIDTH × HEIGHT disagree, and reads COUNT > 1 fields as components", () => {
    const body = new Float32Array([1, 2, 3, 0.1, 0.2, 0.3, 4, 5, 6, 0.4, 0.5, 0.6]);
    const pcd = concat(
      text(
        "VERSION 0.7\nFIELDS x y z normal\nSIZE 4 4 4 4\nTYPE F F F F\nCOUNT 1 1 1 3\nWIDTH 3\nHEIGHT 1\nPOINTS 2\nDATA binary\n",
      ),
      new Uint8Array(body.buffer),
    );
    const result = decodePointCloud(pcd, "normals.pcd");
    expect(result.warnings).toContain("POINTS 2 differs from WIDTH × HEIGHT = 3; using POINTS");
    expect(result.cloud.attributes.normal?.components).toBe(3);
    expect(Array.from(result.cloud.attributes.normal?.values ?? [])).toEqual(
      Array.from(new Float32Array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6])),
    );
  });

  it("round-trips UTM coordinates through encodeLas with millimetre precision", () => {
    const n = 500;
    const positions = new Float32Array(n * 3);
    for (let i = 0; i < n * 3; i++) positions[i] = ((i * 7919) % 20011) / 100 - 100;
    const cloud: PointCloud = {
      pointCount: n,
      positions,
      originM: { x: 500_123, y: 4_200_456, z: 35 },
      attributes: { intensity: { values: new Float32Array(n).fill(17), components: 1 } },
    };
    const back = decodePointCloud(encodeLas(cloud), "utm.las");
    expect(back.encoding).toBe("LAS 1.2 point format 0");
    expect(back.cloud.pointCount).toBe(n);
    const o = back.cloud.originM;
    for (let i = 0; i < n; i++) {
      expect(
        Math.abs((back.cloud.positions[i * 3] ?? NaN) + o.x - ((positions[i * 3] ?? NaN) + 500_123)),
      ).toBeLessThan(0.001);
      expect(
        Math.abs(
          (back.cloud.positions[i * 3 + 1] ?? NaN) + o.y - ((positions[i * 3 + 1] ?? NaN) + 4_200_456),
        ),
      ).toBeLessThan(0.001);
    }
    expect(back.cloud.attributes.intensity?.values[0]).toBe(17);
  });
});
