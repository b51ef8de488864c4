import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { chooseOrigin } from "./chooseOrigin";
import { boundsOf } from "./computeBounds";
import { decodeAttribute, scalarReader } from "./decodeAttribute";
import type { Allocate, CoordinateSource, DecodedRecords, RecordLayout } from "./decodeRecords";

/** Any layout, any endianness, through DataView reads: the slow path for big-endian or odd layouts. */
export function decodeGenericRecords(
  bytes: Uint8Array,
  n: number,
  layout: RecordLayout,
  alloc: Allocate,
): DecodedRecords {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = layout.littleEndian;
  const rx = coordinateReader(view, layout.x, le);
  const ry = coordinateReader(view, layout.y, le);
  const rz = coordinateReader(view, layout.z, le);
  let kept: Uint32Array | undefined;
  let minX = Infinity;
  let minY = Infinity;
  let minZ = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let maxZ = -Infinity;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const px = rx(i);
    const py = ry(i);
    const pz = rz(i);
    if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) {
      if (!kept) {
        kept = new Uint32Array(n);
        for (let t = 0; t < k; t++) kept[t] = t;
      }
      continue;
    }
    if (kept) kept[k] = i;
    if (px < minX) minX = px;
    if (px > maxX) maxX = px;
    if (py < minY) minY = py;
    if (py > maxY) maxY = py;
    if (pz < minZ) minZ = pz;
    if (pz > maxZ) maxZ = pz;
    k++;
  }
  const rawBounds = boundsOf(k, minX, minY, minZ, maxX, maxY, maxZ);
  const origin = chooseOrigin(rawBounds);
  const positions = alloc("f32", k * 3) as Float32Array;
  const keptIndex = kept?.subarray(0, k);
  for (let t = 0; t < k; t++) {
    const i = keptIndex ? (keptIndex[t] ?? NaN) : t;
    positions[t * 3] = rx(i) - origin.x;
    positions[t * 3 + 1] = ry(i) - origin.y;
    positions[t * 3 + 2] = rz(i) - origin.z;
  }
  const attributes: PointCloud["attributes"] = {};
  for (const spec of layout.attributes) {
    attributes[spec.name] = decodeAttribute(view, undefined, spec, k, keptIndex, alloc, le);
  }
  return {
    cloud: { pointCount: k, positions, originM: origin, attributes },
  };
}

function coordinateReader(view: DataView, s: CoordinateSource, le: boolean): (i: number) => number {
  const read = scalarReader(view, s, le);
  const { base, step } = s;
  const scale = s.scale ?? 1;
  const add = s.add ?? 0;
  if (scale === 1 && add === 0) return (i) => read(base + i * step);
  return (i) => read(base + i * step) * scale + add;
}
