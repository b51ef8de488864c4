import { DEFAULT_MAX_POINTS, type DecodeOptions, type DecodeResult } from "./DecodeResult";
import { decodePointCloud } from "./decodePointCloud";
import { detectPointCloudFormat } from "./detectPointCloudFormat";
import { decodeLaz, type LazPerfLoader } from "./las/decodeLaz";

export interface AsyncDecodeOptions extends DecodeOptions {
  /** How to load laz-perf's WebAssembly (a bundled worker passes one that knows the .wasm URL). */
  lazPerf?: LazPerfLoader;
}

/** Every format decodePointCloud reads, plus LAZ (laz-perf WebAssembly, loaded on first use). */
export async function decodePointCloudAsync(
  bytes: Uint8Array,
  fileName: string,
  options: AsyncDecodeOptions = {},
): Promise<DecodeResult> {
  if (detectPointCloudFormat(bytes, fileName) === "laz") {
    return decodeLaz(
      bytes,
      fileName,
      options.maxPoints ?? DEFAULT_MAX_POINTS,
      options.lazPerf,
      options.allocate,
    );
  }
  return decodePointCloud(bytes, fileName, options);
}
