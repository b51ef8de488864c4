import type { DecodeResult } from "../DecodeResult";
import type { Allocate } from "../decodeRecords";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { decodeLasPoints } from "./decodeLasPoints";
import { parseLasHeader } from "./parseLasHeader";

/** Uncompressed LAS 1.0–1.4, point formats 0–10. */
export function decodeLas(
  bytes: Uint8Array,
  file: string,
  maxPoints: number,
  alloc?: Allocate,
): DecodeResult {
  const header = parseLasHeader(bytes, file, maxPoints);
  if (header.compressed)
    throw new PointCloudDecodeError(
      file,
      104,
      "LAS point data is LAZ-compressed: decode it with decodePointCloudAsync",
    );
  return decodeLasPoints(header, bytes, header.pointDataOffset, file, "las", alloc);
}
