import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { KERNELS } from "./buildKernels";
import { asciiDecimalsKernel } from "./asciiDecimalsKernel";
import { float32PointsKernel as scalarKernel } from "./build/float32Points";
import { float32PointsSimdKernel } from "./build/float32PointsSimd";
import { keepPointsKernel } from "./build/keepPoints";
import { lasRecordsKernel } from "./build/lasRecords";
import { lzfKernel } from "./build/lzf";
import { kernelModule } from "./kernelModule";
import { must } from "../../../core/model/must";

/** The kernel's memory as 32-bit words, after growing it to `bytes`. */
function words(memory: WebAssembly.Memory, bytes = 65536): Uint32Array {
  const missing = bytes - memory.buffer.byteLength;
  if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  return new Uint32Array(memory.buffer);
}

const f32Bits = (x: number) => new DataView(Float32Array.of(x).buffer).getUint32(0, true);

describe("the AssemblyScript kernels (assembly/, compiled by buildKernels.ts)", () => {
  it("are all built: every source in assembly/ is an entry of the build", () => {
    const sources = readdirSync(join(import.meta.dirname, "assembly")).filter((f) => f.endsWith(".ts"));
    expect(KERNELS.map((k) => `${k.name}.ts`).sort()).toEqual(sources.sort());
  });

  it("float32Points (scalar and SIMD): copies records and columns word for word, flags non-finite x, y, z", () => {
    for (const kernel of [scalarKernel(), float32PointsSimdKernel()]) {
      expect(kernel).toBeDefined();
      if (!kernel) return;
      const w = words(kernel.memory);
      // Two 16-byte records x y z a at byte 0; outputs at 256 (positions) and 512 (attribute).
      w.set([1, 2, 3, 4, 5, 6, 7, 8], 0);
      expect(kernel.records(0, 2, 16, 0, 4, 8, 12, 256, 512)).toBe(0);
      expect([...w.subarray(64, 70)]).toEqual([1, 2, 3, 5, 6, 7]);
      expect([...w.subarray(128, 130)]).toEqual([4, 8]);
      // A NaN y, an infinite z; a NaN attribute alone does not count.
      w.set([1, f32Bits(Number.NaN), 3, 4], 0);
      expect(kernel.records(0, 1, 16, 0, 4, 8, 12, 256, 512)).toBe(1);
      w.set([1, 2, f32Bits(-Infinity), 4], 0);
      expect(kernel.records(0, 1, 16, 0, 4, 8, 12, 256, 512)).toBe(1);
      w.set([1, 2, 3, f32Bits(Number.NaN)], 0);
      expect(kernel.records(0, 1, 16, 0, 4, 8, 12, 256, 512)).toBe(0);
    }
    const simd = must(float32PointsSimdKernel(), "SIMD kernel");
    const w = words(simd.memory);
    const records = Array.from({ length: 16 }, (_, i) => 100 + i); // 4 records x y z a
    w.set(records, 0);
    expect(simd.records16(0, 4, 256, 512)).toBe(0);
    expect([...w.subarray(64, 76)]).toEqual(records.filter((_, i) => i % 4 !== 3));
    expect([...w.subarray(128, 132)]).toEqual([103, 107, 111, 115]);
    // Columns x[4] y[4] z[4] a[4], 16 bytes apart.
    w.set([10, 11, 12, 13, 20, 21, 22, 23, 30, 31, 32, 33, 40, 41, 42, 43], 0);
    expect(simd.columns(0, 16, 4, 256, 512)).toBe(0);
    expect([...w.subarray(64, 76)]).toEqual([10, 20, 30, 11, 21, 31, 12, 22, 32, 13, 23, 33]);
    expect([...w.subarray(128, 132)]).toEqual([40, 41, 42, 43]);
    w[9] = f32Bits(Infinity); // y1
    expect(simd.columns(0, 16, 4, 256, 512)).toBe(1);
  });

  it("asciiDecimals: reads plain decimals and stops at a token it leaves to JavaScript", () => {
    const kernel = asciiDecimalsKernel();
    expect(kernel).toBeDefined();
    if (!kernel) return;
    words(kernel.memory);
    const text = new TextEncoder().encode(" 1.5\t-2 +0.25\n3e2 7 ");
    const bytes = new Uint8Array(kernel.memory.buffer);
    bytes.set(text, 1024);
    bytes[1024 + text.length] = 0;
    expect(kernel.decimals(1024, 1024 + text.length, 4096, 10)).toBe(3);
    expect([...new Float64Array(kernel.memory.buffer, 4096, 3)]).toEqual([1.5, -2, 0.25]);
    expect(kernel.decimalsEnd()).toBe(1024 + text.indexOf("3".charCodeAt(0)));
    // The cap stops it after the first value, at the whitespace before the next.
    expect(kernel.decimals(1024, 1024 + text.length, 4096, 1)).toBe(1);
    expect(kernel.decimalsEnd()).toBe(1024 + 4);
  });

  it("lzf: decompresses literal runs and back-references, and reports where corrupt data starts", () => {
    const kernel = lzfKernel();
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const bytes = new Uint8Array(words(kernel.memory).buffer);
    // "abc"; 6 bytes from 3 back (closer than a word: byte copies); 7 + 0 + 2 = 9 bytes from 9
    // back (word copies, the long-length form).
    const input = [0x02, 97, 98, 99, 4 << 5, 2, 7 << 5, 0, 8];
    bytes.set(input, 1024);
    const written = kernel.lzf(1024, 1024 + input.length, 0, 512);
    expect(new TextDecoder().decode(bytes.subarray(0, written))).toBe("abc".repeat(6));
    // A back-reference before the start of the output: −4 at its control byte.
    bytes.set([0x00, 9, 0x20, 1], 1024);
    expect(kernel.lzf(1024, 1028, 0, 512)).toBe(-4);
    expect(kernel.lzfCorruptAt()).toBe(1026);
  });

  it("lasRecords: scales and offsets X, Y, Z in float64 and splits the record's fields", () => {
    const kernel = lasRecordsKernel();
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const buffer = words(kernel.memory).buffer;
    new Float64Array(buffer, 0, 6).set([0.01, 0.01, 0.001, 100, -50, 0.5]);
    const record = new DataView(buffer, 64, 20);
    record.setInt32(0, 12345, true);
    record.setInt32(4, -200, true);
    record.setInt32(8, 7, true);
    record.setUint16(12, 40000, true);
    record.setUint8(14, 0b0101_0010); // return number 2 (mask 7)
    record.setUint8(15, 0b1100_0101); // classification 5 (mask 31)
    record.setUint16(18, 777, true);
    kernel.records(64, 1, 20, 0, 256, 512, 600, 610, 620, 7, 15, 31, 18);
    const positions = new Float32Array(buffer, 256, 3);
    expect([...positions]).toEqual([
      Math.fround(12345 * 0.01 + 100),
      Math.fround(-200 * 0.01 - 50),
      Math.fround(7 * 0.001 + 0.5),
    ]);
    expect(new Float32Array(buffer, 512, 1)[0]).toBe(40000);
    expect(new Uint8Array(buffer, 600, 1)[0]).toBe(2);
    expect(new Uint8Array(buffer, 610, 1)[0]).toBe(5);
    expect(new Uint16Array(buffer, 620, 1)[0]).toBe(777);
  });

  it("keepPoints: keeps every point under the highest threshold, none under 0, and stops at the budget", () => {
    const kernel = keepPointsKernel();
    expect(kernel).toBeDefined();
    if (!kernel) return;
    const w = words(kernel.memory);
    const n = 8;
    w.set(
      Array.from({ length: n * 3 }, (_, i) => f32Bits(i + 0.5)),
      0,
    ); // positions at 0
    w.set(
      Array.from({ length: n }, (_, i) => i),
      64,
    ); // intensity at byte 256
    expect(kernel.keepQuads(0, n / 4, 0x7fffffff, 1024, 256, 2048)).toBe(n);
    expect([...w.subarray(256, 256 + n * 3)]).toEqual([...w.subarray(0, n * 3)]);
    expect([...w.subarray(512, 512 + n)]).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(kernel.keepQuads(0, n / 4, 0, 1024, 256, 2048)).toBe(0);
    expect(kernel.keep(0, n, 0x7fffffff, 3, 1024, 256, 2048)).toBe(3);
    expect(kernel.keep(0, n, 0, 3, 1024, 256, 2048)).toBe(0);
  });
});

describe("kernelModule", () => {
  const lzfBase64 = readFileSync(join(import.meta.dirname, "build/lzf.wasm")).toString("base64");

  it("hands out the exports the compiler declared", () => {
    const kernel = kernelModule<{ memory: WebAssembly.Memory; lzf: () => number }>("lzf", lzfBase64, {
      lzf: 4,
      lzfCorruptAt: 0,
    })();
    expect(kernel?.memory).toBeInstanceOf(WebAssembly.Memory);
  });

  it("refuses a module whose exports differ from the declared ones", () => {
    expect(() => kernelModule("lzf", lzfBase64, { lzf: 3 })()).toThrow(
      "kernel lzf: export lzf is not a function of 3 parameters",
    );
    expect(() => kernelModule("lzf", lzfBase64, { inflate: 4 })()).toThrow("export inflate");
  });

  it("answers undefined where WebAssembly is unavailable (the callers' JavaScript fallback)", () => {
    vi.stubGlobal("WebAssembly", undefined);
    try {
      expect(kernelModule("lzf", lzfBase64, { lzf: 4 })()).toBeUndefined();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
