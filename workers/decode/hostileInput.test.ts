import { describeRealData, readRealData } from "../../scripts/testing/realData";
import fc from "fast-check";
import { expect, it } from "vitest";
import type { DecodeResult } from "./DecodeResult";
import { decodePointCloud } from "./decodePointCloud";
import { decodePointCloudAsync } from "./decodePointCloudAsync";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** A small PLY cut from the real Argoverse sweep: its header with 2,000 vertices, and their bytes. */
function smallArgoversePly(): Uint8Array {
  const bytes = readRealData(
    "argoverse1-api/tests/test_data/d60558d2-d1aa-34ee-a902-e061e346e02a__PC_315971347819783000.ply",
  );
  const headerEnd = new TextDecoder().decode(bytes.subarray(0, 2000)).indexOf("end_header\n") + 11;
  const header = new TextDecoder()
    .decode(bytes.subarray(0, headerEnd))
    .replace("element vertex 91083", "element vertex 2000");
  // x y z float, intensity uchar, laser_number ushort: 15 bytes a vertex.
  return concat(text(header), bytes.subarray(headerEnd, headerEnd + 2000 * 15));
}

/** Real files to mutate, read on first use (inside describeRealData). */
let seedFiles: [string, Uint8Array][] | undefined;
const seeds = (): [string, Uint8Array][] =>
  (seedFiles ??= [
    ["bunny.pcd", readRealData("pcl/test/bunny.pcd")],
    ["colored_cloud.pcd", readRealData("pcl/test/colored_cloud.pcd")],
    ["car6.pcd", readRealData("pcl/test/car6.pcd")],
    ["000965.pcd", readRealData("sustechpoints/data/example/lidar/000965.pcd").subarray(0, 30_000)],
    [
      "000000.bin",
      readRealData("kitti_object_vis/data/object/training/velodyne/000000.bin").subarray(0, 32_000),
    ],
    ["simple.las", readRealData("laspy/tests/data/simple.las")],
    ["small.ply", smallArgoversePly()],
  ]);

/** A decode either succeeds with a well-formed cloud or throws PointCloudDecodeError; nothing else. */
function checkOutcome(run: () => DecodeResult, name: string): void {
  let result: DecodeResult;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof PointCloudDecodeError)) throw error;
    expect(error.file).toBe(name);
    expect(Number.isInteger(error.byteOffset) && error.byteOffset >= 0).toBe(true);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    return;
  }
  const { cloud } = result;
  expect(cloud.pointCount).toBeLessThanOrEqual(result.declaredPoints);
  expect(cloud.positions.length).toBe(cloud.pointCount * 3);
  for (let i = 0; i < cloud.positions.length; i++) {
    if (!Number.isFinite(cloud.positions[i] ?? NaN))
      throw new Error(`${name}: non-finite position kept at ${i}`);
  }
  for (const [attr, a] of Object.entries(cloud.attributes)) {
    expect(a.values.length, attr).toBe(cloud.pointCount * a.components);
  }
}

describeRealData("hostile input never crashes, hangs or allocates absurdly: typed errors only", () => {
  it("survives truncation of real files at any byte", () => {
    for (const [name, bytes] of seeds()) {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), (cut) => {
          checkOutcome(() => decodePointCloud(bytes.subarray(0, cut), name), name);
        }),
        { numRuns: 40, seed: 4 },
      );
    }
  });

  it("survives random byte mutations of real files (headers and data)", () => {
    for (const [name, bytes] of seeds()) {
      const headerish = Math.min(bytes.length, 400);
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.nat({ max: 255 }), fc.boolean()), {
            minLength: 1,
            maxLength: 8,
          }),
          (edits) => {
            const copy = bytes.slice();
            // Half the edits land in the first 400 bytes, where the headers are.
            for (const [at, value, inHeader] of edits) copy[inHeader ? at % headerish : at] = value;
            checkOutcome(() => decodePointCloud(copy, name), name);
          },
        ),
        { numRuns: 60, seed: 7 },
      );
    }
  });

  it("survives header lines rewritten with hostile numbers", () => {
    const pcd = readRealData("pcl/test/colored_cloud.pcd");
    const header = new TextDecoder().decode(pcd.subarray(0, 400));
    const dataAt = header.indexOf("DATA binary\n") + 12;
    const keys = ["POINTS", "WIDTH", "HEIGHT", "SIZE", "COUNT", "TYPE", "FIELDS", "VIEWPOINT"];
    const hostile = fc.constantFrom(
      "0",
      "-1",
      "1e308",
      "99999999999999",
      "NaN",
      "3.5",
      "",
      "x",
      "4294967297",
      "2 2 2 2 2 2 2 2 2 2",
    );
    fc.assert(
      fc.property(fc.constantFrom(...keys), hostile, (key, value) => {
        const lines = header.slice(0, dataAt).split("\n");
        const rewritten = lines.map((l) => (l.startsWith(`${key} `) ? `${key} ${value}` : l)).join("\n");
        const bytes = concat(text(rewritten), pcd.subarray(dataAt));
        checkOutcome(() => decodePointCloud(bytes, "colored_cloud.pcd"), "colored_cloud.pcd");
      }),
      { numRuns: 80, seed: 11 },
    );
  });

  it("survives mutations of a LAZ file (laz-perf)", async () => {
    const laz = readRealData("laspy/tests/data/simple.laz");
    const cases = fc.sample(
      fc.tuple(fc.nat({ max: laz.length - 1 }), fc.nat({ max: 255 }), fc.nat({ max: laz.length })),
      {
        numRuns: 25,
        seed: 3,
      },
    );
    for (const [at, value, cut] of cases) {
      const copy = laz.slice(0, Math.max(cut, 1));
      if (at < copy.length) copy[at] = value;
      let result: DecodeResult | undefined;
      try {
        result = await decodePointCloudAsync(copy, "simple.laz");
      } catch (error) {
        expect(error).toBeInstanceOf(PointCloudDecodeError);
      }
      if (result) expect(result.cloud.positions.length).toBe(result.cloud.pointCount * 3);
    }
  });

  it("refuses absurd point counts before allocating", () => {
    const pcd = text(
      "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 9000000000\nHEIGHT 1\nPOINTS 9000000000\nDATA binary\n",
    );
    expect(() => decodePointCloud(pcd, "huge.pcd")).toThrow(
      /huge\.pcd: PCD declares 9000000000 points, more than the limit/,
    );
    const small = text(
      "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 5000000\nHEIGHT 1\nPOINTS 5000000\nDATA ascii\n1 2 3\n",
    );
    expect(() => decodePointCloud(small, "lying.pcd")).toThrow(
      /lying\.pcd: header declares POINTS 5000000 but the data holds \d+ points/,
    );
    const las = readRealData("laspy/tests/data/simple.las").slice();
    new DataView(las.buffer).setUint32(107, 4_000_000_000, true);
    expect(() => decodePointCloud(las, "simple.las")).toThrow(
      /simple\.las: LAS declares 4000000000 points, more than the limit/,
    );
    const laz = readRealData("laspy/tests/data/simple.laz").slice();
    new DataView(laz.buffer).setUint32(107, 100_000_000, true);
    return expect(decodePointCloudAsync(laz, "simple.laz")).rejects.toThrow(
      /simple\.laz: LAZ header declares 100000000 points/,
    );
  });

  it("gives typed errors for empty files, wrong magic and odd-sized .bin files", () => {
    for (const name of ["a.pcd", "a.bin", "a.ply", "a.las", "a.pcd.bin", "a.xyz"]) {
      expect(() => decodePointCloud(new Uint8Array(0), name)).toThrow(`${name}: the file is empty (byte 0)`);
    }
    expect(() => decodePointCloud(text("PK\u0003\u0004zip"), "frame.pcd")).toThrow(
      /frame\.pcd: starts with bytes 50 4b 03 04, not a PCD header/,
    );
    expect(() => decodePointCloud(text("not a las file at all"), "x.las")).toThrow(
      /x\.las: .*not the LAS magic "LASF"/,
    );
    const kitti = readRealData("kitti_object_vis/data/object/training/velodyne/000001.bin");
    expect(() => decodePointCloud(kitti.subarray(0, 1603), "000001.bin")).toThrow(
      "000001.bin: size 1603 is not a multiple of the 16-byte kitti-bin record (x y z intensity as float32) (byte 1600)",
    );
    expect(() => decodePointCloud(kitti.subarray(0, 1608), "000001.pcd.bin")).toThrow(
      /not a multiple of the 20-byte nuscenes-bin record/,
    );
  });

  it("drops NaN and infinite points, and reads zero-point files as empty clouds", () => {
    const values = new Float32Array([
      1,
      2,
      3,
      10,
      Number.NaN,
      0,
      0,
      20,
      4,
      5,
      Number.POSITIVE_INFINITY,
      30,
      6,
      7,
      8,
      40,
    ]);
    const bin = decodePointCloud(new Uint8Array(values.buffer), "nan.bin");
    expect(bin.cloud.pointCount).toBe(2);
    expect(Array.from(bin.cloud.positions)).toEqual([1, 2, 3, 6, 7, 8]);
    expect(Array.from(bin.cloud.attributes.intensity?.values ?? [])).toEqual([10, 40]);
    expect(bin.warnings).toEqual(["2 non-finite points dropped"]);
    const ascii = decodePointCloud(
      text(
        "FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 3\nHEIGHT 1\nPOINTS 3\nDATA ascii\n1 2 3\nnan nan nan\n-inf 0 0\n",
      ),
      "nan.pcd",
    );
    expect(ascii.cloud.pointCount).toBe(1);
    const empty = decodePointCloud(
      text("FIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 0\nHEIGHT 1\nPOINTS 0\nDATA binary\n"),
      "empty.pcd",
    );
    expect(empty.cloud.pointCount).toBe(0);
    expect(empty.cloud.positions.length).toBe(0);
  });
});
