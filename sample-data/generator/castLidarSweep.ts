import type { Prng } from "./createPrng";
import type { LidarConfig } from "./LidarConfig";
import { MATERIALS } from "./materials";
import type { PosedScene } from "./poseSceneAt";
import { CURB_HEIGHT_M, groundMaterial, isRoadLevel, roadFromWorldXY } from "./roadLayout";
import { footprintRadiusM } from "./Shape";
import { yawOfQuat } from "../../core/geometry/quat";
import { must } from "../../core/model/must";

export interface LidarSweep {
  pointCount: number;
  /** x, y, z interleaved, lidar coordinates, metres. */
  positions: Float32Array;
  /** Return strength 0..1 from material reflectivity and incidence angle. */
  intensity: Float32Array;
  /** Actor index each point belongs to, or −1 for scenery and ground. */
  owner: Int32Array;
  /** Per actor: emitted returns whose nearest surface is the actor. */
  nearestRays: Int32Array;
  /** Per actor: emitted rays (within range, not dropped) that pass through the actor at all. */
  throughRays: Int32Array;
}

const SECTORS = 720;
const SECTOR_RAD = (2 * Math.PI) / SECTORS;
const KIND_BOX = 0;
const KIND_CYLINDER = 1;
const KIND_SPHERE = 2;

/**
 * Casts one instantaneous sweep against the posed scene. Every box and cylinder is a vertical
 * extrusion, so each azimuth column first solves all candidates in 2D (entry/exit horizontal
 * distance) and each beam then only clips that interval by the shape's z range: O(candidates) per
 * beam with no trigonometry. Candidates come from 0.5° azimuth sectors filled once per sweep from
 * each shape's footprint circle. The ground is analytic: road level or the raised sidewalk, with
 * the curb face found by bisection.
 */
export function castLidarSweep(
  scene: PosedScene,
  config: LidarConfig,
  actorCount: number,
  prng: Prng,
): LidarSweep {
  const pose = scene.worldFromLidar;
  const egoYaw = yawOfQuat(pose.rotation);
  const ce = Math.cos(egoYaw);
  const se = Math.sin(egoYaw);
  const ex = pose.translationM.x;
  const ey = pose.translationM.y;
  const ez = pose.translationM.z;

  // Shapes in lidar coordinates, structure of arrays.
  const n = scene.shapes.length;
  const kind = new Uint8Array(n);
  const cx = new Float64Array(n);
  const cy = new Float64Array(n);
  const z0 = new Float64Array(n);
  const z1 = new Float64Array(n);
  const cosY = new Float64Array(n);
  const sinY = new Float64Array(n);
  const hl = new Float64Array(n);
  const hw = new Float64Array(n);
  const material = new Int32Array(n);
  const owner = new Int32Array(n);
  const sectors: number[][] = Array.from({ length: SECTORS }, () => []);
  for (const [i, s] of scene.shapes.entries()) {
    const dx = s.xM - ex;
    const dy = s.yM - ey;
    const x = ce * dx + se * dy;
    const y = -se * dx + ce * dy;
    const r = footprintRadiusM(s);
    const dist = Math.hypot(x, y);
    if (dist - r > config.maxRangeM) continue;
    cx[i] = x;
    cy[i] = y;
    material[i] = s.material;
    owner[i] = s.owner;
    if (s.kind === "box") {
      kind[i] = KIND_BOX;
      z0[i] = s.zMinM - ez;
      z1[i] = s.zMaxM - ez;
      cosY[i] = Math.cos(s.yawRad - egoYaw);
      sinY[i] = Math.sin(s.yawRad - egoYaw);
      hl[i] = s.halfLengthM;
      hw[i] = s.halfWidthM;
    } else if (s.kind === "cylinder") {
      kind[i] = KIND_CYLINDER;
      z0[i] = s.zMinM - ez;
      z1[i] = s.zMaxM - ez;
      hl[i] = s.radiusM;
    } else {
      kind[i] = KIND_SPHERE;
      z0[i] = s.zM - ez;
      hl[i] = s.radiusM;
    }
    if (dist <= r + 0.01) {
      for (const sector of sectors) sector.push(i);
      continue;
    }
    const half = Math.asin(Math.min(1, r / dist));
    const mid = Math.atan2(y, x);
    const first = Math.floor((mid - half) / SECTOR_RAD);
    const last = Math.floor((mid + half) / SECTOR_RAD);
    for (let k = first; k <= last; k++) sectors[((k % SECTORS) + SECTORS) % SECTORS]?.push(i);
  }

  const columns = Math.round(360 / config.azimuthStepDeg);
  const beams = config.beams;
  const tanE = new Float64Array(beams);
  const cosE = new Float64Array(beams);
  const sinE = new Float64Array(beams);
  for (let b = 0; b < beams; b++) {
    const deg =
      beams === 1
        ? config.elevationMaxDeg
        : config.elevationMaxDeg - ((config.elevationMaxDeg - config.elevationMinDeg) * b) / (beams - 1);
    const rad = (deg * Math.PI) / 180;
    tanE[b] = Math.tan(rad);
    cosE[b] = Math.cos(rad);
    sinE[b] = Math.sin(rad);
  }

  const maxPoints = columns * beams;
  const positions = new Float32Array(maxPoints * 3);
  const intensity = new Float32Array(maxPoints);
  const pointOwner = new Int32Array(maxPoints);
  const nearestRays = new Int32Array(actorCount);
  const throughRays = new Int32Array(actorCount);
  const stamp = new Int32Array(actorCount).fill(-1);
  const rayActors: number[] = [];

  // Per-column candidate buffers.
  const candIdx = new Int32Array(n);
  const candIn = new Float64Array(n);
  const candOut = new Float64Array(n);
  const candNx = new Float64Array(n);
  const candNy = new Float64Array(n);

  const roadZ = -ez;
  const raisedZ = CURB_HEIGHT_M - ez;
  const isRoadAt = (lx: number, ly: number): boolean => {
    const r = roadFromWorldXY(ex + ce * lx - se * ly, ey + se * lx + ce * ly);
    return isRoadLevel(r.sM, r.dM);
  };
  const materialAt = (lx: number, ly: number): number => {
    const r = roadFromWorldXY(ex + ce * lx - se * ly, ey + se * lx + ce * ly);
    return groundMaterial(r.sM, r.dM);
  };

  let count = 0;
  let rayId = 0;
  for (let col = 0; col < columns; col++) {
    const az = (col * config.azimuthStepDeg * Math.PI) / 180;
    const ca = Math.cos(az);
    const sa = Math.sin(az);
    const list = sectors[Math.min(SECTORS - 1, Math.floor(az / SECTOR_RAD))] ?? [];
    let nc = 0;
    for (const i of list) {
      const k = kind[i] ?? NaN;
      if (k === KIND_BOX) {
        const c = cosY[i] ?? NaN;
        const s = sinY[i] ?? NaN;
        const ox = -(c * (cx[i] ?? NaN) + s * (cy[i] ?? NaN));
        const oy = -(-s * (cx[i] ?? NaN) + c * (cy[i] ?? NaN));
        const dx = c * ca + s * sa;
        const dy = -s * ca + c * sa;
        let tIn = -Infinity;
        let tOut = Infinity;
        let nlx = 0;
        let nly = 0;
        if (Math.abs(dx) < 1e-12) {
          if (Math.abs(ox) > (hl[i] ?? NaN)) continue;
        } else {
          let a = (-(hl[i] ?? NaN) - ox) / dx;
          let b = ((hl[i] ?? NaN) - ox) / dx;
          if (a > b) [a, b] = [b, a];
          if (a > tIn) {
            tIn = a;
            nlx = dx > 0 ? -1 : 1;
            nly = 0;
          }
          tOut = Math.min(tOut, b);
        }
        if (Math.abs(dy) < 1e-12) {
          if (Math.abs(oy) > (hw[i] ?? NaN)) continue;
        } else {
          let a = (-(hw[i] ?? NaN) - oy) / dy;
          let b = ((hw[i] ?? NaN) - oy) / dy;
          if (a > b) [a, b] = [b, a];
          if (a > tIn) {
            tIn = a;
            nlx = 0;
            nly = dy > 0 ? -1 : 1;
          }
          tOut = Math.min(tOut, b);
        }
        if (tIn > tOut || tIn <= 0) continue;
        candIdx[nc] = i;
        candIn[nc] = tIn;
        candOut[nc] = tOut;
        candNx[nc] = c * nlx - s * nly;
        candNy[nc] = s * nlx + c * nly;
        nc++;
      } else if (k === KIND_CYLINDER) {
        const b = ca * (cx[i] ?? NaN) + sa * (cy[i] ?? NaN);
        const disc =
          b * b -
          ((cx[i] ?? NaN) * (cx[i] ?? NaN) +
            (cy[i] ?? NaN) * (cy[i] ?? NaN) -
            (hl[i] ?? NaN) * (hl[i] ?? NaN));
        if (disc < 0) continue;
        const root = Math.sqrt(disc);
        const tIn = b - root;
        if (tIn <= 0) continue;
        candIdx[nc] = i;
        candIn[nc] = tIn;
        candOut[nc] = b + root;
        candNx[nc] = (tIn * ca - (cx[i] ?? NaN)) / (hl[i] ?? NaN);
        candNy[nc] = (tIn * sa - (cy[i] ?? NaN)) / (hl[i] ?? NaN);
        nc++;
      } else {
        const b = ca * (cx[i] ?? NaN) + sa * (cy[i] ?? NaN);
        const perp2 = (cx[i] ?? NaN) * (cx[i] ?? NaN) + (cy[i] ?? NaN) * (cy[i] ?? NaN) - b * b;
        if (perp2 > (hl[i] ?? NaN) * (hl[i] ?? NaN) || b <= 0) continue;
        candIdx[nc] = i;
        nc++;
      }
    }

    for (let beam = 0; beam < beams; beam++, rayId++) {
      const te = tanE[beam] ?? NaN;
      const co = cosE[beam] ?? NaN;
      const si = sinE[beam] ?? NaN;
      const maxH = config.maxRangeM * co;
      let bestH = Infinity;
      let bestMat = -1;
      let bestOwner = -1;
      let nx = 0;
      let ny = 0;
      let nz = 0;
      rayActors.length = 0;
      for (let c = 0; c < nc; c++) {
        const i = candIdx[c] ?? NaN;
        let h: number;
        let hx = 0;
        let hy = 0;
        let hz = 0;
        if (kind[i] === KIND_SPHERE) {
          const pz = z0[i] ?? NaN;
          const bb = co * (ca * (cx[i] ?? NaN) + sa * (cy[i] ?? NaN)) + si * pz;
          const disc =
            bb * bb -
            ((cx[i] ?? NaN) * (cx[i] ?? NaN) +
              (cy[i] ?? NaN) * (cy[i] ?? NaN) +
              pz * pz -
              (hl[i] ?? NaN) * (hl[i] ?? NaN));
          if (disc < 0) continue;
          const t = bb - Math.sqrt(disc);
          if (t <= 0) continue;
          h = t * co;
          hx = (t * co * ca - (cx[i] ?? NaN)) / (hl[i] ?? NaN);
          hy = (t * co * sa - (cy[i] ?? NaN)) / (hl[i] ?? NaN);
          hz = (t * si - pz) / (hl[i] ?? NaN);
        } else {
          let lo: number;
          let hi: number;
          if (te > 1e-12) {
            lo = (z0[i] ?? NaN) / te;
            hi = (z1[i] ?? NaN) / te;
          } else if (te < -1e-12) {
            lo = (z1[i] ?? NaN) / te;
            hi = (z0[i] ?? NaN) / te;
          } else if ((z0[i] ?? NaN) <= 0 && (z1[i] ?? NaN) >= 0) {
            lo = -Infinity;
            hi = Infinity;
          } else continue;
          const hIn = candIn[c] ?? NaN;
          const h0 = hIn > lo ? hIn : lo;
          const h1 = (candOut[c] ?? NaN) < hi ? (candOut[c] ?? NaN) : hi;
          if (h0 > h1 || h0 <= 0) continue;
          h = h0;
          if (h0 === hIn) {
            hx = candNx[c] ?? NaN;
            hy = candNy[c] ?? NaN;
          } else hz = te < 0 ? 1 : -1;
        }
        if (h > maxH) continue;
        const o = owner[i] ?? NaN;
        if (o >= 0 && stamp[o] !== rayId) {
          stamp[o] = rayId;
          rayActors.push(o);
        }
        if (h < bestH) {
          bestH = h;
          bestMat = material[i] ?? NaN;
          bestOwner = o;
          nx = hx;
          ny = hy;
          nz = hz;
        }
      }
      if (si < 0) {
        // Ground: the raised level first (it is met first going down), then road level, else the curb face.
        let tG = raisedZ / si;
        let gx = tG * co * ca;
        let gy = tG * co * sa;
        let gnx = 0;
        let gny = 0;
        let gnz = 1;
        if (tG * co < bestH && isRoadAt(gx, gy)) {
          const tRoad = roadZ / si;
          const rx = tRoad * co * ca;
          const ry = tRoad * co * sa;
          if (isRoadAt(rx, ry)) {
            tG = tRoad;
          } else {
            let a = tG;
            let b = tRoad;
            for (let it = 0; it < 14; it++) {
              const m = (a + b) / 2;
              if (isRoadAt(m * co * ca, m * co * sa)) a = m;
              else b = m;
            }
            tG = b;
            gnx = -ca;
            gny = -sa;
            gnz = 0;
          }
          gx = tG * co * ca;
          gy = tG * co * sa;
        }
        const hG = tG * co;
        if (hG < bestH && hG <= maxH) {
          bestH = hG;
          bestMat = materialAt(gx, gy);
          bestOwner = -1;
          nx = gnx;
          ny = gny;
          nz = gnz;
        }
      }
      if (bestMat < 0) continue;
      const range = bestH / co;
      const cosInc = Math.abs(nx * co * ca + ny * co * sa + nz * si);
      const reflect = must(MATERIALS[bestMat], "material").reflectivity;
      const drop =
        config.dropoutProbability + 0.08 * (range / config.maxRangeM) ** 2 + (reflect < 0.1 ? 0.03 : 0);
      if (prng.next() < drop) continue;
      for (const o of rayActors) throughRays[o] = (throughRays[o] ?? 0) + 1;
      if (bestOwner >= 0) nearestRays[bestOwner] = (nearestRays[bestOwner] ?? 0) + 1;
      const sigma = config.rangeNoiseSigmaM;
      const noise = Math.max(-3 * sigma, Math.min(3 * sigma, sigma * prng.normal()));
      const r = range + noise;
      positions[count * 3] = r * co * ca;
      positions[count * 3 + 1] = r * co * sa;
      positions[count * 3 + 2] = r * si;
      const value = reflect * (0.25 + 0.75 * cosInc) * (1 + 0.05 * (prng.next() - 0.5));
      intensity[count] = Math.min(1, Math.max(0, value));
      pointOwner[count] = bestOwner;
      count++;
    }
  }
  return {
    pointCount: count,
    positions: positions.slice(0, count * 3),
    intensity: intensity.slice(0, count),
    owner: pointOwner.slice(0, count),
    nearestRays,
    throughRays,
  };
}
