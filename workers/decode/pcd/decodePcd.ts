import type { DecodeResult } from "../DecodeResult";
import { applyViewpoint } from "../applyViewpoint";
import {
  type Allocate,
  type AttributeSpec,
  decodeRecords,
  type OutputType,
  type RecordLayout,
  type ScalarSource,
} from "../decodeRecords";
import { parseAsciiNumbers } from "../parseAsciiNumbers";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { scratchBytes } from "../scratchBytes";
import { lzfDecompressPooled } from "./lzfDecompressPooled";
import { type PcdField, type PcdHeader, parsePcdHeader } from "./parsePcdHeader";
import { must } from "../../../core/model/must";

/** LZF expands at most ~88× (a 3-byte back-reference yields 264 bytes); more is a lying header. */
const MAX_LZF_RATIO = 100;

/** PCD v0.5–0.7, ascii / binary / binary_compressed. */
export function decodePcd(
  bytes: Uint8Array,
  file: string,
  maxPoints: number,
  alloc?: Allocate,
): DecodeResult {
  const header = parsePcdHeader(bytes, file, maxPoints);
  const warnings = [...header.warnings];
  const n = header.points;
  const available = bytes.length - header.dataOffset;
  let data: Uint8Array;
  let source: (field: PcdField, component: number) => ScalarSource;
  let packedFromFloat = false;
  if (header.data === "binary") {
    const need = n * header.stride;
    if (need > available) throw tooFewPoints(file, header, Math.floor(available / header.stride));
    if (available > need)
      warnings.push(`${available - need} bytes after the last of the ${n} points ignored`);
    data = bytes;
    source = (f, c) => ({
      base: header.dataOffset + f.offset + c * f.size,
      step: header.stride,
      ...scalar(f),
    });
  } else if (header.data === "binary_compressed") {
    data = decompress(bytes, file, header);
    source = (f, c) => ({ base: n * f.offset + c * f.size, step: f.size * f.count, ...scalar(f) });
  } else {
    const perPoint = header.fields.reduce((sum, f) => sum + f.count, 0);
    // Every value takes at least two bytes of text (a digit and a separator): check before allocating.
    if (n * perPoint > Math.ceil(available / 2)) {
      throw tooFewPoints(file, header, Math.floor(Math.ceil(available / 2) / perPoint), header.dataOffset);
    }
    const values = new Float64Array(scratchBytes("values", n * perPoint * 8).buffer, 0, n * perPoint);
    const parsed = parseAsciiNumbers(bytes, header.dataOffset, values, file);
    if (parsed.count < values.length)
      throw tooFewPoints(file, header, Math.floor(parsed.count / perPoint), parsed.end);
    if (parsed.more) warnings.push(`values after the last of the ${n} points ignored (byte ${parsed.end})`);
    const index = new Map<PcdField, number>();
    let next = 0;
    for (const f of header.fields) {
      index.set(f, next);
      next += f.count;
    }
    data = new Uint8Array(values.buffer);
    packedFromFloat = true;
    source = (f, c) => ({
      base: (must(index.get(f), `field ${f.name}`) + c) * 8,
      step: perPoint * 8,
      kind: "f",
      size: 8,
    });
  }
  const axis = (name: string) =>
    source(
      must(
        header.fields.find((f) => f.name === name),
        `field ${name}`,
      ),
      0,
    );
  const layout: RecordLayout = {
    littleEndian: true,
    x: axis("x"),
    y: axis("y"),
    z: axis("z"),
    attributes: attributeSpecs(header.fields, source, packedFromFloat),
  };
  const decoded = decodeRecords(data, n, layout, alloc);
  applyViewpoint(decoded.cloud, header.viewpoint);
  if (decoded.cloud.pointCount < n)
    warnings.push(`${n - decoded.cloud.pointCount} non-finite points dropped`);
  return {
    cloud: decoded.cloud,
    format: "pcd",
    encoding: header.data,
    declaredPoints: n,
    fields: header.fields.filter((f) => f.name !== "_").map((f) => f.name),
    warnings,
  };
}

function scalar(f: PcdField): Pick<ScalarSource, "kind" | "size"> {
  return { kind: f.type === "F" ? "f" : f.type === "I" ? "i" : "u", size: f.size as ScalarSource["size"] };
}

function outputType(f: PcdField): OutputType {
  if (f.type === "F") return f.size === 4 ? "f32" : "f64";
  if (f.size === 8) return "f64";
  return `${f.type === "I" ? "i" : "u"}${f.size * 8}` as OutputType;
}

/** Every named field but x, y, z becomes an attribute; `_` padding is skipped; rgb/rgba are unpacked. */
function attributeSpecs(
  fields: PcdField[],
  source: (f: PcdField, c: number) => ScalarSource,
  packedFromFloat: boolean,
): AttributeSpec[] {
  const specs: AttributeSpec[] = [];
  const seen = new Set(["x", "y", "z"]);
  for (const f of fields) {
    if (f.name === "_" || f.count === 0 || seen.has(f.name)) continue;
    const packed =
      (f.name === "rgb" || f.name === "rgba") && f.count === 1 && f.size === 4 && !seen.has("rgb");
    seen.add(f.name);
    if (packed) {
      seen.add("rgb");
      specs.push({
        name: "rgb",
        out: "u8",
        sources: [source(f, 0)],
        packedRgb: true,
        packedFromFloat: packedFromFloat && f.type === "F",
      });
      continue;
    }
    const sources = Array.from({ length: f.count }, (_, c) => source(f, c));
    specs.push({ name: f.name, out: f.name === "intensity" ? "f32" : outputType(f), sources });
  }
  return specs;
}

function decompress(bytes: Uint8Array, file: string, header: PcdHeader): Uint8Array {
  const at = header.dataOffset;
  if (bytes.length - at < 8) {
    throw new PointCloudDecodeError(
      file,
      bytes.length,
      "binary_compressed data ends before its 8-byte size header",
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const compressedSize = view.getUint32(at, true);
  const uncompressedSize = view.getUint32(at + 4, true);
  const expected = header.points * header.stride;
  if (uncompressedSize !== expected) {
    if (uncompressedSize % header.stride === 0 && uncompressedSize < expected) {
      throw tooFewPoints(file, header, uncompressedSize / header.stride, at + 4);
    }
    throw new PointCloudDecodeError(
      file,
      at + 4,
      `binary_compressed block declares ${uncompressedSize} bytes but POINTS ${header.points} × ${header.stride} bytes = ${expected}`,
    );
  }
  if (at + 8 + compressedSize > bytes.length) {
    throw new PointCloudDecodeError(
      file,
      bytes.length,
      `binary_compressed block declares ${compressedSize} compressed bytes but only ${bytes.length - at - 8} follow`,
    );
  }
  if (uncompressedSize > compressedSize * MAX_LZF_RATIO + 1024) {
    throw new PointCloudDecodeError(
      file,
      at,
      `binary_compressed block claims ${uncompressedSize} bytes from ${compressedSize}: more than LZF can expand`,
    );
  }
  // The columns are only read while decoding: a pooled buffer (see lzfDecompressPooled).
  const out = lzfDecompressPooled(
    bytes.subarray(at + 8, at + 8 + compressedSize),
    uncompressedSize,
    file,
    at + 8,
  );
  const written = out.length;
  if (written !== uncompressedSize) {
    throw new PointCloudDecodeError(
      file,
      at + 8 + compressedSize,
      `binary_compressed data decompresses to ${written} bytes, not the declared ${uncompressedSize}`,
    );
  }
  return out;
}

function tooFewPoints(file: string, header: PcdHeader, holds: number, at?: number): PointCloudDecodeError {
  return new PointCloudDecodeError(
    file,
    at ?? header.dataOffset + holds * header.stride,
    `header declares POINTS ${header.points} but the data holds ${holds} points`,
  );
}
