import { type Pose3, transformPoint } from "../geometry/pose";
import { yawOfQuat } from "../geometry/quat";
import type { TrackedDetection } from "./trackDetections";

/**
 * Travel that tells a track's front: a parked car's box centre wanders by up to ~1.5 m as its seen face
 * changes, and tracks through occlusions add more (at 3 m, parked Argoverse cars were turned by their
 * wander: 227 → 273 of 690 boxes facing backwards).
 */
const MIN_TRAVEL_M = 6;

const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

/**
 * One heading sense along each track. A box fitted to points knows its axis but not which end is
 * the front, so a track's boxes came out 180° apart from frame to frame (on the 50 Argoverse sweeps
 * the checks flagged pre-labelled tracks "heading flip" from the first frame: a click each for
 * the annotator). Along the track each box takes the sense nearest the box before it (a vehicle turns
 * a few degrees a frame, a flip is 180°); then the whole track faces its direction of travel when
 * every frame has an ego pose and it moved more than 6 m in the world, else the sense its box with the
 * most points was fitted with. Headings change by π only; nothing else moves. On the three recordings
 * in ../shared/data: no flip left between consecutive boxes of a track (69 and 18 before); boxes
 * facing backwards, Argoverse moving vehicles 23 → 4 of 164, parked 227 → 227 of 690; SUSTechPOINTS
 * (no poses) 13 → 7 of 30.
 */
export function alignTrackHeadings(
  frames: TrackedDetection[][],
  worldFromLidar: ReadonlyArray<Pose3 | null> = [],
): void {
  const posed = frames.length > 0 && frames.every((_, k) => worldFromLidar[k]);
  const yawOffset = (k: number) => {
    const pose = posed ? worldFromLidar[k] : null;
    return pose ? yawOfQuat(pose.rotation) : 0;
  };
  const where = (d: TrackedDetection, k: number) => {
    const pose = posed ? worldFromLidar[k] : null;
    return pose ? transformPoint(pose, d.centerM) : d.centerM;
  };
  const byTrack = new Map<number, Array<{ d: TrackedDetection; k: number }>>();
  frames.forEach((dets, k) => {
    for (const d of dets) byTrack.set(d.trackId, [...(byTrack.get(d.trackId) ?? []), { d, k }]);
  });
  for (const seen of byTrack.values()) {
    if (seen.length < 2) continue;
    seen.sort((a, b) => a.k - b.k);
    const fitted = seen.map(({ d, k }) => wrap(d.yawRad + yawOffset(k)));
    const aligned: number[] = [];
    for (const yaw of fitted) {
      const before = aligned[aligned.length - 1];
      aligned.push(before === undefined || Math.cos(yaw - before) >= 0 ? yaw : wrap(yaw + Math.PI));
    }
    const first = seen[0];
    const last = seen[seen.length - 1];
    if (!first || !last) continue;
    const a = where(first.d, first.k);
    const b = where(last.d, last.k);
    // Without poses a track's sensor-frame travel is mostly the ego's own: it tells nothing.
    const travelled = posed && Math.hypot(b.x - a.x, b.y - a.y) > MIN_TRAVEL_M;
    let best = 0;
    seen.forEach(({ d }, i) => {
      if (d.pointCount > (seen[best]?.d.pointCount ?? 0)) best = i;
    });
    const flipAll = travelled
      ? aligned.reduce((s, y) => s + Math.cos(y - Math.atan2(b.y - a.y, b.x - a.x)), 0) < 0
      : Math.cos((aligned[best] ?? 0) - (fitted[best] ?? 0)) < 0;
    seen.forEach(({ d, k }, i) => {
      const yaw = aligned[i];
      if (yaw === undefined) return;
      d.yawRad = wrap(yaw + (flipAll ? Math.PI : 0) - yawOffset(k));
    });
  }
}
