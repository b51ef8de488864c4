import { wrapAngleRad } from "../../fit/angles";
import { interpolateTrack, type TimedFrame } from "../../fit/interpolateTrack";
import { yawOfPose } from "../../fit/yawOfPose";
import type { Cuboid } from "../../model/Cuboid";
import type { FrameIndex } from "../../pointcloud/FrameIndex";
import { motionOf } from "../checks/motionOf";
import { neighbourYaw } from "../checks/neighbourYaw";
import { defaultQaConfig } from "../QaConfig";
import { buildQaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { measureBoxPoints } from "../measureBoxPoints";
import { median } from "../median";

/** What a fix reads: every cuboid of the sequence, its frames, and the points of the frames at hand. */
export interface QaFixInput {
  cuboids: readonly Cuboid[];
  frames: readonly TimedFrame[];
  /** A frame's bucketed points, or null when not loaded (snap-to-ground needs the finding's frame). */
  points?: (frameIndex: number) => FrameIndex | null;
  newId: () => string;
}

/**
 * An annotation change: cuboids to put (new or replaced, by id) and cuboid ids to delete. The
 * caller stamps author and time and applies it as ONE undoable step.
 */
export interface QaFixChange {
  put: Cuboid[];
  deleteIds: string[];
  /** What was done, for the notice and the history. */
  summary: string;
}

const trackOf = (input: QaFixInput, trackId: string) =>
  input.cuboids.filter((c) => c.trackId === trackId).sort((a, b) => a.frameIndex - b.frameIndex);

/**
 * The fix a finding names, computed (pure), or null when it does not apply any more (the box is
 * gone, the track too short, the points not loaded). Fixed boxes carry provenance "qa-fix" (a
 * filled gap, "interpolated").
 */
export function qaFixFor(finding: QaFinding, input: QaFixInput): QaFixChange | null {
  const box = finding.boxId === null ? null : (input.cuboids.find((c) => c.id === finding.boxId) ?? null);
  const fixed = (c: Cuboid, patch: Partial<Cuboid>): Cuboid => ({ ...c, ...patch, provenance: "qa-fix" });
  switch (finding.fix) {
    case "flip-heading":
      return box
        ? {
            put: [fixed(box, { yawRad: wrapAngleRad(box.yawRad + Math.PI) })],
            deleteIds: [],
            summary: "Turned the box 180°",
          }
        : null;
    case "delete-duplicate":
      return box
        ? {
            put: [],
            deleteIds: [box.id],
            summary: `Deleted the duplicate of track ${finding.otherTrackId ?? "?"}`,
          }
        : null;
    case "unify-size":
      return unifySize(input, finding.trackId);
    case "heading-to-motion":
      return box ? headingToMotion(input, box) : null;
    case "fill-gap":
      return fillGap(input, finding, box);
    case "snap-to-ground": {
      const index = box ? (input.points?.(box.frameIndex) ?? null) : null;
      if (!box || !index) return null;
      const groundZ = measureBoxPoints(index, box, 0).groundZM;
      if (groundZ === null) return null;
      const z = groundZ + box.size.heightM / 2;
      return {
        put: [fixed(box, { centerM: { ...box.centerM, z } })],
        deleteIds: [],
        summary: `Moved the box ${(z - box.centerM.z).toFixed(2)} m onto the ground`,
      };
    }
    default:
      return null;
  }
}

/** Every box of the track takes the track's median size, bottom faces kept where they were. */
function unifySize(input: QaFixInput, trackId: string): QaFixChange | null {
  const track = trackOf(input, trackId);
  if (track.length < 2) return null;
  const size = {
    lengthM: median(track.map((c) => c.size.lengthM)),
    widthM: median(track.map((c) => c.size.widthM)),
    heightM: median(track.map((c) => c.size.heightM)),
  };
  const put = track.map((c) => ({
    ...c,
    size: { ...size },
    centerM: { ...c.centerM, z: c.centerM.z - c.size.heightM / 2 + size.heightM / 2 },
    provenance: "qa-fix" as const,
  }));
  return {
    put,
    deleteIds: [],
    summary: `Track size ${size.lengthM.toFixed(2)} × ${size.widthM.toFixed(2)} × ${size.heightM.toFixed(2)} m on ${track.length} boxes`,
  };
}

/** The box turned to its track's direction of motion (moving) or to the heading its neighbours imply. */
function headingToMotion(input: QaFixInput, box: Cuboid): QaFixChange | null {
  const config = defaultQaConfig();
  const ctx = buildQaContext(
    {
      frames: input.frames.map((f) => ({ timestampS: f.timestampS, worldFromLidar: f.worldFromLidar })),
      boxes: trackOf(input, box.trackId),
    },
    config,
  );
  const items = ctx.tracks.get(box.trackId) ?? [];
  const i = items.findIndex((it) => it.box.id === box.id);
  if (i < 0) return null;
  const m = motionOf(items)[i];
  const moving =
    m && m.speed >= config["heading-off"].minSpeedMps && box.size.lengthM >= config["heading-off"].minLengthM;
  const worldYaw = moving ? m.directionRad : neighbourYaw(items, i);
  if (worldYaw === null) return null;
  const pose = input.frames[box.frameIndex]?.worldFromLidar;
  const yawRad = wrapAngleRad(worldYaw - (pose ? yawOfPose(pose) : 0));
  return {
    put: [{ ...box, yawRad, provenance: "qa-fix" }],
    deleteIds: [],
    summary: `Turned the box ${Math.round((wrapAngleRad(yawRad - box.yawRad) * 180) / Math.PI)}° to ${moving ? "its direction of motion" : "its neighbours' heading"}`,
  };
}

/**
 * The box at the finding's frame interpolated from the rest of the track (core/fit/interpolateTrack,
 * world coordinates): a new box for a missing frame, the same box replaced for a jump.
 */
function fillGap(input: QaFixInput, finding: QaFinding, box: Cuboid | null): QaFixChange | null {
  const keys = trackOf(input, finding.trackId).filter((c) => c.id !== box?.id);
  const template = box ?? keys[0];
  if (!template || keys.length < 2) return null;
  const at = interpolateTrack(keys, input.frames).find((b) => b.frameIndex === finding.frameIndex);
  if (!at) return null;
  const put: Cuboid = {
    ...template,
    id: box?.id ?? input.newId(),
    frameIndex: finding.frameIndex,
    centerM: at.centerM,
    size: at.size,
    yawRad: at.yawRad,
    provenance: "interpolated",
  };
  return {
    put: [put],
    deleteIds: [],
    summary: box
      ? "Put the box back on its track's path"
      : "Filled the gap from the track's neighbouring boxes",
  };
}
