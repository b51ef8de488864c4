import { beforeEach, describe, expect, it, vi } from "vitest";
import type { PointCloud } from "../../../core/pointcloud/PointCloud";
import { describeRealData, readRealData } from "../../../scripts/testing/realData";
import { decodeLasPoints } from "./decodeLasPoints";
import { lasRecordsKernel } from "./lasRecordsKernel";
import { LAS_RECORD_MIN, type LasHeader, parseLasHeader } from "./parseLasHeader";
import { must } from "../../../core/model/must";

/** Off: lasRecordsKernel() answers undefined, as where WebAssembly cannot compile, so decodes take the JavaScript loop. */
const wasm = vi.hoisted(() => ({ on: true }));
vi.mock("./lasRecordsKernel", async (importOriginal) => {
  const real = await importOriginal<typeof import("./lasRecordsKernel")>();
  return { lasRecordsKernel: () => (wasm.on ? real.lasRecordsKernel() : undefined) };
});

/**
 * The LAS record fields, read one at a time through a DataView as the spec lays them out: the
 * reference the fast one-pass decode must match bit for bit.
 */
function referenceDecode(header: LasHeader, data: Uint8Array, start: number, origin: PointCloud["originM"]) {
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const f = header.pointFormat;
  const legacy = f < 6;
  const n = header.pointCount;
  const o = (i: number) => start + i * header.recordLength;
  const originK = [origin.x, origin.y, origin.z];
  const positions = Float32Array.from({ length: n * 3 }, (_, j) => {
    const k = j % 3;
    const raw = v.getInt32(o(Math.floor(j / 3)) + 4 * k, true);
    return raw * (header.scale[k] ?? NaN) + ((header.offset[k] ?? NaN) - (originK[k] ?? NaN));
  });
  const column = <T>(make: (at: number) => T) => Array.from({ length: n }, (_, i) => make(o(i)));
  const out: Record<string, number[]> = {
    intensity: column((at) => v.getUint16(at + 12, true)),
    classification: column((at) => v.getUint8(at + (legacy ? 15 : 16)) & (legacy ? 0x1f : 0xff)),
    returnNumber: column((at) => v.getUint8(at + 14) & (legacy ? 0x07 : 0x0f)),
    pointSourceId: column((at) => v.getUint16(at + (legacy ? 18 : 20), true)),
  };
  const gpsAt = legacy ? ([1, 3, 4, 5].includes(f) ? 20 : -1) : 22;
  if (gpsAt >= 0) out.gpsTime = column((at) => v.getFloat64(at + gpsAt, true));
  const rgbAt = ({ 2: 20, 3: 28, 5: 28, 7: 30, 8: 30, 10: 30 } as Record<number, number>)[f];
  if (rgbAt !== undefined) {
    const words = column((at) => [0, 2, 4].map((c) => v.getUint16(at + rgbAt + c, true))).flat();
    const wide = words.some((w) => w > 255);
    out.rgb = words.map((w) => (wide ? w >> 8 : w));
  }
  if (f === 8 || f === 10) out.nir = column((at) => v.getUint16(at + 36, true));
  return { positions, attributes: out };
}

/** A LAS header and `n` records of random bytes (coordinates kept moderate), placed at byte `start`. */
function randomRecords(format: number, n: number, start: number, seed: number) {
  const recordLength = must(LAS_RECORD_MIN[format], `format ${format}`) + (format % 3); // some formats carry extra bytes
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  const data = new Uint8Array(start + n * recordLength + 3);
  for (let i = 0; i < data.length; i++) data[i] = random() & 0xff;
  const v = new DataView(data.buffer);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < 3; k++)
      v.setInt32(start + i * recordLength + 4 * k, (random() % 2_000_001) - 1_000_000, true);
  const header: LasHeader = {
    versionMinor: format < 6 ? 2 : 4,
    headerSize: 227,
    pointDataOffset: start,
    pointFormat: format,
    compressed: false,
    recordLength,
    pointCount: n,
    scale: [0.001, 0.0025, 0.01],
    offset: [500_123.25, 4_200_456.5, 12.75],
    // An unusable extent: the origin comes from the records themselves.
    min: [0, 0, 0],
    max: [0, 0, 0],
  };
  return { header, data };
}

function expectMatchesReference(header: LasHeader, data: Uint8Array, start: number) {
  const result = decodeLasPoints(header, data, start, "test.las", "las");
  const reference = referenceDecode(header, data, start, result.cloud.originM);
  expect(
    Buffer.compare(Buffer.from(result.cloud.positions.buffer), Buffer.from(reference.positions.buffer)),
  ).toBe(0);
  const attributes = Object.fromEntries(
    Object.entries(result.cloud.attributes).map(([name, a]) => [name, Array.from(a.values)]),
  );
  expect(attributes).toEqual(reference.attributes);
  return result;
}

describe.each([
  ["WebAssembly", true],
  ["JavaScript", false],
])("decodeLasPoints through %s", (_, on) => {
  beforeEach(() => {
    wasm.on = on;
  });

  it("runs on the path it names", () => {
    expect(lasRecordsKernel() !== undefined).toBe(on);
  });

  it("matches the reference across WebAssembly chunks (128 KiB of records each)", () => {
    // 20,003 20-byte records: three whole chunks of 6,553 and a partial one.
    const { header, data } = randomRecords(0, 20_003, 227, 5);
    expectMatchesReference(header, data, 227);
  });

  it("matches the field-by-field reference for every point format at every alignment", () => {
    for (let format = 0; format <= 10; format++) {
      // 4k + 3 points: the four-record loop and the tail both run.
      for (const start of [0, 1, 2, 3, 227]) {
        const { header, data } = randomRecords(format, 39, start, format * 31 + start);
        expectMatchesReference(header, data, start);
      }
    }
  });

  it("decodes the same records identically whatever their alignment in the buffer", () => {
    const { header, data } = randomRecords(0, 1001, 0, 7);
    const decoded = [0, 1, 2, 3].map((shift) => {
      const moved = new Uint8Array(data.length + shift);
      moved.set(data, shift);
      return decodeLasPoints(header, moved, shift, "test.las", "las").cloud;
    });
    for (const cloud of decoded.slice(1)) {
      expect(cloud.originM).toEqual(decoded[0]?.originM);
      expect(
        Buffer.compare(
          Buffer.from(cloud.positions.buffer),
          Buffer.from(must(decoded[0], "the first decode").positions.buffer),
        ),
      ).toBe(0);
      expect(cloud.attributes).toEqual(decoded[0]?.attributes);
    }
  });

  it("rebases far records to an origin from the real extent when the header's is unusable", () => {
    const { header, data } = randomRecords(1, 64, 3, 99);
    const { cloud } = expectMatchesReference(header, data, 3);
    // Offsets lie ~500 km and ~4,200 km out; raw × scale adds at most ±2.5 km.
    expect(Math.abs(cloud.originM.x - 500_123)).toBeLessThan(1_100);
    expect(Math.abs(cloud.originM.y - 4_200_456)).toBeLessThan(2_600);
    const v = new DataView(data.buffer);
    const worldX = v.getInt32(3, true) * 0.001 + 500_123.25;
    expect(Math.abs(cloud.originM.x + (cloud.positions[0] ?? NaN) - worldX)).toBeLessThan(0.0005);
  });
});

describeRealData("decodeLasPoints on the real LAS fixtures (formats 3 and 7)", () => {
  it.each([
    ["WebAssembly", true],
    ["JavaScript", false],
  ])("matches the reference through %s", (_, on) => {
    wasm.on = on;
    expect(lasRecordsKernel() !== undefined).toBe(on);
    for (const name of ["simple.las", "simple1_4.las"]) {
      const bytes = readRealData(`laspy/tests/data/${name}`);
      const header = parseLasHeader(bytes, name, 1e9);
      expectMatchesReference(header, bytes, header.pointDataOffset);
    }
  });
});
