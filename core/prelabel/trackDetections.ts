import { type Pose3, transformPoint } from "../geometry/pose";
import type { Detection } from "./detectObjects";
import { estimateSceneShift } from "./estimateSceneShift";

/**
 * What association reads of a detection: its class and centre (lidar coordinates), and its box
 * length when it has one (a box far longer or shorter than a track's last is another object).
 */
export type Trackable = {
  className: string;
  centerM: Detection["centerM"];
  size?: { lengthM: number };
};

/** A frame's detections with what tracking needs to place them in time and space. */
export interface TrackingFrame<D extends Trackable = Detection> {
  detections: D[];
  /** The ego pose; when any frame lacks one, association runs in the sensor frame. */
  worldFromLidar: Pose3 | null;
  /** Seconds; null when the scene has no timestamps (frames are then taken as evenly spaced). */
  timestampS: number | null;
}

export interface TrackedDetection extends Detection {
  trackId: number;
}

/** Vehicles and vulnerable road users never share a track (a cyclist may be called a pedestrian). */
const groupOf = (d: Trackable): "vehicle" | "vru" =>
  d.className === "Pedestrian" || d.className === "Cyclist" ? "vru" : "vehicle";

/**
 * How far a detection may lie from a track's predicted position: a car at 15 m/s braking hard
 * (8 m/s²) leaves a constant-velocity prediction by 0.04 m after 0.1 s, but cluster centres of
 * partly seen cars jump by up to half a car length as the seen face changes; people turn fast.
 */
const GATE_M = { vehicle: 2.5, vru: 1.2 };
/**
 * How fast, relative to the static world, a track seen once in the previous frame may have
 * moved (m/s): 10 m/s (36 km/h) covers town traffic keeping pace with the ego, and people walk
 * or run at up to 3 m/s; faster would let one-frame clutter grab whatever appears 15 m away.
 */
const NEW_TRACK_SPEED_MPS = { vehicle: 10, vru: 3 };
/** Frames a track survives without a detection (occlusion by a passing car lasts a few frames). */
const MAX_MISSED_FRAMES = 3;
/** Without poses: the fastest ego motion looked for between frames (m/s; 30 m/s is 108 km/h). */
const MAX_EGO_SPEED_MPS = 30;
/**
 * A vehicle's box this many times as long as its track's last (or as short) is another object: a car's
 * track lost behind a parked truck took the truck's 8.5–10.4 m boxes (Argoverse: two cars'
 * tracks, refitted to a bus's size, lost 4 cars matched at BEV IoU 0.54–0.91). A car's boxes
 * are completed to its class size, so partial views keep their length; a truck first boxed as
 * a 4.5 m car and then whole (8 m) is 1.78×.
 */
const MAX_LENGTH_RATIO = 1.8;
/** Velocity smoothing: the new measurement's weight. */
const VELOCITY_GAIN = 0.5;
/** Faster than this (m/s, ~160 km/h for a car) is an association error, not motion. */
const MAX_SPEED_MPS = { vehicle: 45, vru: 10 };

interface Track {
  id: number;
  group: "vehicle" | "vru";
  x: number;
  y: number;
  vx: number;
  vy: number;
  lastT: number;
  lastFrame: number;
  hits: number;
  /** The last box's length, when the detections carry boxes. */
  lengthM: number | null;
}

const sizesAgree = (tr: Track, d: Trackable): boolean => {
  const l = d.size?.lengthM;
  // A cyclist is often called a walker for a frame (0.6 m vs 1.8 m): people keep their track.
  if (tr.group === "vru" || tr.lengthM === null || l === undefined || l <= 0 || tr.lengthM <= 0) return true;
  return Math.max(l, tr.lengthM) <= MAX_LENGTH_RATIO * Math.min(l, tr.lengthM);
};

/**
 * Greedy nearest-neighbour association with a constant-velocity prediction, in the world frame
 * when every frame has an ego pose (parked cars then stand still), in the sensor frame otherwise.
 * Returns each frame's detections with a track id, and how many frames each track spans; the
 * detections ride along whole (the built-in plugin tracks boxes that have no points).
 */
export function trackDetections<D extends Trackable>(
  frames: readonly TrackingFrame<D>[],
): {
  frames: Array<Array<D & { trackId: number }>>;
  hitsByTrack: Map<number, number>;
} {
  const usePoses = frames.every((f) => f.worldFromLidar !== null);
  const useTime = frames.every((f) => f.timestampS !== null);
  let nextId = 1;
  let tracks: Track[] = [];
  const hitsByTrack = new Map<number, number>();
  const out: Array<Array<D & { trackId: number }>> = [];
  frames.forEach((frame, k) => {
    const t = useTime && frame.timestampS !== null ? frame.timestampS : k;
    const pose = usePoses ? frame.worldFromLidar : null;
    const world = frame.detections.map((d) => (pose ? transformPoint(pose, d.centerM) : d.centerM));
    // Without poses the world moves past the sensor: find that shift and move the tracks with it,
    // so a parked car keeps its track however fast the ego drives or however far apart frames are.
    if (!usePoses && k > 0 && tracks.length > 0) {
      // Untimed frames are taken as 0.1 s apart (10 Hz, the common lidar rate).
      const previousS = frames[k - 1]?.timestampS ?? null;
      const gapS = useTime && previousS !== null ? t - previousS : 0.1;
      const recent = tracks.filter((tr) => tr.lastFrame === k - 1);
      const shift = estimateSceneShift(recent, world, MAX_EGO_SPEED_MPS * Math.max(0.1, gapS));
      for (const tr of tracks) {
        tr.x += shift.x;
        tr.y += shift.y;
      }
    }
    const pairs: Array<{ track: number; det: number; dist: number }> = [];
    tracks.forEach((tr, ti) => {
      const dt = t - tr.lastT;
      const px = tr.x + tr.vx * dt;
      const py = tr.y + tr.vy * dt;
      frame.detections.forEach((d, di) => {
        if (groupOf(d) !== tr.group || !sizesAgree(tr, d)) return;
        const w = world[di];
        if (!w) return;
        const dist = Math.hypot(w.x - px, w.y - py);
        if (dist <= GATE_M[tr.group]) pairs.push({ track: ti, det: di, dist });
      });
    });
    pairs.sort((a, b) => a.dist - b.dist);
    const trackOfDet = new Array<number>(frame.detections.length).fill(-1);
    const taken = new Set<number>();
    for (const p of pairs) {
      if (taken.has(p.track) || trackOfDet[p.det] !== -1) continue;
      taken.add(p.track);
      trackOfDet[p.det] = p.track;
    }
    // A track seen once has no velocity yet: a car driving ahead of the ego at 1.5 s between
    // frames (SUSTechPOINTS) lies 10 m from where it stood. What the first pass left over is
    // paired again, nearest first, with tracks first seen in the previous frame, within what a
    // road user covers at town speed.
    const late: typeof pairs = [];
    tracks.forEach((tr, ti) => {
      if (tr.hits !== 1 || tr.lastFrame !== k - 1 || taken.has(ti)) return;
      // Untimed frames are taken as 0.1 s apart, as for the scene shift.
      const gapS = useTime ? t - tr.lastT : 0.1 * (k - tr.lastFrame);
      const gateM = Math.max(GATE_M[tr.group], NEW_TRACK_SPEED_MPS[tr.group] * gapS);
      frame.detections.forEach((d, di) => {
        const w = world[di];
        if (!w || trackOfDet[di] !== -1 || groupOf(d) !== tr.group || !sizesAgree(tr, d)) return;
        const dist = Math.hypot(w.x - tr.x, w.y - tr.y);
        if (dist <= gateM) late.push({ track: ti, det: di, dist });
      });
    });
    late.sort((a, b) => a.dist - b.dist);
    for (const p of late) {
      if (taken.has(p.track) || trackOfDet[p.det] !== -1) continue;
      taken.add(p.track);
      trackOfDet[p.det] = p.track;
    }
    const tracked = frame.detections.map((d, di): D & { trackId: number } => {
      const w = world[di] ?? d.centerM;
      const tr = tracks[trackOfDet[di] ?? -1];
      if (!tr) {
        const created: Track = {
          id: nextId++,
          group: groupOf(d),
          x: w.x,
          y: w.y,
          vx: 0,
          vy: 0,
          lastT: t,
          lastFrame: k,
          hits: 1,
          lengthM: d.size?.lengthM ?? null,
        };
        tracks.push(created);
        return { ...d, trackId: created.id };
      }
      const dt = t - tr.lastT;
      if (dt > 0) {
        const mvx = (w.x - tr.x) / dt;
        const mvy = (w.y - tr.y) / dt;
        const maxSpeed = useTime ? MAX_SPEED_MPS[tr.group] : Number.POSITIVE_INFINITY;
        if (Math.hypot(mvx, mvy) <= maxSpeed) {
          const gain = tr.hits === 1 ? 1 : VELOCITY_GAIN;
          tr.vx += gain * (mvx - tr.vx);
          tr.vy += gain * (mvy - tr.vy);
        }
      }
      tr.x = w.x;
      tr.y = w.y;
      tr.lastT = t;
      tr.lastFrame = k;
      tr.hits++;
      tr.lengthM = d.size?.lengthM ?? null;
      return { ...d, trackId: tr.id };
    });
    tracks = tracks.filter((tr) => k - tr.lastFrame <= MAX_MISSED_FRAMES);
    for (const d of tracked) hitsByTrack.set(d.trackId, (hitsByTrack.get(d.trackId) ?? 0) + 1);
    out.push(tracked);
  });
  return { frames: out, hitsByTrack };
}
