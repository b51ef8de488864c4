import { composePoses, invertPose, type Pose3, transformPoint } from "../../core/geometry/pose";
import { quatRotate } from "../../core/geometry/quat";
import type { Vec3 } from "../../core/geometry/vec3";
import type { CameraSensor } from "../../core/model/CameraSensor";
import type { IdealCanvas, LensRemap } from "./createCameraLens";
import { MATERIALS } from "./materials";
import type { PosedScene } from "./poseSceneAt";
import { CURB_HEIGHT_M, groundMaterial, isRoadLevel, roadFromWorldXY } from "./roadLayout";
import type { Shape } from "./Shape";
import { must } from "../../core/model/must";

/** One rendered pinhole view: colour, and for each pixel the actor index + 1 (0 = scenery, ground, sky). */
export interface IdealView {
  canvas: IdealCanvas;
  rgb: Uint8ClampedArray;
  actorIds: Uint16Array;
}

const SUN: Vec3 = (() => {
  const v = { x: 0.45, y: -0.35, z: 0.82 };
  const n = Math.hypot(v.x, v.y, v.z);
  return { x: v.x / n, y: v.y / n, z: v.z / n };
})();
const NEAR_M = 0.05;
const HAZE_M = 450;
const HORIZON_RGB = [205, 218, 232] as const;
const ZENITH_RGB = [92, 140, 206] as const;
const CYLINDER_SIDES = 14;
const SPHERE_RINGS = 8;
const SPHERE_SEGMENTS = 14;

interface Raster {
  canvas: IdealCanvas;
  rgb: Uint8ClampedArray;
  ids: Uint16Array;
  invDepth: Float32Array;
}

function shadeRgb(material: number, normalWorld: Vec3, depthM: number): [number, number, number] {
  const base = must(MATERIALS[material], "material").rgb;
  const light =
    0.42 + 0.58 * Math.max(0, normalWorld.x * SUN.x + normalWorld.y * SUN.y + normalWorld.z * SUN.z);
  const haze = 1 - Math.exp(-depthM / HAZE_M);
  return [
    base[0] * light * (1 - haze) + HORIZON_RGB[0] * haze,
    base[1] * light * (1 - haze) + HORIZON_RGB[1] * haze,
    base[2] * light * (1 - haze) + HORIZON_RGB[2] * haze,
  ];
}

/** Fills one convex polygon (camera coordinates, already near-clipped) with a flat colour and depth test. */
function fillPolygon(r: Raster, pts: Vec3[], rgb: [number, number, number], id: number): void {
  const c = r.canvas;
  const u: number[] = [];
  const v: number[] = [];
  const iz: number[] = [];
  for (const p of pts) {
    u.push((c.fxPx * p.x) / p.z + c.cxPx);
    v.push((c.fyPx * p.y) / p.z + c.cyPx);
    iz.push(1 / p.z);
  }
  for (let k = 1; k + 1 < pts.length; k++) {
    const ax = u[0] ?? NaN;
    const ay = v[0] ?? NaN;
    const bx = u[k] ?? NaN;
    const by = v[k] ?? NaN;
    const cx = u[k + 1] ?? NaN;
    const cy = v[k + 1] ?? NaN;
    const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
    if (Math.abs(area) < 1e-9) continue;
    const x0 = Math.max(0, Math.floor(Math.min(ax, bx, cx)));
    const x1 = Math.min(c.widthPx - 1, Math.ceil(Math.max(ax, bx, cx)));
    const y0 = Math.max(0, Math.floor(Math.min(ay, by, cy)));
    const y1 = Math.min(c.heightPx - 1, Math.ceil(Math.max(ay, by, cy)));
    const inv = 1 / area;
    const za = iz[0] ?? NaN;
    const zb = iz[k] ?? NaN;
    const zc = iz[k + 1] ?? NaN;
    for (let y = y0; y <= y1; y++) {
      const py = y + 0.5;
      for (let x = x0; x <= x1; x++) {
        const px = x + 0.5;
        const w0 = ((bx - px) * (cy - py) - (by - py) * (cx - px)) * inv;
        const w1 = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) * inv;
        const w2 = 1 - w0 - w1;
        if (w0 < 0 || w1 < 0 || w2 < 0) continue;
        const d = w0 * za + w1 * zb + w2 * zc;
        const p = y * c.widthPx + x;
        if (d <= (r.invDepth[p] ?? NaN)) continue;
        r.invDepth[p] = d;
        r.ids[p] = id;
        r.rgb[p * 3] = rgb[0];
        r.rgb[p * 3 + 1] = rgb[1];
        r.rgb[p * 3 + 2] = rgb[2];
      }
    }
  }
}

/** Sutherland–Hodgman against the near plane z = NEAR_M. */
function clipNear(pts: Vec3[]): Vec3[] {
  const out: Vec3[] = [];
  for (const [i, a] of pts.entries()) {
    const b = must(pts[(i + 1) % pts.length], "the next vertex");
    const ain = a.z >= NEAR_M;
    const bin = b.z >= NEAR_M;
    if (ain) out.push(a);
    if (ain !== bin) {
      const t = (NEAR_M - a.z) / (b.z - a.z);
      out.push({ x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y), z: NEAR_M });
    }
  }
  return out;
}

/** A shape's faces as world-space polygons with outward normals. */
function shapeFaces(s: Shape): { pts: Vec3[]; normal: Vec3 }[] {
  const faces: { pts: Vec3[]; normal: Vec3 }[] = [];
  if (s.kind === "box") {
    const c = Math.cos(s.yawRad);
    const n = Math.sin(s.yawRad);
    const corner = (lx: number, ly: number, z: number): Vec3 => ({
      x: s.xM + c * lx * s.halfLengthM - n * ly * s.halfWidthM,
      y: s.yM + n * lx * s.halfLengthM + c * ly * s.halfWidthM,
      z,
    });
    const ring = [
      [1, 1],
      [-1, 1],
      [-1, -1],
      [1, -1],
    ] as const;
    for (const [k, [ax, ay]] of ring.entries()) {
      const [bx, by] = ring[(k + 1) % 4] ?? ring[0];
      const mx = (ax + bx) / 2;
      const my = (ay + by) / 2;
      faces.push({
        pts: [
          corner(ax, ay, s.zMinM),
          corner(bx, by, s.zMinM),
          corner(bx, by, s.zMaxM),
          corner(ax, ay, s.zMaxM),
        ],
        normal: { x: c * mx - n * my, y: n * mx + c * my, z: 0 },
      });
    }
    faces.push({ pts: ring.map(([x, y]) => corner(x, y, s.zMaxM)), normal: { x: 0, y: 0, z: 1 } });
    faces.push({ pts: ring.map(([x, y]) => corner(x, y, s.zMinM)), normal: { x: 0, y: 0, z: -1 } });
  } else if (s.kind === "cylinder") {
    const rim = (z: number) =>
      Array.from({ length: CYLINDER_SIDES }, (_, k) => {
        const a = (2 * Math.PI * k) / CYLINDER_SIDES;
        return { x: s.xM + s.radiusM * Math.cos(a), y: s.yM + s.radiusM * Math.sin(a), z };
      });
    const lo = rim(s.zMinM);
    const hi = rim(s.zMaxM);
    for (let k = 0; k < CYLINDER_SIDES; k++) {
      const k1 = (k + 1) % CYLINDER_SIDES;
      const a = (2 * Math.PI * (k + 0.5)) / CYLINDER_SIDES;
      faces.push({
        pts: [must(lo[k], "vertex"), must(lo[k1], "vertex"), must(hi[k1], "vertex"), must(hi[k], "vertex")],
        normal: { x: Math.cos(a), y: Math.sin(a), z: 0 },
      });
    }
    faces.push({ pts: hi, normal: { x: 0, y: 0, z: 1 } });
  } else {
    const at = (ring: number, seg: number): Vec3 => {
      const phi = (Math.PI * ring) / SPHERE_RINGS - Math.PI / 2;
      const th = (2 * Math.PI * seg) / SPHERE_SEGMENTS;
      return {
        x: s.xM + s.radiusM * Math.cos(phi) * Math.cos(th),
        y: s.yM + s.radiusM * Math.cos(phi) * Math.sin(th),
        z: s.zM + s.radiusM * Math.sin(phi),
      };
    };
    for (let i = 0; i < SPHERE_RINGS; i++) {
      for (let j = 0; j < SPHERE_SEGMENTS; j++) {
        const phi = (Math.PI * (i + 0.5)) / SPHERE_RINGS - Math.PI / 2;
        const th = (2 * Math.PI * (j + 0.5)) / SPHERE_SEGMENTS;
        faces.push({
          pts: [at(i, j), at(i, j + 1), at(i + 1, j + 1), at(i + 1, j)],
          normal: { x: Math.cos(phi) * Math.cos(th), y: Math.cos(phi) * Math.sin(th), z: Math.sin(phi) },
        });
      }
    }
  }
  return faces;
}

const boundingRadiusM = (s: Shape): number =>
  s.kind === "sphere"
    ? s.radiusM
    : Math.hypot(
        s.kind === "box" ? Math.hypot(s.halfLengthM, s.halfWidthM) : s.radiusM,
        (s.zMaxM - s.zMinM) / 2,
      );
const shapeCentre = (s: Shape): Vec3 =>
  s.kind === "sphere" ? { x: s.xM, y: s.yM, z: s.zM } : { x: s.xM, y: s.yM, z: (s.zMinM + s.zMaxM) / 2 };

/**
 * Renders the posed scene through an ideal pinhole camera: flat-shaded shapes with a depth buffer,
 * then analytic ground (road level, raised sidewalk, curb faces, painted markings) and a sky
 * gradient in the pixels no shape covered.
 */
export function rasterizeView(scene: PosedScene, camera: CameraSensor, canvas: IdealCanvas): IdealView {
  const n = canvas.widthPx * canvas.heightPx;
  const r: Raster = {
    canvas,
    rgb: new Uint8ClampedArray(n * 3),
    ids: new Uint16Array(n),
    invDepth: new Float32Array(n),
  };
  const cameraFromWorld: Pose3 = composePoses(camera.cameraFromLidar, invertPose(scene.worldFromLidar));
  const worldFromCamera = invertPose(cameraFromWorld);
  const camPos = worldFromCamera.translationM;
  const maxTanX = Math.max(canvas.cxPx, canvas.widthPx - canvas.cxPx) / canvas.fxPx;
  const maxTanY = Math.max(canvas.cyPx, canvas.heightPx - canvas.cyPx) / canvas.fyPx;

  for (const s of scene.shapes) {
    const rad = boundingRadiusM(s);
    const cc = transformPoint(cameraFromWorld, shapeCentre(s));
    if (cc.z + rad < NEAR_M || cc.z - rad > 300) continue;
    if (Math.abs(cc.x) - rad > (cc.z + rad) * maxTanX || Math.abs(cc.y) - rad > (cc.z + rad) * maxTanY)
      continue;
    for (const f of shapeFaces(s)) {
      const p0 = f.pts[0];
      if (!p0) continue;
      const toCam = { x: camPos.x - p0.x, y: camPos.y - p0.y, z: camPos.z - p0.z };
      if (toCam.x * f.normal.x + toCam.y * f.normal.y + toCam.z * f.normal.z <= 0) continue;
      const clipped = clipNear(f.pts.map((p) => transformPoint(cameraFromWorld, p)));
      if (clipped.length < 3) continue;
      const depth = Math.hypot(cc.x, cc.y, cc.z);
      fillPolygon(r, clipped, shadeRgb(s.material, f.normal, depth), s.owner + 1);
    }
  }

  // Ground and sky where no shape was drawn.
  const ax = quatRotate(worldFromCamera.rotation, { x: 1, y: 0, z: 0 });
  const ay = quatRotate(worldFromCamera.rotation, { x: 0, y: 1, z: 0 });
  const az = quatRotate(worldFromCamera.rotation, { x: 0, y: 0, z: 1 });
  const flatLight = 0.42 + 0.58 * SUN.z;
  for (let y = 0; y < canvas.heightPx; y++) {
    const b = (y + 0.5 - canvas.cyPx) / canvas.fyPx;
    for (let x = 0; x < canvas.widthPx; x++) {
      const p = y * canvas.widthPx + x;
      if ((r.invDepth[p] ?? NaN) > 0) continue;
      const a = (x + 0.5 - canvas.cxPx) / canvas.fxPx;
      const dx = a * ax.x + b * ay.x + az.x;
      const dy = a * ax.y + b * ay.y + az.y;
      const dz = a * ax.z + b * ay.z + az.z;
      let out0: number;
      let out1: number;
      let out2: number;
      if (dz < -1e-6) {
        // t is the camera depth (the ray's camera z is 1), so haze uses t scaled by the ray length.
        let t = (CURB_HEIGHT_M - camPos.z) / dz;
        let road = roadFromWorldXY(camPos.x + t * dx, camPos.y + t * dy);
        let light = flatLight;
        let mat: number;
        if (isRoadLevel(road.sM, road.dM)) {
          const t0 = -camPos.z / dz;
          const low = roadFromWorldXY(camPos.x + t0 * dx, camPos.y + t0 * dy);
          if (isRoadLevel(low.sM, low.dM)) {
            t = t0;
            road = low;
            mat = groundMaterial(road.sM, road.dM);
          } else {
            mat = groundMaterial(road.sM, Math.sign(road.dM) * 9.6);
            light = 0.42 + 0.2;
          }
        } else mat = groundMaterial(road.sM, road.dM);
        const base = must(MATERIALS[mat], "material").rgb;
        const haze = 1 - Math.exp(-(t * Math.hypot(dx, dy, dz)) / HAZE_M);
        out0 = base[0] * light * (1 - haze) + HORIZON_RGB[0] * haze;
        out1 = base[1] * light * (1 - haze) + HORIZON_RGB[1] * haze;
        out2 = base[2] * light * (1 - haze) + HORIZON_RGB[2] * haze;
      } else {
        const e = Math.min(1, Math.max(0, dz / Math.hypot(dx, dy, dz)) * 2.5);
        out0 = HORIZON_RGB[0] + (ZENITH_RGB[0] - HORIZON_RGB[0]) * e;
        out1 = HORIZON_RGB[1] + (ZENITH_RGB[1] - HORIZON_RGB[1]) * e;
        out2 = HORIZON_RGB[2] + (ZENITH_RGB[2] - HORIZON_RGB[2]) * e;
      }
      r.rgb[p * 3] = out0;
      r.rgb[p * 3 + 1] = out1;
      r.rgb[p * 3 + 2] = out2;
    }
  }
  return { canvas, rgb: r.rgb, actorIds: r.ids };
}

/** Output image (RGBA, as jpeg-js takes it) and per-pixel actor ids through a lens remap. */
export function remapView(view: IdealView, remap: LensRemap): { rgba: Uint8Array; actorIds: Uint16Array } {
  const n = remap.widthPx * remap.heightPx;
  const rgba = new Uint8Array(n * 4);
  const actorIds = new Uint16Array(n);
  for (let p = 0; p < n; p++) {
    const s = remap.sourceIndex[p] ?? NaN;
    rgba[p * 4] = view.rgb[s * 3] ?? NaN;
    rgba[p * 4 + 1] = view.rgb[s * 3 + 1] ?? NaN;
    rgba[p * 4 + 2] = view.rgb[s * 3 + 2] ?? NaN;
    rgba[p * 4 + 3] = 255;
    actorIds[p] = view.actorIds[s] ?? NaN;
  }
  return { rgba, actorIds };
}
