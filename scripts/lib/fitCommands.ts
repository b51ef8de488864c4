import { z } from "zod";
import { interpolateTrack } from "../../core/fit/interpolateTrack";
import type { Vec3 } from "../../core/geometry/vec3";
import type { CuboidSize } from "../../core/model/Cuboid";
import type { Provenance } from "../../core/model/Provenance";
import { autoFitBox } from "../../workers/fit/autoFitBox";
import { classSizePrior, type SizePriorSet } from "../../workers/fit/classSizePrior";
import { refineInterpolatedBox } from "../../workers/fit/refineInterpolatedBox";
import { propagateTrack } from "../../workers/fit/propagateTrack";
import type { SceneRuntime } from "./SceneRuntime";
import { must } from "../../core/model/must";

/** The CLI's JSON formats (issue 7). Coordinates are the frame's lidar coordinates, metres and radians. */
const triple = z.tuple([z.number(), z.number(), z.number()]);
const positiveTriple = z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]);
export const clicksSchema = z.array(
  z.object({
    frame: z.string().min(1),
    x: z.number(),
    y: z.number(),
    z: z.number(),
    class: z.string().min(1).optional(),
  }),
);
export const trackBoxSchema = z.object({
  trackId: z.string().min(1),
  frame: z.string().min(1),
  center: triple,
  size: positiveTriple,
  yaw: z.number(),
  class: z.string().min(1).optional(),
});
export const seedsSchema = z.array(trackBoxSchema);
export const keyframesSchema = z.array(trackBoxSchema);
export type Click = z.infer<typeof clicksSchema>[number];
export type TrackBoxJson = z.infer<typeof trackBoxSchema>;

/**
 * Every OUT box. `provenance` says which machine step made it; propagation adds `needsReview`
 * on the frame where it stopped (its box is the unconfirmed prediction).
 */
export interface OutBox {
  frame: string;
  trackId?: string;
  center: [number, number, number];
  size: [number, number, number];
  yaw: number;
  provenance: Provenance;
  needsReview?: string;
}

const toTriple = (v: Vec3): [number, number, number] => [v.x, v.y, v.z];
const toSizeTriple = (s: CuboidSize): [number, number, number] => [s.lengthM, s.widthM, s.heightM];
const fromTriple = (t: readonly number[]): Vec3 => ({
  x: must(t[0], "t[0]"),
  y: must(t[1], "t[1]"),
  z: must(t[2], "t[2]"),
});
const fromSizeTriple = (t: readonly number[]): CuboidSize => ({
  lengthM: must(t[0], "t[0]"),
  widthM: must(t[1], "t[1]"),
  heightM: must(t[2], "t[2]"),
});

/**
 * One box per click, in order (a click without a class is a Car). Size priors: the class catalogue
 * (the project's class sizes) whatever the scene; `priors` "kitti" only when the caller asks for
 * KITTI's means (never chosen from the scene's layout).
 */
export function runAutofit(
  rt: SceneRuntime,
  clicks: readonly Click[],
  priors: SizePriorSet = "default",
): OutBox[] {
  return clicks.map((c) => {
    const k = rt.frameIndexByName(c.frame);
    const className = c.class ?? "Car";
    const fit = autoFitBox(
      rt.index(k),
      { x: c.x, y: c.y, z: c.z },
      className,
      classSizePrior(className, priors),
    );
    return {
      frame: c.frame,
      center: toTriple(fit.centerM),
      size: toSizeTriple(fit.size),
      yaw: fit.yawRad,
      provenance: fit.provenance,
    };
  });
}

/** For each seed, its track's boxes in every other frame propagation can follow (both directions). */
export function runPropagate(
  rt: SceneRuntime,
  seeds: readonly TrackBoxJson[],
  direction: "forward" | "backward" | "both" = "both",
): OutBox[] {
  const frames = rt.propagationFrames();
  return seeds.flatMap((s) =>
    propagateTrack(
      frames,
      {
        frameIndex: rt.frameIndexByName(s.frame),
        centerM: fromTriple(s.center),
        size: fromSizeTriple(s.size),
        yawRad: s.yaw,
      },
      { direction },
    ).map((b): OutBox => {
      const out: OutBox = {
        frame: must(rt.scene.frames[b.frameIndex], "rt.scene.frames[b.frameIndex]").name,
        trackId: s.trackId,
        center: toTriple(b.centerM),
        size: toSizeTriple(b.size),
        yaw: b.yawRad,
        provenance: b.provenance,
      };
      if (b.needsReview) out.needsReview = b.needsReview;
      return out;
    }),
  );
}

/**
 * For each track: boxes for every frame between its first and last keyframe (keyframes copied as
 * given). Each interpolated box is then moved towards the track's own points in its frame
 * (refineInterpolatedBox); where those points lie well off it, it is flagged `needsReview`.
 */
export function runInterpolate(rt: SceneRuntime, keys: readonly TrackBoxJson[]): OutBox[] {
  const poses = rt.worldFromLidar();
  const frames = rt.scene.frames.map((_, k) => ({
    frameIndex: k,
    timestampS: rt.timestampS(k),
    worldFromLidar: must(poses[k], "poses[k]"),
  }));
  const byTrack = new Map<string, TrackBoxJson[]>();
  for (const k of keys) byTrack.set(k.trackId, [...(byTrack.get(k.trackId) ?? []), k]);
  const out: OutBox[] = [];
  for (const [trackId, trackKeys] of byTrack) {
    const keyframes = trackKeys
      .map((k) => ({
        frameIndex: rt.frameIndexByName(k.frame),
        centerM: fromTriple(k.center),
        size: fromSizeTriple(k.size),
        yawRad: k.yaw,
      }))
      .sort((a, b) => a.frameIndex - b.frameIndex);
    const asRefineKey = (k: (typeof keyframes)[number]) => ({
      index: rt.index(k.frameIndex),
      timestampS: rt.timestampS(k.frameIndex),
      box: k,
    });
    const interpolated = interpolateTrack(keyframes, frames).map((b): OutBox & { frameIndex: number } => {
      const before = must(
        keyframes.findLast((k) => k.frameIndex < b.frameIndex),
        "a keyframe before an interpolated box",
      );
      const after = must(
        keyframes.find((k) => k.frameIndex > b.frameIndex),
        "a keyframe after an interpolated box",
      );
      const refined = refineInterpolatedBox(
        { index: rt.index(b.frameIndex), timestampS: rt.timestampS(b.frameIndex) },
        b,
        asRefineKey(before),
        asRefineKey(after),
      );
      return {
        frameIndex: b.frameIndex,
        frame: must(rt.scene.frames[b.frameIndex], "rt.scene.frames[b.frameIndex]").name,
        trackId,
        center: toTriple(refined.box.centerM),
        size: toSizeTriple(refined.box.size),
        yaw: refined.box.yawRad,
        provenance: b.provenance,
        ...(refined.needsReview ? { needsReview: refined.needsReview } : {}),
      };
    });
    const human = keyframes.map((k): OutBox & { frameIndex: number } => ({
      frameIndex: k.frameIndex,
      frame: must(rt.scene.frames[k.frameIndex], "rt.scene.frames[k.frameIndex]").name,
      trackId,
      center: toTriple(k.centerM),
      size: toSizeTriple(k.size),
      yaw: k.yawRad,
      provenance: "human",
    }));
    for (const { frameIndex: _, ...b } of [...human, ...interpolated].sort(
      (p, q) => p.frameIndex - q.frameIndex,
    ))
      out.push(b);
  }
  return out;
}
