import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { lzfCompress } from "../../encode/lzfCompress";
import type { PointCloudDecodeError } from "../PointCloudDecodeError";
import { describeRealData, readRealData } from "../../../scripts/testing/realData";
import { lzfDecompress } from "./lzfDecompress";
import { lzfDecompressPooled } from "./lzfDecompressPooled";
import { parsePcdHeader } from "./parsePcdHeader";

/** Every binary_compressed PCD in ../shared/data (see its README.md). */
const COMPRESSED_PCDS = ["table_scene_mug_stereo_textured.pcd", "car6.pcd", "milk_color.pcd", "pcl_logo.pcd"];

/** The LZF block of a binary_compressed PCD: its bytes, file offset and declared size. */
function lzfBlock(name: string): { input: Uint8Array; inputOffset: number; size: number } {
  const bytes = readRealData(`pcl/test/${name}`);
  const at = parsePcdHeader(bytes, name, 1e7).dataOffset;
  const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
  const compressed = view.getUint32(0, true);
  return {
    input: bytes.subarray(at + 8, at + 8 + compressed),
    inputOffset: at + 8,
    size: view.getUint32(4, true),
  };
}

type Outcome = { bytes: Uint8Array } | { byteOffset: number; reason: string };

function outcome(decode: () => Uint8Array): Outcome {
  try {
    return { bytes: decode().slice() };
  } catch (caught) {
    // By name: a module imported after vi.resetModules() has its own PointCloudDecodeError class.
    if (!(caught instanceof Error) || caught.name !== "PointCloudDecodeError") throw caught;
    const error = caught as PointCloudDecodeError;
    expect(error.file).toBe("x.pcd");
    return { byteOffset: error.byteOffset, reason: error.reason };
  }
}

/** The reference: the JS decoder into a buffer of exactly `maxOutputBytes`. */
function viaJs(input: Uint8Array, maxOutputBytes: number, inputOffset = 0): Outcome {
  return outcome(() => {
    const out = new Uint8Array(maxOutputBytes);
    return out.subarray(0, lzfDecompress(input, out, "x.pcd", inputOffset));
  });
}

const viaWasm = (input: Uint8Array, maxOutputBytes: number, inputOffset = 0): Outcome =>
  outcome(() => lzfDecompressPooled(input, maxOutputBytes, "x.pcd", inputOffset));

/** Outcomes compared without printing megabytes when they differ. */
function expectSame(actual: Outcome, expected: Outcome): void {
  if ("bytes" in expected && "bytes" in actual) {
    expect(actual.bytes.length).toBe(expected.bytes.length);
    expect(Buffer.compare(actual.bytes, expected.bytes), "decompressed bytes differ").toBe(0);
  } else {
    expect(actual).toEqual(expected);
  }
}

/** Inputs LZF compresses well and badly: random bytes, runs of one byte, repeats at distances 1 to 8 KiB. */
const compressible = fc
  .array(
    fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 80 }).map((bytes) => ({ bytes })),
      fc.record({ repeatFrom: fc.integer({ min: 1, max: 9000 }), length: fc.integer({ min: 1, max: 600 }) }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => {
    const out: number[] = [];
    for (const part of parts) {
      if ("bytes" in part) out.push(...part.bytes);
      else if (out.length > 0) {
        const from = Math.max(0, out.length - part.repeatFrom);
        for (let i = 0; i < part.length; i++) out.push(out[from + i] ?? NaN);
      }
    }
    return new Uint8Array(out);
  });

describe("lzfDecompressPooled", () => {
  it("round-trips what lzfCompress writes (random, runs, near and far repeats)", () => {
    fc.assert(
      fc.property(compressible, (original) => {
        const packed = lzfCompress(original);
        expectSame(viaWasm(packed, original.length), { bytes: original });
      }),
      { numRuns: 300 },
    );
  });

  it("agrees with the JS decoder on mutated and truncated streams: same bytes or same error", () => {
    // A real-looking stream: float32 x, y, z, intensity rows of a sweep, compressed.
    const rows = Float32Array.from({ length: 4000 }, (_, i) => Math.round(Math.sin(i / 40) * 2000) / 100);
    const real = lzfCompress(new Uint8Array(rows.buffer)).subarray(0, 3000);
    const mutated = fc
      .record({
        cut: fc.integer({ min: 0, max: real.length }),
        edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      })
      .map(({ cut, edits }) => {
        const bytes = real.slice(0, cut);
        for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes;
      });
    fc.assert(
      fc.property(
        fc.oneof(mutated, fc.uint8Array({ maxLength: 200 })),
        fc.integer({ min: 0, max: 40_000 }),
        fc.nat(1000),
        (input, maxOutputBytes, inputOffset) => {
          expectSame(viaWasm(input, maxOutputBytes, inputOffset), viaJs(input, maxOutputBytes, inputOffset));
        },
      ),
      { numRuns: 400 },
    );
  });

  it("reports each kind of corruption at the control byte's file offset, as the JS decoder does", () => {
    const cases: [number[], number, string][] = [
      [[0x03, 1, 2, 3, 4], 2, "literal run overflows the declared size"],
      [[0x00, 9, 0x03, 1, 2], 100, "literal run past the end of the data"],
      [[0x00, 9, 0x20], 100, "back-reference past the end of the data"],
      [[0x00, 9, 0xe0], 100, "back-reference past the end of the data"],
      [[0x00, 9, 0xe0, 5], 100, "back-reference past the end of the data"],
      [[0x00, 9, 0x20, 1], 100, "back-reference before the start of the output"],
      [[0x00, 9, 0x20, 0], 3, "back-reference overflows the declared size"],
    ];
    for (const [stream, maxOutputBytes, reason] of cases) {
      const input = new Uint8Array(stream);
      const expected = {
        byteOffset: 500 + (stream[0] === 0x03 ? 0 : 2),
        reason: `corrupt LZF data: ${reason}`,
      };
      expect(viaJs(input, maxOutputBytes, 500)).toEqual(expected);
      expect(viaWasm(input, maxOutputBytes, 500)).toEqual(expected);
    }
  });
});

describeRealData("lzfDecompressPooled on the binary_compressed PCDs of ../shared/data", () => {
  it("decompresses each exactly as the JS decoder", () => {
    for (const name of COMPRESSED_PCDS) {
      const { input, inputOffset, size } = lzfBlock(name);
      const expected = viaJs(input, size, inputOffset);
      expect("bytes" in expected && expected.bytes.length, name).toBe(size);
      expectSame(viaWasm(input, size, inputOffset), expected);
    }
  });

  it("stays correct as its memory grows and is reused for smaller frames", () => {
    const small = lzfBlock("car6.pcd");
    const large = lzfBlock("table_scene_mug_stereo_textured.pcd");
    for (const block of [small, large, small, large]) {
      expectSame(viaWasm(block.input, block.size), viaJs(block.input, block.size));
    }
  });

  it("falls back to the JS decoder where WebAssembly is unavailable", async () => {
    vi.resetModules();
    vi.stubGlobal("WebAssembly", undefined);
    try {
      const fresh = await import("./lzfDecompressPooled");
      const { input, inputOffset, size } = lzfBlock("milk_color.pcd");
      expectSame(
        outcome(() => fresh.lzfDecompressPooled(input, size, "x.pcd", inputOffset)),
        viaJs(input, size, inputOffset),
      );
      expect(viaJs(new Uint8Array([0x00, 9, 0x20, 1]), 9)).toEqual(
        outcome(() => fresh.lzfDecompressPooled(new Uint8Array([0x00, 9, 0x20, 1]), 9, "x.pcd", 0)),
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
