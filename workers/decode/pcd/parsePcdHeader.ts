import { latin1 } from "../parseAsciiNumbers";
import { PointCloudDecodeError } from "../PointCloudDecodeError";

export interface PcdField {
  name: string;
  size: number;
  type: "F" | "I" | "U";
  count: number;
  /** Byte offset inside one binary record (sum of size × count of the fields before it). */
  offset: number;
}

export interface PcdHeader {
  version: string;
  fields: PcdField[];
  /** Record length in bytes: Σ size × count. */
  stride: number;
  width: number;
  height: number;
  points: number;
  /** tx ty tz qw qx qy qz; identity when absent. */
  viewpoint: number[];
  data: "ascii" | "binary" | "binary_compressed";
  /** First byte after the DATA line. */
  dataOffset: number;
  warnings: string[];
}

/** Headers are a few hundred bytes; a file with no DATA line in its first 64 KiB is not a PCD. */
const MAX_HEADER_BYTES = 65_536;

/** Parses and validates a PCD v0.5–0.7 header (everything up to and including the DATA line). */
export function parsePcdHeader(bytes: Uint8Array, file: string, maxPoints: number): PcdHeader {
  const keys = new Map<string, { values: string[]; at: number }>();
  let p = 0;
  let data: { value: string; at: number } | undefined;
  const limit = Math.min(bytes.length, MAX_HEADER_BYTES);
  while (p < limit && !data) {
    let end = p;
    while (end < limit && bytes[end] !== 10) end++;
    const line = latin1(bytes, p, end).trim();
    const at = p;
    p = end + 1;
    if (line === "" || line.startsWith("#")) continue;
    const [key = "", ...values] = line.split(/\s+/);
    const upper = key.toUpperCase();
    if (upper === "DATA") data = { value: (values[0] ?? "").toLowerCase(), at };
    else keys.set(upper, { values, at });
  }
  if (!data) throw new PointCloudDecodeError(file, Math.min(p, bytes.length), "PCD header has no DATA line");
  const dataOffset = Math.min(p, bytes.length);
  const warnings: string[] = [];
  const need = (key: string) => {
    const entry = keys.get(key);
    if (!entry) throw new PointCloudDecodeError(file, 0, `PCD header has no ${key} line`);
    return entry;
  };
  const fieldsEntry = keys.get("FIELDS") ?? keys.get("COLUMNS");
  if (!fieldsEntry) throw new PointCloudDecodeError(file, 0, "PCD header has no FIELDS line");
  const names = fieldsEntry.values;
  const sizeEntry = need("SIZE");
  const typeEntry = need("TYPE");
  const countEntry = keys.get("COUNT") ?? { values: names.map(() => "1"), at: fieldsEntry.at };
  for (const [key, entry] of [
    ["SIZE", sizeEntry],
    ["TYPE", typeEntry],
    ["COUNT", countEntry],
  ] as const) {
    if (entry.values.length !== names.length) {
      throw new PointCloudDecodeError(
        file,
        entry.at,
        `PCD header lists ${names.length} FIELDS but ${entry.values.length} ${key} values`,
      );
    }
  }
  const fields: PcdField[] = [];
  let stride = 0;
  names.forEach((name, i) => {
    const size = Number(sizeEntry.values[i]);
    const type = (typeEntry.values[i] ?? "").toUpperCase();
    const count = Number(countEntry.values[i]);
    if (type !== "F" && type !== "I" && type !== "U") {
      throw new PointCloudDecodeError(file, typeEntry.at, `PCD field ${name} has unknown TYPE ${type}`);
    }
    const sizes = type === "F" ? [4, 8] : [1, 2, 4, 8];
    if (!sizes.includes(size)) {
      throw new PointCloudDecodeError(
        file,
        sizeEntry.at,
        `PCD field ${name} of TYPE ${type} has invalid SIZE ${sizeEntry.values[i]}`,
      );
    }
    if (!Number.isInteger(count) || count < 0 || count > 4096) {
      throw new PointCloudDecodeError(
        file,
        countEntry.at,
        `PCD field ${name} has invalid COUNT ${countEntry.values[i]}`,
      );
    }
    fields.push({ name, size, type, count, offset: stride });
    stride += size * count;
  });
  const zeroCount = fields.filter((f) => f.count === 0);
  const firstZero = zeroCount[0];
  if (firstZero) {
    const after = fields.filter((f) => f.offset >= firstZero.offset && f.name !== "_" && f.count > 0);
    warnings.push(
      `COUNT 0 declared for ${zeroCount.map((f) => f.name).join(", ")}: the header may not describe the real layout; ` +
        `fields after it (${after.map((f) => `${f.name}@${f.offset}`).join(", ") || "none"}) may be misplaced`,
    );
  }
  const integer = (key: string, fallback?: number) => {
    const entry = keys.get(key);
    if (!entry) {
      if (fallback !== undefined) return fallback;
      throw new PointCloudDecodeError(file, 0, `PCD header has no ${key} line`);
    }
    const value = Number(entry.values[0]);
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new PointCloudDecodeError(
        file,
        entry.at,
        `PCD ${key} "${entry.values[0]}" is not a non-negative integer`,
      );
    }
    return value;
  };
  const width = integer("WIDTH", keys.has("POINTS") ? undefined : 0);
  const height = integer("HEIGHT", 1);
  const points = integer("POINTS", width * height);
  if (points !== width * height) {
    warnings.push(`POINTS ${points} differs from WIDTH × HEIGHT = ${width * height}; using POINTS`);
  }
  if (points > maxPoints) {
    throw new PointCloudDecodeError(
      file,
      keys.get("POINTS")?.at ?? 0,
      `PCD declares ${points} points, more than the limit of ${maxPoints}`,
    );
  }
  const viewpointEntry = keys.get("VIEWPOINT");
  const viewpoint = viewpointEntry ? viewpointEntry.values.map(Number) : [0, 0, 0, 1, 0, 0, 0];
  if (viewpoint.length !== 7 || viewpoint.some((v) => !Number.isFinite(v))) {
    throw new PointCloudDecodeError(
      file,
      viewpointEntry?.at ?? 0,
      "PCD VIEWPOINT needs 7 finite numbers: tx ty tz qw qx qy qz",
    );
  }
  if (data.value !== "ascii" && data.value !== "binary" && data.value !== "binary_compressed") {
    throw new PointCloudDecodeError(
      file,
      data.at,
      `PCD DATA "${data.value}" is not ascii, binary or binary_compressed`,
    );
  }
  for (const axis of ["x", "y", "z"]) {
    const f = fields.find((field) => field.name === axis);
    if (!f || f.count < 1) throw new PointCloudDecodeError(file, fieldsEntry.at, `PCD has no ${axis} field`);
  }
  return {
    version: keys.get("VERSION")?.values[0] ?? "",
    fields,
    stride,
    width,
    height,
    points,
    viewpoint,
    data: data.value,
    dataOffset,
    warnings,
  };
}
