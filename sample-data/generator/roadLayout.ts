import { materialId } from "./materials";

/**
 * The road is an arc of a circle (world z up, ground at z = 0), so an ego vehicle that follows a
 * lane drives a curved path. Positions on it are given in road coordinates (s, d): s metres along
 * the centre line, d metres to the left of the driving direction of +s. The circle's centre is at
 * world (0, ROAD_RADIUS_M), so (s, d) = (0, 0) is the world origin, heading +x, turning left.
 *
 * Cross section (|d|): 0 centre line, lanes of 3.5 m to 7, a parking lane to 9.5 (curb),
 * sidewalk to 14 at +0.15 m, then lawn; buildings start at 15. One cross street (no curb) at
 * CROSS_STREET_S_M.
 */
export const ROAD_RADIUS_M = 200;
export const LANE_WIDTH_M = 3.5;
export const ROAD_HALF_WIDTH_M = 9.5;
export const SIDEWALK_OUTER_M = 14;
export const CURB_HEIGHT_M = 0.15;
export const CROSS_STREET_S_M = 70;
export const CROSS_STREET_HALF_WIDTH_M = 6;
/** Zebra crossings: centre s of each. */
export const CROSSWALKS_S_M: readonly [behind: number, ahead: number] = [-12, 95];
export const CROSSWALK_HALF_LENGTH_M = 2;

export interface RoadPoint {
  sM: number;
  dM: number;
}

export function worldXYFromRoad(sM: number, dM: number): { x: number; y: number } {
  const theta = sM / ROAD_RADIUS_M;
  const rho = ROAD_RADIUS_M - dM;
  return { x: rho * Math.sin(theta), y: ROAD_RADIUS_M - rho * Math.cos(theta) };
}

export function roadFromWorldXY(x: number, y: number): RoadPoint {
  const vy = y - ROAD_RADIUS_M;
  const rho = Math.sqrt(x * x + vy * vy);
  return { sM: ROAD_RADIUS_M * Math.atan2(x, -vy), dM: ROAD_RADIUS_M - rho };
}

/** World yaw of a heading given relative to the road's +s direction at s. */
export const worldYawFromRoad = (sM: number, headingRad: number): number => sM / ROAD_RADIUS_M + headingRad;

const inCrossStreet = (sM: number): boolean => Math.abs(sM - CROSS_STREET_S_M) < CROSS_STREET_HALF_WIDTH_M;

/** True where the ground is at road level (carriageway and cross street), false on the raised sidewalk/lawn. */
export const isRoadLevel = (sM: number, dM: number): boolean =>
  Math.abs(dM) < ROAD_HALF_WIDTH_M || inCrossStreet(sM);

export const groundHeightM = (sM: number, dM: number): number => (isRoadLevel(sM, dM) ? 0 : CURB_HEIGHT_M);

const ASPHALT = materialId("asphalt");
const MARKING = materialId("lane-marking");
const CENTRE = materialId("centre-marking");
const SIDEWALK = materialId("sidewalk");
const GRASS = materialId("grass");
const CURB = materialId("curb");

/** Ground material at a road-coordinate point (markings are painted, so they change only colour and intensity). */
export function groundMaterial(sM: number, dM: number): number {
  const ad = Math.abs(dM);
  if (ad < ROAD_HALF_WIDTH_M) {
    for (const c of CROSSWALKS_S_M) {
      if (Math.abs(sM - c) < CROSSWALK_HALF_LENGTH_M && ad < ROAD_HALF_WIDTH_M - 0.3)
        return (ad + 0.25) % 1 < 0.5 ? MARKING : ASPHALT;
    }
    if (inCrossStreet(sM) && ad > 2 * LANE_WIDTH_M) return ASPHALT;
    if (Math.abs(ad - 0.12) < 0.06) return CENTRE;
    if (Math.abs(ad - LANE_WIDTH_M) < 0.07 && ((sM % 9) + 9) % 9 < 3) return MARKING;
    if (Math.abs(ad - 2 * LANE_WIDTH_M) < 0.07) return MARKING;
    return ASPHALT;
  }
  if (inCrossStreet(sM)) {
    const lateral = sM - CROSS_STREET_S_M;
    if (Math.abs(lateral) < 0.07 && ad > SIDEWALK_OUTER_M && ad % 8 < 3) return MARKING;
    return ASPHALT;
  }
  if (ad < ROAD_HALF_WIDTH_M + 0.25) return CURB;
  return ad < SIDEWALK_OUTER_M ? SIDEWALK : GRASS;
}
