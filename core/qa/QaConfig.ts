import { z } from "zod";
import type { QaKind, QaSeverity } from "./QaFinding";

const severitySchema = z.enum(["error", "warning", "info"]);

/** Fields every check has: on/off, the severity of its findings, whether they block a task's submission. */
const check = <T extends z.ZodRawShape>(severity: QaSeverity, thresholds: T) =>
  z.object({
    enabled: z.boolean().default(true),
    severity: severitySchema.default(severity),
    /** A finding of this check stops submission of the task (enforced by the task workflow). */
    blocksSubmission: z.boolean().default(false),
    ...thresholds,
  });

/**
 * A project's QA settings: every check with its thresholds. Parse a partial object to get the
 * defaults for everything it leaves out (`qaConfigSchema.parse({ duplicate: { minBevIou: 0.2 } })`).
 * The defaults were tuned on real labels (SUSTechPOINTS, Argoverse 1) and the synthetic sample so
 * that correct labels draw findings on under 5% of boxes; see scripts/evalQa.ts.
 */
export const qaConfigSchema = z.object({
  "few-points": check("warning", {
    /** Fewer object points (above the local ground) than this is "too few"… */
    minPoints: z.number().int().nonnegative().default(1),
    /** …for a box nearer than this; farther boxes may be empty (sparse beams)… */
    maxRangeM: z.number().positive().default(30),
    /**
     * …when the lidar saw through the box: at least this many points at the box's height just behind
     * it, in its direction. An empty box in the shadow of another object is an amodal box, not an error.
     */
    minSeeThroughPoints: z.number().int().positive().default(5),
    /**
     * Also too few: under this share of what the track's neighbouring boxes (two on each side)
     * hold, when they hold at least minNeighbourPoints — a box lifted or pushed off its object.
     */
    maxShareOfNeighbours: z.number().positive().default(0.35),
    minNeighbourPoints: z.number().int().positive().default(30),
    /** Neighbours farther apart in time than this, seconds, have seen the object from elsewhere: not compared. */
    maxNeighbourGapS: z.number().positive().default(0.3),
  }).prefault({}),
  "points-outside": check("warning", {
    /** Thickness of the band just outside a side face searched for object points, metres. */
    shellM: z.number().positive().default(0.3),
    /** A face is too tight when this many points lie in its band… */
    minPoints: z.number().int().positive().default(20),
    /** …and they are at least this share of the points inside the box (neighbours in a crowd leave some). */
    minShareOfInside: z.number().positive().default(0.75),
  }).prefault({}),
  "loose-box": check("info", {
    /** A face the sensor sees with its nearest object point farther inside than this, metres. */
    minGapM: z.number().positive().default(1),
    /** Points needed inside to judge a face. */
    minPoints: z.number().int().positive().default(50),
  }).prefault({}),
  "size-implausible": check("warning", {
    /** A dimension below this share of the class's typical size, or above maxRatio times it… */
    minRatio: z.number().positive().default(0.4),
    maxRatio: z.number().positive().default(3),
    /** …and off it by more than this, metres (a pedestrian's 0.6 m length is not a tight prior). */
    minDifferenceM: z.number().nonnegative().default(0.8),
  }).prefault({}),
  "size-change": check("warning", {
    /** A box whose dimension differs from the median of the track's other boxes by more than this share. */
    maxRelativeChange: z.number().positive().default(0.2),
    /** …and by more than this, metres (real labels of pedestrians vary by 0.15 m). */
    minAbsoluteChangeM: z.number().nonnegative().default(0.25),
    /** …or every dimension off by maxRelativeChange the same way, the diagonal by more than this, metres. */
    minScaleChangeM: z.number().nonnegative().default(0.1),
  }).prefault({}),
  "heading-flip": check("error", {
    /** Heading against the track's neighbouring boxes (or its motion) by more than this, degrees. */
    minFlipDeg: z.number().positive().default(135),
    /** Judged against the direction of motion only above this speed, m/s (cars back slowly into parking spaces). */
    minSpeedMps: z.number().nonnegative().default(5),
  }).prefault({}),
  "heading-off": check("warning", {
    /** Heading off the one interpolated from the neighbouring boxes of the track by more than this, degrees. */
    maxNeighbourDeviationDeg: z.number().positive().default(14),
    /** The same for objects shorter than minLengthM (pedestrians, bicycles), degrees… */
    maxNeighbourDeviationShortDeg: z.number().positive().default(15),
    /**
     * …or, when larger, this many times the track's own wobble: the median deviation of its other
     * boxes from their neighbours, the box judged left out (SUSTechPOINTS walkers wobble ±5–16°
     * between keyframes, its cars ±1–3°). A box at a track's end is also allowed the track's net
     * turn rate times the gap to its one neighbour.
     */
    trackNoiseFactor: z.number().nonnegative().default(2.5),
    /** Heading off the direction of motion by more than this, degrees… */
    maxMotionDeviationDeg: z.number().positive().default(25),
    /** …for objects moving faster than this, m/s, and at least this long, metres (not pedestrians or bicycles). */
    minSpeedMps: z.number().nonnegative().default(3),
    minLengthM: z.number().nonnegative().default(2),
    /**
     * Shorter objects (pedestrians, riders) walk and ride the way they face too, but their labelled
     * headings wobble ±10–15° (SUSTechPOINTS): above this speed, m/s, one off the direction of
     * motion by maxMotionDeviationDeg is a finding when it is also off its neighbours' heading by
     * minNeighbourDeviationShortDeg, degrees (two noisy references agreeing).
     */
    minSpeedShortMps: z.number().nonnegative().default(0.8),
    minNeighbourDeviationShortDeg: z.number().nonnegative().default(12),
    /**
     * A walker or rider facing within minNeighbourDeviationShortDeg of its median motion, of the
     * track's usual offset from it, or of a step to an adjacent box at least this long, metres
     * (a sharp turn), is not flagged against its neighbours' headings alone.
     */
    minStepM: z.number().positive().default(0.5),
    /**
     * Motion is judged only for boxes holding this many object points (when points are known): an
     * object the lidar does not see is placed by guess, and its guessed path says little.
     */
    minPointsForMotion: z.number().int().nonnegative().default(5),
  }).prefault({}),
  "position-jump": check("warning", {
    /** Off the position interpolated from the track's neighbouring boxes by more than this, metres… */
    maxDeviationM: z.number().positive().default(0.5),
    /** …plus what this acceleration can bend a path between the neighbours, m/s² (long gaps between boxes). */
    maxAccelerationMps2: z.number().nonnegative().default(3),
    /**
     * Also a jump, however far apart the boxes are in time, when the points say the box left its
     * object: of the object-height points within 1 m around the box and in it, at least this share
     * lies around it (correct SUSTechPOINTS boxes: median 0.08, 99th percentile 0.86, so the share
     * alone is not enough)…
     */
    offObjectMinNearShare: z.number().positive().max(1).default(0.3),
    /** …more than the median share of the track's neighbouring boxes (two on each side) by this much… */
    offObjectMinRise: z.number().positive().max(1).default(0.25),
    /** …with at least this many points around it… */
    offObjectMinPoints: z.number().int().positive().default(8),
    /**
     * …and the box this far off the path its neighbours imply (interpolated, or extrapolated from
     * the two boxes on one side at a track's end), metres: points alone also rise when someone
     * walks past an object.
     */
    offObjectMinDeviationM: z.number().nonnegative().default(0.3),
    /**
     * Also a jump when the box is that far off its path and its points moved against it: the
     * centroid of the points in and within 1 m around the box shifted, relative to the box and
     * against the path's deviation, by at least this much, metres, compared with the track's
     * other boxes…
     */
    shiftMinM: z.number().positive().default(0.4),
    /** …and by at least this share of the deviation… */
    shiftMinShareOfOff: z.number().positive().default(0.5),
    /** …counting boxes with at least this many points in and around them. */
    shiftMinPoints: z.number().int().positive().default(10),
  }).prefault({}),
  "impossible-speed": check("error", {
    /** Faster than this between two consecutive boxes of a track, m/s (≈ 216 km/h). */
    maxSpeedMps: z.number().positive().default(60),
  }).prefault({}),
  "missing-frame": check("warning", {
    /** A gap frame counts as "visible" when the interpolated box holds at least this many points. */
    minVisiblePoints: z.number().int().nonnegative().default(10),
  }).prefault({}),
  "class-change": check("error", {}).prefault({}),
  "attribute-change": check("warning", {
    /**
     * Attributes that belong to the object, not the frame (e.g. a vehicle's type): any change inside a
     * track is a finding. Others (occlusion, parked, pose) change legitimately and are not judged.
     */
    trackWideAttributes: z.array(z.string()).default([]),
  }).prefault({}),
  duplicate: check("error", {
    /** Two boxes of one frame overlapping by more than this bird's-eye IoU… */
    minBevIou: z.number().positive().default(0.3),
    /** …or covering more than this share of the smaller footprint. */
    minShareOfSmaller: z.number().positive().default(0.6),
  }).prefault({}),
  "id-swap": check("error", {
    /** Swapping the two tracks' ids from a frame on must shorten their paths by at least this, metres. */
    minGainM: z.number().positive().default(0.8),
  }).prefault({}),
  "below-ground": check("warning", {
    /** Bottom face below the ground estimated from the points around the box by more than this, metres… */
    maxDepthM: z.number().positive().default(0.5),
    /** …for boxes nearer than this (farther, the ground is a few sparse rings), metres. */
    maxRangeM: z.number().positive().default(50),
  }).prefault({}),
  floating: check("warning", {
    /** Bottom face above the local ground by more than this, metres… */
    maxHeightM: z.number().positive().default(0.4),
    /** …for boxes nearer than this, metres. */
    maxRangeM: z.number().positive().default(50),
    /**
     * Also floating, at any range: at least this many points in the 0.15–0.6 m under the bottom face
     * (clear of the ground)… (a box on the ground has only earth there: 0 of 87 SUSTechPOINTS and
     * 5 of 3,188 Argoverse boxes reach 5)…
     */
    minUnderPoints: z.number().int().positive().default(5),
    /**
     * …and at least this share of the points in the box (a car 4 m from the lidar lifted 0.9 m
     * keeps 1,692 points in the box, 70 under it: 4%).
     */
    minUnderShare: z.number().positive().default(0.03),
  }).prefault({}),
});

export type QaConfig = z.infer<typeof qaConfigSchema>;
export type QaConfigInput = z.input<typeof qaConfigSchema>;

/** The default settings of every check. */
export const defaultQaConfig = (): QaConfig => qaConfigSchema.parse({});

/** Which kinds stop a task's submission under this configuration (enabled and marked blocking). */
export const blockingKinds = (config: QaConfig): QaKind[] =>
  (Object.keys(config) as QaKind[]).filter((k) => config[k].enabled && config[k].blocksSubmission);

/**
 * A project's stored overrides read strictly: unknown checks or settings are refused with their
 * path (a typo must not silently leave a threshold at its default). Returns the overrides as
 * given (defaults are applied on use, so later default changes reach unchanged settings) or the
 * first problem, e.g. `duplicate.minBevIou: Too small: expected number to be >0`.
 */
export function parseQaOverrides(input: unknown): { overrides: QaConfigInput } | { problem: string } {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    return { problem: "expected an object of checks" };
  const defaults = defaultQaConfig();
  for (const [kind, settings] of Object.entries(input)) {
    if (!(kind in defaults)) return { problem: `${kind}: not a QA check` };
    if (typeof settings !== "object" || settings === null || Array.isArray(settings))
      return { problem: `${kind}: expected an object of settings` };
    for (const key of Object.keys(settings))
      if (!(key in defaults[kind as QaKind]))
        return { problem: `${kind}.${key}: not a setting of this check` };
  }
  const parsed = qaConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { problem: issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid QA settings" };
  }
  return { overrides: input as QaConfigInput };
}
