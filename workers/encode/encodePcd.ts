import type { AttributeArray, PointCloud } from "../../core/pointcloud/PointCloud";
import { lzfCompress } from "./lzfCompress";

export type PcdEncoding = "ascii" | "binary" | "binary_compressed";

interface Column {
  name: string;
  type: "F" | "I" | "U";
  size: number;
  count: number;
  /** Value j of point i (world coordinates for x, y, z). */
  get: (i: number, j: number) => number;
  write: (view: DataView, at: number, value: number) => void;
}

/**
 * Writes a PCD v0.7 file. x y z are float32 when the cloud's origin is 0 and float64 world
 * coordinates (origin + position) otherwise, so a rebased cloud exports its original
 * coordinates. Every attribute is written under its own name and type; `rgb` (3 × uint8) is
 * packed PCL-style into one float32 field. Organized as WIDTH = pointCount, HEIGHT = 1.
 */
export function encodePcd(cloud: PointCloud, encoding: PcdEncoding): Uint8Array {
  const columns = pcdColumns(cloud);
  const n = cloud.pointCount;
  const fieldLines =
    "VERSION 0.7\n" +
    `FIELDS ${columns.map((c) => c.name).join(" ")}\n` +
    `SIZE ${columns.map((c) => c.size).join(" ")}\n` +
    `TYPE ${columns.map((c) => c.type).join(" ")}\n` +
    `COUNT ${columns.map((c) => c.count).join(" ")}\n` +
    `WIDTH ${n}\nHEIGHT 1\nVIEWPOINT 0 0 0 1 0 0 0\nPOINTS ${n}\nDATA ${encoding}\n`;
  // The comment line is padded so the data starts on an 8-byte boundary: readers can then view
  // the records as typed arrays in place instead of copying them to realign.
  const comment = "# .PCD v0.7 - Point Cloud Data file format";
  const padding = (8 - ((comment.length + 1 + fieldLines.length) % 8)) % 8;
  const head = new TextEncoder().encode(`${comment}${" ".repeat(padding)}\n${fieldLines}`);
  if (encoding === "ascii") return concat(head, new TextEncoder().encode(asciiBody(columns, n)));
  const stride = columns.reduce((s, c) => s + c.size * c.count, 0);
  const body = new Uint8Array(n * stride);
  const view = new DataView(body.buffer);
  if (encoding === "binary") {
    let offset = 0;
    for (const c of columns) {
      for (let j = 0; j < c.count; j++) {
        for (let i = 0, at = offset + j * c.size; i < n; i++, at += stride) c.write(view, at, c.get(i, j));
      }
      offset += c.size * c.count;
    }
    return concat(head, body);
  }
  // binary_compressed: one column after another (struct of arrays), then LZF.
  let at = 0;
  for (const c of columns) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < c.count; j++, at += c.size) c.write(view, at, c.get(i, j));
    }
  }
  const compressed = lzfCompress(body);
  const sizes = new Uint8Array(8);
  new DataView(sizes.buffer).setUint32(0, compressed.length, true);
  new DataView(sizes.buffer).setUint32(4, body.length, true);
  return concat(head, sizes, compressed);
}

function pcdColumns(cloud: PointCloud): Column[] {
  const { positions: p, originM: o } = cloud;
  const wide = o.x !== 0 || o.y !== 0 || o.z !== 0;
  const axis = (name: string, k: number, add: number): Column => ({
    name,
    type: "F",
    size: wide ? 8 : 4,
    count: 1,
    get: (i) => (p[i * 3 + k] ?? 0) + add,
    write: wide ? (v, at, x) => v.setFloat64(at, x, true) : (v, at, x) => v.setFloat32(at, x, true),
  });
  const columns = [axis("x", 0, o.x), axis("y", 1, o.y), axis("z", 2, o.z)];
  for (const [name, attr] of Object.entries(cloud.attributes)) {
    const values = attr.values;
    if (name === "rgb" && values instanceof Uint8Array && attr.components === 3) {
      columns.push({
        name: "rgb",
        type: "F",
        size: 4,
        count: 1,
        get: (i) =>
          (((values[i * 3] ?? 0) << 16) | ((values[i * 3 + 1] ?? 0) << 8) | (values[i * 3 + 2] ?? 0)) >>> 0,
        write: (v, at, word) => v.setUint32(at, word, true),
      });
      continue;
    }
    const { type, size, write } = pcdType(values);
    const m = attr.components;
    columns.push({ name, type, size, count: m, get: (i, j) => values[i * m + j] ?? 0, write });
  }
  return columns;
}

function pcdType(values: AttributeArray): Pick<Column, "type" | "size" | "write"> {
  if (values instanceof Float32Array)
    return { type: "F", size: 4, write: (v, at, x) => v.setFloat32(at, x, true) };
  if (values instanceof Float64Array)
    return { type: "F", size: 8, write: (v, at, x) => v.setFloat64(at, x, true) };
  if (values instanceof Int8Array) return { type: "I", size: 1, write: (v, at, x) => v.setInt8(at, x) };
  if (values instanceof Uint8Array) return { type: "U", size: 1, write: (v, at, x) => v.setUint8(at, x) };
  if (values instanceof Int16Array)
    return { type: "I", size: 2, write: (v, at, x) => v.setInt16(at, x, true) };
  if (values instanceof Uint16Array)
    return { type: "U", size: 2, write: (v, at, x) => v.setUint16(at, x, true) };
  if (values instanceof Int32Array)
    return { type: "I", size: 4, write: (v, at, x) => v.setInt32(at, x, true) };
  return { type: "U", size: 4, write: (v, at, x) => v.setUint32(at, x, true) };
}

function asciiBody(columns: Column[], n: number): string {
  const lines: string[] = new Array(n);
  const row: string[] = [];
  for (let i = 0; i < n; i++) {
    row.length = 0;
    for (const c of columns) {
      for (let j = 0; j < c.count; j++) row.push(formatValue(c, c.get(i, j)));
    }
    lines[i] = row.join(" ");
  }
  return lines.length > 0 ? `${lines.join("\n")}\n` : "";
}

const scratchU32 = new Uint32Array(1);
const scratchF32 = new Float32Array(scratchU32.buffer);

function formatValue(c: Column, value: number): string {
  if (c.type !== "F") return String(value);
  if (c.name === "rgb") {
    // The packed colour word travels as the float with the same bits.
    scratchU32[0] = value;
    return shortestFloat32(scratchF32[0] ?? 0);
  }
  return c.size === 4 ? shortestFloat32(value) : String(value);
}

/** The shortest decimal that reads back as the same float32 (0.1f prints "0.1", not 0.10000000149). */
function shortestFloat32(value: number): string {
  const f = Math.fround(value);
  if (!Number.isFinite(f)) return Number.isNaN(f) ? "nan" : f > 0 ? "inf" : "-inf";
  // Most lidar values are whole millimetres: one rounding is 10× cheaper than toPrecision.
  const millimetres = Math.round(f * 1000) / 1000;
  if (Math.fround(millimetres) === f) return String(millimetres);
  for (let digits = 6; digits < 9; digits++) {
    const d = Number(f.toPrecision(digits));
    if (Math.fround(d) === f) return String(d);
  }
  return String(Number(f.toPrecision(9)));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
