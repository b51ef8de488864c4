import type { PointCloud } from "../../core/pointcloud/PointCloud";
import { chooseOrigin, REBASE_BEYOND_M } from "./chooseOrigin";
import { computeBounds } from "./computeBounds";
import type { Allocate, AttributeSpec, RecordLayout } from "./decodeRecords";
import { indexOf, type PartialDecode, type Region, viewable } from "./recordRegion";
import { copyFloat32Points } from "./wasm/copyFloat32Points";

/**
 * float32 x, y, z (lidar PCD, KITTI, nuScenes) and at most one float32 attribute fused into the same
 * pass (`fused`, else every attribute is decoded by the caller), or undefined when this path cannot
 * read the layout (the caller then takes the generic one).
 *
 * The pass runs in WebAssembly (copyFloat32Points) where it can, else in the JavaScript loop
 * below over an aligned view (`regionOf` copies misaligned input once). Finiteness is checked
 * without a branch; only a cloud that holds non-finite points pays for a second, filtering pass.
 * Measured (2M-point binary PCD into pooled arrays, node 20, same process, loaded machine):
 * WebAssembly min ~4.9 ms, the JS loop ~11.5 ms.
 */
export function decodeFloat32Records(
  bytes: Uint8Array,
  regionOf: () => Region,
  n: number,
  layout: RecordLayout,
  fusedCandidate: AttributeSpec | undefined,
  alloc: Allocate,
): (PartialDecode & { fused: AttributeSpec | undefined }) | undefined {
  const { x, y, z } = layout;
  const positions = alloc("f32", n * 3) as Float32Array;
  let fused = fusedCandidate;
  let fusedOut = (fused ? alloc("f32", n) : new Float32Array(1)) as Float32Array;
  let allFinite = copyFloat32Points(
    bytes,
    n,
    { x, y, z, attribute: fused?.sources[0] },
    positions,
    fused ? fusedOut : undefined,
  );
  let region: Region | undefined;
  if (allFinite === undefined) {
    region = regionOf();
    if (!viewable(region, x) || !viewable(region, y) || !viewable(region, z)) return undefined;
    const fusedFirst = fused?.sources[0];
    if (fused && !(fusedFirst && viewable(region, fusedFirst))) {
      fused = undefined;
      fusedOut = new Float32Array(1);
    }
    allFinite = copyFloat32Js(region, n, layout, fused, positions, fusedOut);
  }
  const fusedSource = fused?.sources[0];
  const fm = fusedSource ? 1 : 0;
  let k = n;
  let kept: Uint32Array | undefined;
  if (!allFinite) {
    region ??= regionOf();
    if (!viewable(region, x) || !viewable(region, y) || !viewable(region, z)) return undefined;
    kept = new Uint32Array(n);
    const f = new Float32Array(region.buffer, 0, region.buffer.byteLength >> 2);
    const [jx, jy, jz] = [indexOf(region, x), indexOf(region, y), indexOf(region, z)];
    const ja = fusedSource ? indexOf(region, fusedSource) : 0;
    const sa = fusedSource ? fusedSource.step >> 2 : 0;
    k = filterFloat32(
      f,
      n,
      positions,
      fusedOut,
      fm,
      kept,
      jx,
      x.step >> 2,
      jy,
      y.step >> 2,
      jz,
      z.step >> 2,
      ja,
      sa,
    );
    kept = kept.subarray(0, k);
  }
  const pos = k === n ? positions : positions.subarray(0, k * 3);
  // float32 sources gain no precision from rebasing (their values are already float32), so a
  // sample decides whether the cloud is far away; only then is the exact bounds pass paid for.
  const origin =
    sampledReach(pos) > REBASE_BEYOND_M / 2 ? chooseOrigin(computeBounds(pos)) : { x: 0, y: 0, z: 0 };
  if (origin.x !== 0 || origin.y !== 0 || origin.z !== 0) {
    for (let i = 0; i < pos.length; i += 3) {
      pos[i] = (pos[i] ?? NaN) - origin.x;
      pos[i + 1] = (pos[i + 1] ?? NaN) - origin.y;
      pos[i + 2] = (pos[i + 2] ?? NaN) - origin.z;
    }
  }
  const attributes: PointCloud["attributes"] = {};
  if (fused) attributes[fused.name] = { values: k === n ? fusedOut : fusedOut.subarray(0, k), components: 1 };
  return { cloud: { pointCount: k, positions: pos, originM: origin, attributes }, kept, fused };
}

/**
 * Largest |coordinate| over at most ~512 evenly spaced points (and the last). In a large cloud each
 * sample is a cache and TLB miss (the positions were just streamed past the cache): sampling every
 * 61st point of 2M cost ~1.5 ms, 8% of the whole decode; every 500th still ~1 ms. Missing a far
 * outlier only leaves the cloud unrebased, which loses nothing: its values are float32 already.
 */
function sampledReach(pos: Float32Array): number {
  let reach = 0;
  const step = Math.max(1, Math.floor(pos.length / 3 / 512)) * 3;
  for (let i = 0; i < pos.length; i += step) {
    reach = Math.max(
      reach,
      Math.abs(pos[i] ?? NaN),
      Math.abs(pos[i + 1] ?? NaN),
      Math.abs(pos[i + 2] ?? NaN),
    );
  }
  const last = pos.length - 3;
  if (last >= 0)
    reach = Math.max(
      reach,
      Math.abs(pos[last] ?? NaN),
      Math.abs(pos[last + 1] ?? NaN),
      Math.abs(pos[last + 2] ?? NaN),
    );
  return reach;
}

/** The JavaScript pass (no WebAssembly): word loops over an aligned view of the region. */
function copyFloat32Js(
  region: Region,
  n: number,
  layout: RecordLayout,
  fused: AttributeSpec | undefined,
  positions: Float32Array,
  fusedOut: Float32Array,
): boolean {
  const { x, y, z } = layout;
  const jx = indexOf(region, x);
  const jy = indexOf(region, y);
  const jz = indexOf(region, z);
  const sx = x.step >> 2;
  const sy = y.step >> 2;
  const sz = z.step >> 2;
  const fusedSource = fused?.sources[0];
  // Without a fused attribute every value lands in fusedOut[0] (fm = 0): no branch in the loop.
  const ja = fusedSource ? indexOf(region, fusedSource) : 0;
  const sa = fusedSource ? fusedSource.step >> 2 : 0;
  const fm = fusedSource ? 1 : 0;
  const words = new Int32Array(region.buffer, 0, region.buffer.byteLength >> 2);
  const positionWords = new Int32Array(positions.buffer, positions.byteOffset, positions.length);
  const fusedWords = new Int32Array(fusedOut.buffer, fusedOut.byteOffset, fusedOut.length);
  return copyFloat32Bits(words, n, positionWords, fusedWords, fm, jx, sx, jy, sy, jz, sz, ja, sa);
}

/**
 * The JavaScript loop (the WebAssembly kernels do this pass where they can): copies x,y,z (+ one float32 attribute) as raw 32-bit words, which is ~1.5×
 * faster than going through float registers, and flags non-finite values without a branch: a
 * float32 is NaN or ±Infinity exactly when its 8 exponent bits are all ones, and adding one to
 * that field then carries into bit 31. Returns false if any x, y or z is not finite.
 */
function copyFloat32Bits(
  f: Int32Array,
  n: number,
  positions: Int32Array,
  fusedOut: Int32Array,
  fm: number,
  jx: number,
  sx: number,
  jy: number,
  sy: number,
  jz: number,
  sz: number,
  ja: number,
  sa: number,
): boolean {
  let flags = 0;
  for (let i = 0, o = 0; i < n; i++, o += 3) {
    const px = f[jx] ?? NaN;
    const py = f[jy] ?? NaN;
    const pz = f[jz] ?? NaN;
    fusedOut[i * fm] = f[ja] ?? NaN;
    jx += sx;
    jy += sy;
    jz += sz;
    ja += sa;
    positions[o] = px;
    positions[o + 1] = py;
    positions[o + 2] = pz;
    flags |=
      ((px & 0x7f800000) + 0x00800000) | ((py & 0x7f800000) + 0x00800000) | ((pz & 0x7f800000) + 0x00800000);
  }
  return (flags & 0x80000000) === 0;
}

function filterFloat32(
  f: Float32Array,
  n: number,
  positions: Float32Array,
  fusedOut: Float32Array,
  fm: number,
  kept: Uint32Array,
  jx: number,
  sx: number,
  jy: number,
  sy: number,
  jz: number,
  sz: number,
  ja: number,
  sa: number,
): number {
  let k = 0;
  for (let i = 0; i < n; i++) {
    const px = f[jx] ?? NaN;
    const py = f[jy] ?? NaN;
    const pz = f[jz] ?? NaN;
    const a = f[ja] ?? NaN;
    jx += sx;
    jy += sy;
    jz += sz;
    ja += sa;
    if (px - px !== 0 || py - py !== 0 || pz - pz !== 0) continue;
    kept[k] = i;
    positions[k * 3] = px;
    positions[k * 3 + 1] = py;
    positions[k * 3 + 2] = pz;
    fusedOut[k * fm] = a;
    k++;
  }
  return k;
}
