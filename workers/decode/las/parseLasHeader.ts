import { PointCloudDecodeError } from "../PointCloudDecodeError";

export interface LasHeader {
  versionMinor: number;
  headerSize: number;
  pointDataOffset: number;
  /** 0–10, compression bits removed. */
  pointFormat: number;
  compressed: boolean;
  recordLength: number;
  pointCount: number;
  scale: [number, number, number];
  offset: [number, number, number];
  /** The header's declared extent (may be stale or zero; only used to pick the origin). */
  min: [number, number, number];
  max: [number, number, number];
}

/** Bytes of the standard fields of each point format; records may carry extra bytes after them. */
export const LAS_RECORD_MIN = [20, 28, 26, 34, 57, 63, 30, 36, 38, 59, 67];

/** LAS 1.0–1.4 public header block. */
export function parseLasHeader(bytes: Uint8Array, file: string, maxPoints: number): LasHeader {
  if (bytes.length < 227)
    throw new PointCloudDecodeError(
      file,
      bytes.length,
      `LAS header needs 227 bytes but the file has ${bytes.length}`,
    );
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = v.getUint8(24);
  const minor = v.getUint8(25);
  if (major !== 1 || minor > 4)
    throw new PointCloudDecodeError(file, 24, `LAS version ${major}.${minor} is not 1.0–1.4`);
  const headerSize = v.getUint16(94, true);
  const pointDataOffset = v.getUint32(96, true);
  const formatByte = v.getUint8(104);
  const pointFormat = formatByte & 0x3f;
  const recordLength = v.getUint16(105, true);
  if (headerSize < 227 || headerSize > bytes.length)
    throw new PointCloudDecodeError(file, 94, `LAS header size ${headerSize} is invalid`);
  if (pointFormat > 10)
    throw new PointCloudDecodeError(file, 104, `LAS point format ${pointFormat} is not 0–10`);
  const minRecordLength = LAS_RECORD_MIN[pointFormat];
  if (minRecordLength === undefined || recordLength < minRecordLength) {
    throw new PointCloudDecodeError(
      file,
      105,
      `LAS point format ${pointFormat} needs ${LAS_RECORD_MIN[pointFormat]}-byte records, header says ${recordLength}`,
    );
  }
  if (pointDataOffset < headerSize || pointDataOffset > bytes.length) {
    throw new PointCloudDecodeError(
      file,
      96,
      `LAS offset to point data ${pointDataOffset} lies outside the file (${bytes.length} bytes)`,
    );
  }
  let pointCount = v.getUint32(107, true);
  if (minor >= 4 && headerSize >= 255) {
    const wide = Number(v.getBigUint64(247, true));
    if (pointCount === 0 || pointFormat >= 6) pointCount = wide;
  }
  if (pointCount > maxPoints)
    throw new PointCloudDecodeError(
      file,
      107,
      `LAS declares ${pointCount} points, more than the limit of ${maxPoints}`,
    );
  const scale: [number, number, number] = [
    v.getFloat64(131, true),
    v.getFloat64(139, true),
    v.getFloat64(147, true),
  ];
  const offset: [number, number, number] = [
    v.getFloat64(155, true),
    v.getFloat64(163, true),
    v.getFloat64(171, true),
  ];
  scale.forEach((s, k) => {
    if (!Number.isFinite(s) || s === 0)
      throw new PointCloudDecodeError(
        file,
        131 + k * 8,
        `LAS ${"xyz"[k]} scale ${s} is not a finite non-zero number`,
      );
  });
  offset.forEach((o, k) => {
    if (!Number.isFinite(o))
      throw new PointCloudDecodeError(file, 155 + k * 8, `LAS ${"xyz"[k]} offset ${o} is not finite`);
  });
  return {
    versionMinor: minor,
    headerSize,
    pointDataOffset,
    pointFormat,
    compressed: (formatByte & 0xc0) !== 0,
    recordLength,
    pointCount,
    scale,
    offset,
    min: [v.getFloat64(187, true), v.getFloat64(203, true), v.getFloat64(219, true)],
    max: [v.getFloat64(179, true), v.getFloat64(195, true), v.getFloat64(211, true)],
  };
}
