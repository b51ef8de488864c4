import type { DecodeResult } from "../DecodeResult";
import {
  type Allocate,
  type AttributeSpec,
  decodeRecords,
  type OutputType,
  type ScalarSource,
} from "../decodeRecords";
import { latin1, parseAsciiNumbers } from "../parseAsciiNumbers";
import { PointCloudDecodeError } from "../PointCloudDecodeError";
import { scratchBytes } from "../scratchBytes";
import { must } from "../../../core/model/must";

interface PlyProperty {
  name: string;
  kind: "f" | "i" | "u";
  size: 1 | 2 | 4 | 8;
  /** Set for `property list <countType> <itemType> name`. */
  list?: { count: PlyProperty; item: PlyProperty };
}

interface PlyElement {
  name: string;
  count: number;
  properties: PlyProperty[];
  at: number;
}

const TYPES: Record<string, Pick<PlyProperty, "kind" | "size">> = {
  char: { kind: "i", size: 1 },
  int8: { kind: "i", size: 1 },
  uchar: { kind: "u", size: 1 },
  uint8: { kind: "u", size: 1 },
  short: { kind: "i", size: 2 },
  int16: { kind: "i", size: 2 },
  ushort: { kind: "u", size: 2 },
  uint16: { kind: "u", size: 2 },
  int: { kind: "i", size: 4 },
  int32: { kind: "i", size: 4 },
  uint: { kind: "u", size: 4 },
  uint32: { kind: "u", size: 4 },
  float: { kind: "f", size: 4 },
  float32: { kind: "f", size: 4 },
  double: { kind: "f", size: 8 },
  float64: { kind: "f", size: 8 },
};

const INTENSITY_NAMES = new Set(["intensity", "reflectance", "scalar_intensity", "remission"]);
const COLOR_NAMES = [
  ["red", "green", "blue"],
  ["r", "g", "b"],
  ["diffuse_red", "diffuse_green", "diffuse_blue"],
];

/** PLY ascii, binary_little_endian and binary_big_endian; the `vertex` element is the cloud. */
export function decodePly(
  bytes: Uint8Array,
  file: string,
  maxPoints: number,
  alloc?: Allocate,
): DecodeResult {
  const { format, elements, dataOffset } = parsePlyHeader(bytes, file, maxPoints);
  const vertexIndex = elements.findIndex((e) => e.name === "vertex");
  const vertex = elements[vertexIndex];
  if (!vertex) throw new PointCloudDecodeError(file, 0, "PLY has no vertex element");
  const listProperty = vertex.properties.find((p) => p.list);
  if (listProperty) {
    throw new PointCloudDecodeError(
      file,
      vertex.at,
      `PLY vertex property ${listProperty.name} is a list; only scalar vertex properties are supported`,
    );
  }
  for (const axis of ["x", "y", "z"]) {
    if (!vertex.properties.some((p) => p.name === axis))
      throw new PointCloudDecodeError(file, vertex.at, `PLY vertex has no ${axis} property`);
  }
  const n = vertex.count;
  const warnings: string[] = [];
  let data: Uint8Array;
  let littleEndian = true;
  let source: (index: number) => ScalarSource;
  if (format === "ascii") {
    const start = skipAsciiLines(bytes, dataOffset, elements.slice(0, vertexIndex), file);
    const perPoint = vertex.properties.length;
    if (n * perPoint > Math.ceil((bytes.length - start) / 2))
      throw tooFew(file, n, Math.floor((bytes.length - start) / 2 / perPoint), start);
    const values = new Float64Array(scratchBytes("values", n * perPoint * 8).buffer, 0, n * perPoint);
    const parsed = parseAsciiNumbers(bytes, start, values, file);
    if (parsed.count < values.length) throw tooFew(file, n, Math.floor(parsed.count / perPoint), parsed.end);
    data = new Uint8Array(values.buffer);
    source = (index) => ({ base: index * 8, step: perPoint * 8, kind: "f", size: 8 });
  } else {
    littleEndian = format === "binary_little_endian";
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let start = dataOffset;
    for (const e of elements.slice(0, vertexIndex))
      start = skipBinaryElement(view, start, e, littleEndian, file);
    const offsets: number[] = [];
    let stride = 0;
    for (const p of vertex.properties) {
      offsets.push(stride);
      stride += p.size;
    }
    const available = bytes.length - start;
    if (n * stride > available)
      throw tooFew(file, n, Math.floor(available / stride), start + Math.floor(available / stride) * stride);
    if (vertexIndex === elements.length - 1 && available > n * stride) {
      warnings.push(`${available - n * stride} bytes after the last of the ${n} vertices ignored`);
    }
    data = bytes;
    source = (index) => {
      const p = must(vertex.properties[index], `vertex property ${index}`);
      return {
        base: start + must(offsets[index], `offset of vertex property ${index}`),
        step: stride,
        kind: p.kind,
        size: p.size,
      };
    };
  }
  const indexOf = (name: string) => vertex.properties.findIndex((p) => p.name === name);
  const used = new Set([indexOf("x"), indexOf("y"), indexOf("z")]);
  const attributes: AttributeSpec[] = [];
  const colour = COLOR_NAMES.map((names) => names.map(indexOf)).find((ix) => ix.every((i) => i >= 0));
  if (colour) {
    for (const i of colour) used.add(i);
    attributes.push({ name: "rgb", out: "u8", sources: colour.map(source) });
  }
  vertex.properties.forEach((p, i) => {
    if (used.has(i)) return;
    const intensity =
      INTENSITY_NAMES.has(p.name.toLowerCase()) && !attributes.some((a) => a.name === "intensity");
    attributes.push({
      name: intensity ? "intensity" : p.name,
      out: intensity ? "f32" : outputType(p),
      sources: [source(i)],
    });
  });
  const decoded = decodeRecords(
    data,
    n,
    {
      littleEndian,
      x: source(indexOf("x")),
      y: source(indexOf("y")),
      z: source(indexOf("z")),
      attributes,
    },
    alloc,
  );
  if (decoded.cloud.pointCount < n)
    warnings.push(`${n - decoded.cloud.pointCount} non-finite points dropped`);
  return {
    cloud: decoded.cloud,
    format: "ply",
    encoding: format,
    declaredPoints: n,
    fields: vertex.properties.map((p) => p.name),
    warnings,
  };
}

function outputType(p: PlyProperty): OutputType {
  if (p.kind === "f") return p.size === 4 ? "f32" : "f64";
  return `${p.kind}${p.size * 8}` as OutputType;
}

function parsePlyHeader(bytes: Uint8Array, file: string, maxPoints: number) {
  let p = 0;
  let format = "";
  const elements: PlyElement[] = [];
  const limit = Math.min(bytes.length, 65_536);
  for (;;) {
    if (p >= limit) throw new PointCloudDecodeError(file, p, "PLY header has no end_header line");
    let end = p;
    while (end < limit && bytes[end] !== 10) end++;
    const at = p;
    const words = latin1(bytes, p, end).trim().split(/\s+/);
    p = end + 1;
    const key = words[0];
    if (key === "end_header") break;
    if (key === "format") format = words[1] ?? "";
    else if (key === "element") {
      const count = Number(words[2]);
      if (!Number.isSafeInteger(count) || count < 0)
        throw new PointCloudDecodeError(file, at, `PLY element ${words[1]} has invalid count "${words[2]}"`);
      if (words[1] === "vertex" && count > maxPoints)
        throw new PointCloudDecodeError(
          file,
          at,
          `PLY declares ${count} vertices, more than the limit of ${maxPoints}`,
        );
      elements.push({ name: words[1] ?? "", count, properties: [], at });
    } else if (key === "property") {
      const element = elements.at(-1);
      if (!element) throw new PointCloudDecodeError(file, at, "PLY property before any element");
      element.properties.push(parseProperty(words, file, at));
    }
  }
  if (format !== "ascii" && format !== "binary_little_endian" && format !== "binary_big_endian") {
    throw new PointCloudDecodeError(
      file,
      0,
      `PLY format "${format}" is not ascii, binary_little_endian or binary_big_endian`,
    );
  }
  return { format, elements, dataOffset: p } as const;
}

function parseProperty(words: string[], file: string, at: number): PlyProperty {
  const type = (name: string | undefined) => {
    const t = TYPES[name ?? ""];
    if (!t) throw new PointCloudDecodeError(file, at, `PLY property type "${name}" is unknown`);
    return t;
  };
  if (words[1] === "list") {
    const name = words[4] ?? "";
    return {
      name,
      kind: "u",
      size: 1,
      list: { count: { name, ...type(words[2]) }, item: { name, ...type(words[3]) } },
    };
  }
  return { name: words[2] ?? "", ...type(words[1]) };
}

function skipAsciiLines(bytes: Uint8Array, start: number, before: PlyElement[], file: string): number {
  let lines = before.reduce((s, e) => s + e.count, 0);
  let p = start;
  while (lines > 0) {
    while (p < bytes.length && bytes[p] !== 10) p++;
    if (p >= bytes.length)
      throw new PointCloudDecodeError(file, p, "PLY ends inside the elements before the vertices");
    p++;
    lines--;
  }
  return p;
}

function skipBinaryElement(view: DataView, start: number, e: PlyElement, le: boolean, file: string): number {
  let p = start;
  for (let i = 0; i < e.count; i++) {
    for (const prop of e.properties) {
      if (p + prop.size > view.byteLength)
        throw new PointCloudDecodeError(file, p, `PLY ends inside element ${e.name}`);
      if (!prop.list) {
        p += prop.size;
        continue;
      }
      const c = prop.list.count;
      const n =
        c.size === 1 ? view.getUint8(p) : c.size === 2 ? view.getUint16(p, le) : view.getUint32(p, le);
      p += c.size + n * prop.list.item.size;
    }
  }
  return p;
}

function tooFew(file: string, declared: number, holds: number, at: number): PointCloudDecodeError {
  return new PointCloudDecodeError(
    file,
    at,
    `header declares ${declared} vertices but the data holds ${holds}`,
  );
}
