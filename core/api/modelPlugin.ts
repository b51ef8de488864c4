import { z } from "zod";
import { modelIdSchema } from "../prelabel/PredictionRun";

/**
 * The model-server plugin contract (#14): the project's server POSTs JSON to `<url>/detect`, then
 * `<url>/track` (and `<url>/segment-ground` where a plugin offers it), with
 * `Authorization: Bearer <token>`. Coordinates are the frame's lidar frame: metres, radians, a
 * box's `size` is its full length, width, height along its own x, y, z, `yaw` turns x about z.
 * The built-in pre-labeler speaks the same contract at /api/plugins/builtin.
 */

const vec3 = z.tuple([z.number(), z.number(), z.number()]);
const pose = z.object({
  rotation: z.tuple([z.number(), z.number(), z.number(), z.number()]),
  translationM: vec3,
});

/**
 * A frame's points: `xyz` is base64 of little-endian float32 x, y, z triples relative to `originM`
 * (lidar coordinates = xyz + originM; float32 keeps millimetres within 8 km of the origin).
 */
export const pluginPointsSchema = z.object({
  count: z.number().int().min(0).max(20_000_000),
  originM: vec3,
  xyz: z.string(),
});
export type PluginPoints = z.infer<typeof pluginPointsSchema>;

export const pluginFrameSchema = z.object({
  /** The frame's id in the sequence. */
  name: z.string().min(1).max(256),
  timestampS: z.number().nullable(),
  /** The ego pose (unit quaternion x, y, z, w and translation in metres); null when unknown. */
  worldFromLidar: pose.nullable(),
});

/** One class of the project's catalogue: what the detector may call a box, and its usual size. */
export const pluginClassSchema = z.object({
  name: z.string().min(1),
  sizeM: vec3.optional(),
});

export const detectRequestSchema = z.object({
  frame: pluginFrameSchema,
  points: pluginPointsSchema,
  classes: z.array(pluginClassSchema).max(1000),
});
export type DetectRequest = z.infer<typeof detectRequestSchema>;

export const pluginBoxSchema = z.object({
  class: z.string().min(1).max(200),
  score: z.number().min(0).max(1),
  center: vec3,
  size: z.tuple([z.number().positive(), z.number().positive(), z.number().positive()]),
  yaw: z.number(),
});
export type PluginBox = z.infer<typeof pluginBoxSchema>;

/** The model's name and version: stored as each box's provenance. */
export const pluginModelSchema = modelIdSchema;

export const detectResponseSchema = z.object({
  model: pluginModelSchema,
  boxes: z.array(pluginBoxSchema).max(100_000),
});
export type DetectResponse = z.infer<typeof detectResponseSchema>;

export const trackRequestSchema = z.object({
  frames: z
    .array(pluginFrameSchema.extend({ boxes: z.array(pluginBoxSchema).max(100_000) }))
    .min(1)
    .max(100_000),
});
export type TrackRequest = z.infer<typeof trackRequestSchema>;

/**
 * For every frame of the request, in order, its boxes in order with a track id each (the same id
 * for the same object across frames); a tracker may rescore boxes.
 */
export const trackResponseSchema = z.object({
  model: pluginModelSchema,
  frames: z.array(
    z.object({
      name: z.string(),
      boxes: z.array(pluginBoxSchema.extend({ trackId: z.union([z.string().min(1), z.number().int()]) })),
    }),
  ),
});
export type TrackResponse = z.infer<typeof trackResponseSchema>;

export const segmentGroundRequestSchema = z.object({ frame: pluginFrameSchema, points: pluginPointsSchema });
/** `ground` is base64 of one byte per point in request order: 1 ground, 0 not. */
export const segmentGroundResponseSchema = z.object({ model: pluginModelSchema, ground: z.string() });
export type SegmentGroundRequest = z.infer<typeof segmentGroundRequestSchema>;
export type SegmentGroundResponse = z.infer<typeof segmentGroundResponseSchema>;

/** A project's plugin as leads see it: the token only by its last 4 characters. */
export const projectPluginSchema = z.object({
  /** "builtin" when the project uses the built-in pre-labeler. */
  kind: z.enum(["builtin", "external"]),
  url: z.string(),
  tokenHint: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ProjectPlugin = z.infer<typeof projectPluginSchema>;

export const projectPluginInputSchema = z.object({
  /** http(s) URL of the model server; the contract's paths are appended. */
  url: z.string().url().max(2000),
  token: z.string().min(1).max(4096),
});

/** A model server as the pre-label job calls it: over HTTP, or the built-in one in process. */
export interface ModelPlugin {
  /** For messages: the URL, or "built-in pre-labeler". */
  label: string;
  detect(request: DetectRequest): Promise<DetectResponse>;
  track(request: TrackRequest): Promise<TrackResponse>;
  /** Optional in the contract: which of a frame's points are ground. */
  segmentGround?(request: SegmentGroundRequest): Promise<SegmentGroundResponse>;
}
