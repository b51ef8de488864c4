import {
  composePoses,
  IDENTITY_POSE,
  invertPose,
  type Pose3,
  poseFromMatrix4RowMajor,
} from "../geometry/pose";
import { quatFromEulerZYX, quatNormalize } from "../geometry/quat";
import type { CameraSensor, Distortion } from "../model/CameraSensor";
import { provenanceSchema } from "../model/Provenance";
import type { Track } from "../model/Track";
import { distortionFromCalib } from "./distortionFromCalib";
import { yawPitchRollFromQuat } from "./eulerXyz";
import { FormatError } from "./FormatError";
import type { OpenLabelCuboid, OpenLabelFrame, OpenLabelInput } from "./openLabel";
import { must } from "../model/must";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isNumbers = (v: unknown, n?: number): v is number[] =>
  Array.isArray(v) &&
  (n === undefined || v.length === n) &&
  v.every((x) => typeof x === "number" && Number.isFinite(x));

/** True when a file's first bytes are an OpenLABEL document (`{"openlabel": …`), whatever its name. */
export const looksLikeOpenLabel = (head: string): boolean => /^\uFEFF?\s*\{\s*"openlabel"\s*:/.test(head);

/**
 * An ASAM OpenLABEL 1.x JSON document with one lidar stream, read into the type toOpenLabel
 * writes (openLabel.ts), so an export reads back as it was written. Read from any writer:
 * - the lidar: the one stream of type "lidar"; cameras: streams of type "camera" with
 *   intrinsics_pinhole (camera_matrix 3×4, distortion_coeffs in OpenCV order, or lens_coeffs with
 *   a Kannala–Brandt model) whose coordinate system reaches the lidar through static poses;
 * - transforms as quaternion [x, y, z, w] + translation, or matrix4x4 (row-major, X_dst = M·X_src);
 * - each frame's ego pose: its transform between the lidar and the root coordinate system, else
 *   the lidar's static pose, else the identity; its time: frame_properties.timestamp in seconds;
 * - each frame's point-cloud file: frame_properties.streams.<lidar>.uri (required: the frame's
 *   name is that file's stem), images likewise per camera;
 * - cuboids: 10 values (quaternion form) or 9 (Euler form, VCD's ZYX: R = Rz(rz)·Ry(ry)·Rx(rx)),
 *   in the lidar or the root coordinate system; one per object and frame; class = the object's
 *   type unless the cuboid's "class" text attribute says otherwise; track id = the object's name
 *   when names are unique, else its key.
 * Anything else wrong throws FormatError naming the JSON place; what is read and not used is
 * returned in `warnings`.
 */
export function parseOpenLabel(text: string, file: string): OpenLabelInput & { warnings: string[] } {
  function fail(place: string, reason: string): never {
    throw new FormatError(file, place, reason);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return fail("", `not valid JSON (${(e as Error).message})`);
  }
  const ol =
    isObject(doc) && isObject(doc.openlabel) ? doc.openlabel : fail("", "no top-level openlabel object");
  const warnings: string[] = [];
  const metadata = isObject(ol.metadata) ? ol.metadata : fail("openlabel.metadata", "missing");
  const version = String(metadata.schema_version ?? "");
  if (!version.startsWith("1."))
    fail("openlabel.metadata.schema_version", `"${version}": only OpenLABEL 1.x is read`);

  const streams = isObject(ol.streams) ? ol.streams : {};
  const lidars = Object.keys(streams).filter((k) => isObject(streams[k]) && streams[k].type === "lidar");
  const lidar = lidars[0];
  if (lidars.length !== 1 || lidar === undefined)
    fail(
      "openlabel.streams",
      lidars.length === 0
        ? "no stream of type lidar"
        : `${lidars.length} lidar streams (${lidars.join(", ")}): one lidar per sequence`,
    );
  const systems = isObject(ol.coordinate_systems) ? ol.coordinate_systems : {};
  const transformOf = (v: unknown, place: string): Pose3 => {
    if (!isObject(v)) return fail(place, "not a transform");
    if ("matrix4x4" in v) {
      if (!isNumbers(v.matrix4x4, 16)) return fail(`${place}.matrix4x4`, "expected 16 finite numbers");
      return poseFromMatrix4RowMajor(v.matrix4x4);
    }
    if ("quaternion" in v) {
      if (!isNumbers(v.quaternion, 4))
        return fail(`${place}.quaternion`, "expected 4 finite numbers [x, y, z, w]");
      if (!isNumbers(v.translation, 3)) return fail(`${place}.translation`, "expected 3 finite numbers");
      const [x, y, z, w] = v.quaternion as [number, number, number, number];
      if (Math.abs(Math.hypot(x, y, z, w) - 1) > 1e-3)
        return fail(`${place}.quaternion`, "not a unit quaternion");
      const [tx, ty, tz] = v.translation as [number, number, number];
      return { rotation: quatNormalize({ w, x, y, z }), translationM: { x: tx, y: ty, z: tz } };
    }
    return fail(
      place,
      "only quaternion + translation or matrix4x4 transforms are read (Euler-angle sequences are ambiguous)",
    );
  };
  /** parentFromSystem of each coordinate system that has a static pose. */
  const parentOf = (cs: string) => (isObject(systems[cs]) ? String(systems[cs].parent ?? "") : "");
  const staticPose = (cs: string): Pose3 | null => {
    const s = systems[cs];
    return isObject(s) && s.pose_wrt_parent !== undefined
      ? transformOf(s.pose_wrt_parent, `openlabel.coordinate_systems.${cs}.pose_wrt_parent`)
      : null;
  };
  /** rootFromSystem through static poses (a missing pose counts as the identity), and the root's name. */
  const toRoot = (cs: string): { root: string; rootFromCs: Pose3 } => {
    let pose = IDENTITY_POSE;
    let at = cs;
    for (let depth = 0; parentOf(at) !== ""; depth++) {
      if (depth > 64) fail(`openlabel.coordinate_systems.${cs}`, "the parent chain loops");
      pose = composePoses(staticPose(at) ?? IDENTITY_POSE, pose);
      at = parentOf(at);
    }
    return { root: at, rootFromCs: pose };
  };
  const lidarChain = toRoot(lidar);
  const root = lidarChain.root;

  const cameras: CameraSensor[] = [];
  for (const [name, s] of Object.entries(streams)) {
    if (!isObject(s) || s.type !== "camera") continue;
    const place = `openlabel.streams.${name}.stream_properties.intrinsics_pinhole`;
    const props = isObject(s.stream_properties) ? s.stream_properties : {};
    if (!isObject(props.intrinsics_pinhole)) {
      warnings.push(`${file}: camera stream ${name} has no intrinsics_pinhole, left out`);
      continue;
    }
    if (!isObject(systems[name])) {
      warnings.push(`${file}: camera stream ${name} has no coordinate system of its name, left out`);
      continue;
    }
    const k = props.intrinsics_pinhole;
    if (!isNumbers(k.camera_matrix, 12)) fail(`${place}.camera_matrix`, "expected 12 finite numbers (3×4)");
    const matrix = k.camera_matrix as number[];
    const m = (i: number): number => must(matrix[i], `${place}.camera_matrix[${i}]`);
    const width = Number(k.width_px);
    const height = Number(k.height_px);
    if (!(Number.isInteger(width) && width > 0 && Number.isInteger(height) && height > 0))
      fail(place, "width_px and height_px must be positive integers");
    if (!(m(0) > 0 && m(5) > 0)) fail(`${place}.camera_matrix`, "focal lengths must be positive");
    const model = typeof k.distortion_model === "string" ? k.distortion_model : undefined;
    const distortion: Distortion =
      k.lens_coeffs !== undefined && (model === undefined || /kannala|fisheye|equidistant/i.test(model))
        ? distortionFromCalib(k.lens_coeffs, "kannala-brandt", file, `${place}.lens_coeffs`)
        : k.distortion_coeffs !== undefined
          ? distortionFromCalib(k.distortion_coeffs, undefined, file, `${place}.distortion_coeffs`)
          : { model: "none" };
    const camChain = toRoot(name);
    if (camChain.root !== root)
      fail(`openlabel.coordinate_systems.${name}`, `not connected to the lidar's coordinate system ${root}`);
    cameras.push({
      name,
      imageWidthPx: width,
      imageHeightPx: height,
      intrinsics: { fxPx: m(0), skew: m(1), cxPx: m(2), fyPx: m(5), cyPx: m(6) },
      distortion,
      cameraFromLidar: composePoses(invertPose(camChain.rootFromCs), lidarChain.rootFromCs),
    });
  }

  const objects = isObject(ol.objects) ? ol.objects : {};
  const named = Object.entries(objects).map(
    ([uid, o]) => [uid, isObject(o) && typeof o.name === "string" ? o.name : uid] as const,
  );
  const namesUnique = new Set(named.map(([, name]) => name)).size === named.length;
  const trackIdOf = new Map(named.map(([uid, name]) => [uid, namesUnique ? name : uid]));
  const tracks: Track[] = Object.entries(objects).map(([uid, o]) => {
    if (!isObject(o) || typeof o.type !== "string" || o.type === "")
      return fail(`openlabel.objects.${uid}`, "an object needs a type (its class)");
    return {
      trackId: trackIdOf.get(uid) ?? uid,
      className: o.type,
      attributes: attributesOf(o.object_data, `openlabel.objects.${uid}.object_data`, fail),
    };
  });

  const frameEntries = Object.entries(isObject(ol.frames) ? ol.frames : {})
    .map(([key, f]) => ({ key, number: Number(key), f }))
    .sort((a, b) => a.number - b.number);
  const frames: OpenLabelFrame[] = [];
  const cuboids: OpenLabelCuboid[] = [];
  const frameNames = new Set<string>();
  for (const [index, { key, number, f }] of frameEntries.entries()) {
    const place = `openlabel.frames.${key}`;
    if (!Number.isInteger(number) || number < 0) fail(place, "frame keys must be non-negative integers");
    if (!isObject(f)) return fail(place, "not an object");
    const props = isObject(f.frame_properties) ? f.frame_properties : {};
    const frameStreams = isObject(props.streams) ? props.streams : {};
    const lidarUri = isObject(frameStreams[lidar]) ? frameStreams[lidar].uri : undefined;
    if (typeof lidarUri !== "string" || lidarUri === "")
      fail(
        `${place}.frame_properties.streams.${lidar}.uri`,
        "missing: every frame must name its point-cloud file",
      );
    const name = (String(lidarUri).split("/").pop() ?? "").replace(/(\.pcd)?\.[^.]*$/, "");
    if (frameNames.has(name))
      fail(`${place}.frame_properties.streams.${lidar}.uri`, `frame name ${name} appears twice`);
    frameNames.add(name);
    const imageUris: Record<string, string> = {};
    for (const c of cameras) {
      const stream = frameStreams[c.name];
      const uri = isObject(stream) ? stream.uri : undefined;
      if (typeof uri === "string" && uri !== "") imageUris[c.name] = uri;
    }
    const seconds = typeof props.timestamp === "string" ? Number(props.timestamp) : props.timestamp;
    if (props.timestamp !== undefined && !(typeof seconds === "number" && Number.isFinite(seconds)))
      fail(`${place}.frame_properties.timestamp`, "not a number of seconds");
    if (props.timestamp === undefined && index === 0)
      warnings.push(`${file}: frames carry no timestamp; their numbers × 0.1 s are used`);
    const frame = {
      index,
      name,
      timestampUs: seconds === undefined ? number * 100_000 : Math.round((seconds as number) * 1e6),
      worldFromLidar: worldFromLidarAt(props.transforms, `${place}.frame_properties.transforms`),
      lidarUri: String(lidarUri),
      imageUris,
    };
    frames.push(frame);
    const frameObjects = isObject(f.objects) ? f.objects : {};
    for (const [uid, o] of Object.entries(frameObjects)) {
      const at = `${place}.objects.${uid}`;
      const track = tracks[Object.keys(objects).indexOf(uid)];
      if (!track) fail(at, `object ${uid} is not in openlabel.objects`);
      const data = isObject(o) && isObject(o.object_data) ? o.object_data : {};
      const boxes = (Array.isArray(data.cuboid) ? data.cuboid : []).filter(
        (c) => isObject(c) && c.val !== null,
      );
      if (boxes.length > 1)
        fail(`${at}.object_data.cuboid`, `${boxes.length} cuboids: one box per object and frame`);
      if (boxes.length === 0) continue;
      const box = boxes[0] as Json;
      const objectCs = (objects[uid] as Json).coordinate_system;
      const cs = String(box.coordinate_system ?? objectCs ?? lidar);
      cuboids.push(cuboidOf(box, `${at}.object_data.cuboid[0]`, cs, track, index, frame.worldFromLidar));
    }
  }

  function worldFromLidarAt(transforms: unknown, place: string): Pose3 {
    for (const [key, t] of Object.entries(isObject(transforms) ? transforms : {})) {
      if (!isObject(t)) continue;
      if (t.src === lidar && t.dst === root)
        return transformOf(t.transform_src_to_dst, `${place}.${key}.transform_src_to_dst`);
      if (t.src === root && t.dst === lidar)
        return invertPose(transformOf(t.transform_src_to_dst, `${place}.${key}.transform_src_to_dst`));
    }
    return lidarChain.rootFromCs;
  }

  function cuboidOf(
    box: Json,
    place: string,
    cs: string,
    track: Track,
    frameIndex: number,
    worldFromLidar: Pose3,
  ) {
    const v = box.val;
    if (!isNumbers(v) || (v.length !== 9 && v.length !== 10))
      return fail(`${place}.val`, "expected 9 or 10 finite numbers");
    const [x, y, z] = v as [number, number, number];
    const [sx, sy, sz] = v.slice(-3) as [number, number, number];
    if (!(sx > 0 && sy > 0 && sz > 0))
      fail(`${place}.val`, `sizes must be positive, got ${sx}, ${sy}, ${sz}`);
    const rotation =
      v.length === 10
        ? (() => {
            const [qx, qy, qz, qw] = v.slice(3, 7) as [number, number, number, number];
            if (Math.abs(Math.hypot(qx, qy, qz, qw) - 1) > 1e-3)
              fail(`${place}.val`, "the quaternion is not a unit one");
            return quatNormalize({ w: qw, x: qx, y: qy, z: qz });
          })()
        : quatFromEulerZYX(must(v[5], "yaw"), must(v[4], "pitch"), must(v[3], "roll"));
    let csFromBox: Pose3 = { translationM: { x, y, z }, rotation };
    if (cs === root && cs !== lidar) csFromBox = composePoses(invertPose(worldFromLidar), csFromBox);
    else if (cs !== lidar)
      fail(
        `${place}.coordinate_system`,
        `"${cs}": boxes are read in the lidar (${lidar}) or the root (${root}) system`,
      );
    const attributes = attributesOf({ ...box, val: undefined }, `${place}.attributes`, fail, true);
    const className =
      typeof attributes.class === "string" && attributes.class !== "" ? attributes.class : track.className;
    const provenance = provenanceSchema.safeParse(attributes.provenance);
    delete attributes.class;
    if (provenance.success) delete attributes.provenance;
    return {
      trackId: track.trackId,
      className,
      centerM: csFromBox.translationM,
      size: { lengthM: sx, widthM: sy, heightM: sz },
      ...yawPitchRollFromQuat(csFromBox.rotation),
      attributes,
      frameIndex,
      ...(provenance.success ? { provenance: provenance.data } : {}),
    };
  }

  return {
    name:
      typeof metadata.name === "string" && metadata.name !== ""
        ? metadata.name
        : file.replace(/\.json$/i, ""),
    lidarName: lidar,
    cameras,
    frames,
    tracks,
    cuboids,
    warnings,
  };
}

/** text/num/boolean attributes (of object_data, or `attributes` when `nested`) → one record. */
function attributesOf(
  holder: unknown,
  place: string,
  fail: (place: string, reason: string) => never,
  nested = false,
): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  const from = isObject(holder) ? (nested ? holder.attributes : holder) : undefined;
  if (!isObject(from)) return out;
  for (const kind of ["text", "num", "boolean"] as const) {
    const list = from[kind];
    if (list === undefined) continue;
    if (!Array.isArray(list)) fail(`${place}.${kind}`, "expected a list");
    for (const [i, a] of (list as unknown[]).entries()) {
      const ok =
        isObject(a) &&
        typeof a.name === "string" &&
        (kind === "text"
          ? typeof a.val === "string"
          : kind === "num"
            ? typeof a.val === "number" && Number.isFinite(a.val)
            : typeof a.val === "boolean");
      if (!ok)
        fail(`${place}.${kind}[${i}]`, `expected {name, val} with a ${kind === "num" ? "number" : kind} val`);
      out[(a as Json).name as string] = (a as Json).val as string | number | boolean;
    }
  }
  return out;
}
