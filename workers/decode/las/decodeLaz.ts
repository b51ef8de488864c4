import type { DecodeResult } from "../DecodeResult";
import type { Allocate } from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { decodeLasPoints } from "./decodeLasPoints";
import { parseLasHeader } from "./parseLasHeader";

/** The laz-perf WebAssembly module (only what is used here). */
export interface LazPerfModule {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(pointer: number): void;
  LASZip: new () => {
    open(pointer: number, length: number): void;
    getPoint(pointer: number): void;
    getCount(): number;
    getPointLength(): number;
    delete(): void;
  };
}

/** LAZ rarely beats 15:1; more than 100:1 from a header is a lie we refuse before allocating. */
const MAX_LAZ_RATIO = 100;

let modulePromise: Promise<LazPerfModule> | undefined;

/**
 * Where to load laz-perf from. The default imports the npm package (Node resolves its .wasm next
 * to the script); a bundled worker passes a loader that gives laz-perf the .wasm URL.
 */
export type LazPerfLoader = () => Promise<LazPerfModule>;

const defaultLoader: LazPerfLoader = async () => {
  const lazPerf = (await import("laz-perf")) as unknown as { createLazPerf: () => Promise<LazPerfModule> };
  return lazPerf.createLazPerf();
};

/** LAZ through laz-perf (WebAssembly, loaded once per thread). */
export async function decodeLaz(
  bytes: Uint8Array,
  file: string,
  maxPoints: number,
  loader: LazPerfLoader = defaultLoader,
  alloc?: Allocate,
): Promise<DecodeResult> {
  const header = parseLasHeader(bytes, file, maxPoints);
  const need = header.pointCount * header.recordLength;
  if (need > bytes.length * MAX_LAZ_RATIO + 1_048_576) {
    throw new PointCloudDecodeError(
      file,
      107,
      `LAZ header declares ${header.pointCount} points: more than ${bytes.length} compressed bytes can hold`,
    );
  }
  modulePromise ??= loader();
  const lazPerf = await modulePromise;
  const filePointer = lazPerf._malloc(bytes.length);
  const pointPointer = lazPerf._malloc(header.recordLength);
  const reader = new lazPerf.LASZip();
  const records = new Uint8Array(need);
  try {
    lazPerf.HEAPU8.set(bytes, filePointer);
    reader.open(filePointer, bytes.length);
    const count = reader.getCount();
    if (count !== header.pointCount || reader.getPointLength() !== header.recordLength) {
      throw new PointCloudDecodeError(
        file,
        107,
        `laz-perf reads ${count} points of ${reader.getPointLength()} bytes, header says ${header.pointCount} of ${header.recordLength}`,
      );
    }
    for (let i = 0; i < count; i++) {
      reader.getPoint(pointPointer);
      // HEAPU8 is replaced when the wasm memory grows: read it afresh.
      records.set(
        lazPerf.HEAPU8.subarray(pointPointer, pointPointer + header.recordLength),
        i * header.recordLength,
      );
    }
  } catch (error) {
    if (error instanceof PointCloudDecodeError) throw error;
    // An aborted Emscripten module is unusable: load a fresh one next time.
    modulePromise = undefined;
    throw new PointCloudDecodeError(
      file,
      header.pointDataOffset,
      `laz-perf could not decompress the points: ${String(error)}`,
    );
  } finally {
    reader.delete();
    lazPerf._free(pointPointer);
    lazPerf._free(filePointer);
  }
  return decodeLasPoints(header, records, 0, file, "laz", alloc);
}
