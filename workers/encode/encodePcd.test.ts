import { describe, expect, it } from "vitest";
import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { decodePointCloud } from "../decode/decodePointCloud";
import { encodeKittiBin } from "./encodeKittiBin";
import { encodePcd, type PcdEncoding } from "./encodePcd";
import { lzfCompress } from "./lzfCompress";
import { lzfDecompress } from "../decode/pcd/lzfDecompress";

function sampleCloud(n: number, originM = { x: 0, y: 0, z: 0 }): PointCloud {
  const positions = new Float32Array(n * 3);
  const intensity = new Float32Array(n);
  const rgb = new Uint8Array(n * 3);
  const ring = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    positions[i * 3] = Math.fround(Math.sin(i) * 50);
    positions[i * 3 + 1] = Math.fround(Math.cos(i * 0.7) * 40);
    positions[i * 3 + 2] = Math.fround((i % 17) * 0.1 - 1);
    intensity[i] = Math.fround((i * 7) % 255);
    rgb.set([i % 256, (i * 3) % 256, (i * 11) % 256], i * 3);
    ring[i] = i % 40;
  }
  return {
    pointCount: n,
    positions,
    originM,
    attributes: {
      intensity: { values: intensity, components: 1 },
      rgb: { values: rgb, components: 3 },
      ring: { values: ring, components: 1 },
    },
  };
}

describe("encodePcd", () => {
  for (const encoding of ["ascii", "binary", "binary_compressed"] as PcdEncoding[]) {
    it(`round-trips ${encoding} through decodePointCloud`, () => {
      const cloud = sampleCloud(1000);
      const decoded = decodePointCloud(encodePcd(cloud, encoding), `frame.${encoding}.pcd`);
      expect(decoded.encoding).toBe(encoding);
      expect(decoded.cloud.pointCount).toBe(1000);
      expect(decoded.cloud.positions).toEqual(cloud.positions);
      expect(decoded.cloud.attributes.intensity?.values).toEqual(cloud.attributes.intensity?.values);
      expect(decoded.cloud.attributes.rgb?.values).toEqual(cloud.attributes.rgb?.values);
      expect(decoded.cloud.attributes.ring?.values).toEqual(cloud.attributes.ring?.values);
      expect(decoded.warnings).toEqual([]);
    });
  }

  it("writes a rebased cloud in world coordinates and reads it back rebased", () => {
    const cloud = sampleCloud(200, { x: 512_000, y: 5_403_000, z: 300 });
    const decoded = decodePointCloud(encodePcd(cloud, "binary"), "utm.pcd");
    const o = decoded.cloud.originM;
    for (const i of [0, 57, 199]) {
      expect((decoded.cloud.positions[i * 3] ?? NaN) + o.x).toBeCloseTo(
        (cloud.positions[i * 3] ?? NaN) + 512_000,
        3,
      );
      expect((decoded.cloud.positions[i * 3 + 1] ?? NaN) + o.y).toBeCloseTo(
        (cloud.positions[i * 3 + 1] ?? NaN) + 5_403_000,
        3,
      );
    }
  });

  it("encodeKittiBin writes 16-byte records that decode to the same points", () => {
    const cloud = sampleCloud(300);
    const bytes = encodeKittiBin(cloud);
    expect(bytes.length).toBe(300 * 16);
    const decoded = decodePointCloud(bytes, "000001.bin");
    expect(decoded.cloud.positions).toEqual(cloud.positions);
    expect(decoded.cloud.attributes.intensity?.values).toEqual(cloud.attributes.intensity?.values);
  });
});

describe("lzfCompress", () => {
  it("round-trips repetitive, random and tiny inputs", () => {
    const inputs = [new Uint8Array(0), new Uint8Array([7]), new Uint8Array([1, 2]), new Uint8Array(100_000)];
    const random = new Uint8Array(50_000);
    let seed = 1;
    for (let i = 0; i < random.length; i++) random[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    inputs.push(random);
    const text = new TextEncoder().encode("abcabcabcabd".repeat(3000));
    inputs.push(text);
    for (const input of inputs) {
      const packed = lzfCompress(input);
      const out = new Uint8Array(input.length);
      expect(lzfDecompress(packed, out, "mem", 0)).toBe(input.length);
      expect(Buffer.compare(out, input)).toBe(0);
    }
    expect(lzfCompress(new Uint8Array(100_000)).length).toBeLessThan(2000);
  });
});
