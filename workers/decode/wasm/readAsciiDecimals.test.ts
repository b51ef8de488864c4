import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { decodePointCloud } from "../decodePointCloud";
import { parseAsciiNumbers } from "../parseAsciiNumbers";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { describeRealData, readRealData } from "../../../scripts/testing/realData";
import { bothWays } from "./bothWays";
import { asciiDecimalsKernel } from "./asciiDecimalsKernel";

/** Off: asciiDecimalsKernel() answers undefined, as where WebAssembly cannot compile: the JavaScript loop reads. */
const wasm = vi.hoisted(() => ({ on: true }));
vi.mock("./asciiDecimalsKernel", async (importOriginal) => {
  const real = await importOriginal<typeof import("./asciiDecimalsKernel")>();
  return { ...real, asciiDecimalsKernel: () => (wasm.on ? real.asciiDecimalsKernel() : undefined) };
});

/** "" when a and b are equal, else where they first differ (small, so a failing property shrinks fast). */
function mismatch(a: ArrayLike<unknown>, b: ArrayLike<unknown>): string {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (!Object.is(a[i], b[i])) return `at ${i}: ${String(a[i])} vs ${String(b[i])}`;
  }
  return "";
}

/** Values as their float64 bits (so -0 and NaN compare exactly), or the error message. */
function parseBits(text: Uint8Array, capacity: number): string[] {
  const out = new Float64Array(capacity);
  try {
    const { count, end, more } = parseAsciiNumbers(text, 0, out, "t.pcd");
    const bits = new BigUint64Array(out.buffer, 0, count);
    return [`count ${count} end ${end} more ${more}`, ...Array.from(bits, (b) => b.toString(16))];
  } catch (error) {
    if (error instanceof PointCloudDecodeError) return [error.message];
    throw error;
  }
}

const token = fc.oneof(
  { weight: 8, arbitrary: fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((v) => v.toFixed(3)) },
  { weight: 4, arbitrary: fc.integer({ min: -99_999, max: 99_999 }).map(String) },
  { weight: 3, arbitrary: fc.float({ noNaN: true }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "-0",
      "-0.0",
      ".5",
      "5.",
      "+3.25",
      "123456789012345",
      "1234567890123456",
      "1e3",
      "nan",
      "-inf",
      "0.000000000000001",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom("2-3", "0x1f", "-", ".", "1.2.3", "") },
);
const separator = fc.constantFrom(" ", "\n", "\t", "\r\n", "  ", " \n");

describe("readAsciiDecimals (WebAssembly) reads exactly as the JavaScript loop", () => {
  it("compiles on this engine", () => {
    expect(asciiDecimalsKernel()).toBeDefined();
  });

  it("on random texts: values, where it stops, and the errors (bit for bit)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(token, separator), { minLength: 0, maxLength: 400 }),
        fc.integer({ min: 1, max: 500 }),
        (pairs, capacity) => {
          const text = new TextEncoder().encode(pairs.map(([t, s]) => t + s).join(""));
          const { viaWasm, viaJs } = bothWays(wasm, () => parseBits(text, capacity));
          expect(mismatch(viaWasm, viaJs)).toBe("");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("across chunks: a long text of decimals with odd tokens far apart", () => {
    const tokens = Array.from({ length: 60_000 }, (_, i) =>
      i % 9_973 === 0
        ? "1e-3"
        : i % 7_919 === 0
          ? "12345678901234567"
          : (((i * 7919) % 100_003) / 7).toFixed(4),
    );
    const text = new TextEncoder().encode(tokens.map((t, i) => t + (i % 4 === 3 ? "\n" : " ")).join(""));
    const { viaWasm, viaJs } = bothWays(wasm, () => parseBits(text, tokens.length));
    expect(viaWasm[0]).toBe(`count ${tokens.length} end ${text.length} more false`);
    expect(mismatch(viaWasm, viaJs)).toBe("");
  });
});

describeRealData("readAsciiDecimals on the real ascii PCDs", () => {
  it("reads them exactly as the JavaScript loop", () => {
    for (const path of [
      "pcl/test/bunny.pcd",
      "pcl/test/lamppost.pcd",
      "threejs-examples/frontend/examples/models/pcd/ascii/simple.pcd",
    ]) {
      const bytes = readRealData(path);
      const { viaWasm, viaJs } = bothWays(wasm, () => decodePointCloud(bytes, path).cloud);
      expect(viaWasm.pointCount, path).toBeGreaterThan(0);
      expect(viaWasm.pointCount).toBe(viaJs.pointCount);
      expect(mismatch(viaWasm.positions, viaJs.positions), path).toBe("");
    }
  });
});
