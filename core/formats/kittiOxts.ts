import { composePoses, invertPose, type Pose3 } from "../geometry/pose";
import { quatFromEulerZYX, rotationMatrixFromQuat } from "../geometry/quat";
import { FormatError } from "./FormatError";
import { parseNumberList } from "./parseNumberList";

/**
 * KITTI oxts (`oxts/<seq>.txt`, one line per frame, 30 numbers): lat lon alt (deg, deg, m),
 * roll pitch yaw (rad), then velocities, accelerations, rates and GPS status, which we do not use.
 */
export interface OxtsRecord {
  latDeg: number;
  lonDeg: number;
  altM: number;
  rollRad: number;
  pitchRad: number;
  yawRad: number;
}

const EARTH_RADIUS_M = 6378137;

export function parseKittiOxts(text: string, file: string): OxtsRecord[] {
  const out: OxtsRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (raw.trim() === "") return;
    const v = parseNumberList(raw, file, `line ${i + 1}`);
    const [latDeg, lonDeg, altM, rollRad, pitchRad, yawRad] = v;
    if (
      latDeg === undefined ||
      lonDeg === undefined ||
      altM === undefined ||
      rollRad === undefined ||
      pitchRad === undefined ||
      yawRad === undefined
    )
      throw new FormatError(file, `line ${i + 1}`, `expected 30 numbers, got ${v.length}`);
    out.push({ latDeg, lonDeg, altM, rollRad, pitchRad, yawRad });
  });
  return out;
}

/** The KITTI devkit's convertOxtsToPose: Mercator position scaled by the first latitude, R = Rz·Ry·Rx. */
function mercatorFromImu(r: OxtsRecord, scale: number): Pose3 {
  return {
    translationM: {
      x: (scale * r.lonDeg * Math.PI * EARTH_RADIUS_M) / 180,
      y: scale * EARTH_RADIUS_M * Math.log(Math.tan(((90 + r.latDeg) * Math.PI) / 360)),
      z: r.altM,
    },
    rotation: quatFromEulerZYX(r.yawRad, r.pitchRad, r.rollRad),
  };
}

/**
 * One worldFromLidar pose per record, world = the first frame's lidar coordinates.
 * lidarFromImu is the calibration's Tr_imu_to_velo (identity when unknown).
 */
export function worldFromLidarPosesFromOxts(
  records: readonly OxtsRecord[],
  lidarFromImu: Pose3 | null,
): Pose3[] {
  const first = records[0];
  if (!first) return [];
  const scale = Math.cos((first.latDeg * Math.PI) / 180);
  const imuFromLidar = lidarFromImu ? invertPose(lidarFromImu) : null;
  const mercatorFromLidar = (r: OxtsRecord) => {
    const m = mercatorFromImu(r, scale);
    return imuFromLidar ? composePoses(m, imuFromLidar) : m;
  };
  const worldFromMercator = invertPose(mercatorFromLidar(first));
  return records.map((r) => composePoses(worldFromMercator, mercatorFromLidar(r)));
}

/**
 * Inverse for export: poses → oxts records at latitude 0 (Mercator scale 1), so that
 * worldFromLidarPosesFromOxts gives the poses back relative to the first.
 */
export function oxtsFromWorldFromLidarPoses(
  poses: readonly Pose3[],
  lidarFromImu: Pose3 | null,
): OxtsRecord[] {
  return poses.map((worldFromLidar) => {
    const m = lidarFromImu ? composePoses(worldFromLidar, lidarFromImu) : worldFromLidar;
    const r = rotationMatrixFromQuat(m.rotation);
    return {
      lonDeg: (m.translationM.x * 180) / (Math.PI * EARTH_RADIUS_M),
      latDeg: (Math.atan(Math.exp(m.translationM.y / EARTH_RADIUS_M)) * 360) / Math.PI - 90,
      altM: m.translationM.z,
      yawRad: Math.atan2(r[3], r[0]),
      pitchRad: Math.asin(Math.max(-1, Math.min(1, -r[6]))),
      rollRad: Math.atan2(r[7], r[8]),
    };
  });
}

/** 30 numbers per line; the 24 we do not model are written as 0. */
export const serializeKittiOxts = (records: readonly OxtsRecord[]): string =>
  records
    .map((r) =>
      [r.latDeg, r.lonDeg, r.altM, r.rollRad, r.pitchRad, r.yawRad, ...new Array(24).fill(0)]
        .map((v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17)))
        .join(" "),
    )
    .map((l) => `${l}\n`)
    .join("");
