import type { CuboidSize } from "../../core/model/Cuboid";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import type { ActorLook } from "./actorShapes";
import { createPrng, type Prng } from "./createPrng";
import { BUILDING_MATERIALS, CLOTH_MATERIALS, materialId, PAINT_MATERIALS } from "./materials";
import {
  CROSS_STREET_HALF_WIDTH_M,
  CROSS_STREET_S_M,
  CROSSWALKS_S_M,
  LANE_WIDTH_M,
  ROAD_HALF_WIDTH_M,
  worldXYFromRoad,
  worldYawFromRoad,
} from "./roadLayout";
import { RoadPath } from "./RoadPath";
import { box, placeShape, type Shape } from "./Shape";

/** One labelled object: it moves along `path`, `speedMps` from `startDistanceM`, stopping at the end. */
export interface ActorSpec {
  trackId: string;
  className: string;
  size: CuboidSize;
  look: ActorLook;
  path: RoadPath;
  startDistanceM: number;
  speedMps: number;
  /** Track attributes (e.g. parked) and per-cuboid attributes (e.g. pose) share this record. */
  attributes: Record<string, string | number | boolean>;
  /** What the actor is there to exercise, for the README and tests ("turns", "occluded", …). */
  role: string;
}

export interface Scene {
  seed: number;
  /** Static scenery in world coordinates (owner −1). */
  staticShapes: Shape[];
  actors: ActorSpec[];
  ego: { path: RoadPath; speedMps: number };
}

/** Extent of scenery along the road: enough for 200 frames at 10 m/s plus the lidar's 120 m range. */
const SCENERY_S_RANGE_M: readonly [number, number] = [-160, 360];
const LANE_CENTRE_M = LANE_WIDTH_M / 2;
const PARKING_D_M = (2 * LANE_WIDTH_M + ROAD_HALF_WIDTH_M) / 2;
const SIDEWALK_WALK_D_M = 11.5;
/** Half the length of road around the cross street kept for the two corner blocks on each side. */
const CORNER_BLOCK_M = 28;

const classSize = (name: string): CuboidSize => {
  const c = DEFAULT_CLASSES.find((k) => k.name === name);
  if (!c) throw new Error(`buildScene: class ${name} missing from DEFAULT_CLASSES`);
  return c.defaultSize;
};

const round3 = (v: number) => Math.round(v * 1000) / 1000;

function jitterSize(prng: Prng, name: string, relative: number): CuboidSize {
  const s = classSize(name);
  const j = () => 1 + prng.range(-relative, relative);
  return {
    lengthM: round3(s.lengthM * j()),
    widthM: round3(s.widthM * j()),
    heightM: round3(s.heightM * j()),
  };
}

const nearCrossing = (sM: number, marginM: number) =>
  Math.abs(sM - CROSS_STREET_S_M) < CROSS_STREET_HALF_WIDTH_M + marginM ||
  CROSSWALKS_S_M.some((c) => Math.abs(sM - c) < marginM);

/**
 * The whole scene from a seed: road furniture, buildings and vegetation placed at random along the
 * road, and a fixed cast of actors (with seeded sizes and colours) that covers the cases the ground
 * truth must exercise: parked and moving vehicles, a turning car, a pedestrian occluded behind a
 * parked truck, a car that crosses from behind one row of buildings to behind the other, cyclists
 * and pedestrians walking, standing and crossing.
 */
export function buildScene(seed: number): Scene {
  const prng = createPrng(seed);
  const staticShapes: Shape[] = [];
  const addStatic = (s: Shape, sM: number, dM: number, headingRad = 0) => {
    const p = worldXYFromRoad(sM, dM);
    staticShapes.push(placeShape(s, p.x, p.y, 0, worldYawFromRoad(sM, headingRad), -1));
  };

  for (const side of [-1, 1]) {
    // Buildings, with occasional hedges in front.
    let s = SCENERY_S_RANGE_M[0];
    while (s < SCENERY_S_RANGE_M[1]) {
      const lengthM = prng.range(12, 30);
      const depthM = prng.range(10, 16);
      const heightM = prng.range(6, 24);
      const mid = s + lengthM / 2;
      if (Math.abs(mid - CROSS_STREET_S_M) >= CORNER_BLOCK_M + lengthM / 2) {
        const d = side * (15 + depthM / 2);
        addStatic(box(0, 0, lengthM / 2, depthM / 2, 0.15, heightM, prng.pick(BUILDING_MATERIALS)), mid, d);
        if (prng.next() < 0.4) {
          const hedgeLen = prng.range(3, Math.min(10, lengthM - 2));
          addStatic(box(0, 0, hedgeLen / 2, 0.35, 0.15, 0.95, materialId("hedge")), mid, side * 14.55);
        }
      }
      s += lengthM + prng.range(0.5, 4);
    }
    // Deep corner blocks hide the cross street's arms, so what drives in it is seen only near the road.
    for (const dir of [-1, 1]) {
      const mid = CROSS_STREET_S_M + (dir * (CORNER_BLOCK_M + CROSS_STREET_HALF_WIDTH_M + 2)) / 2;
      const lengthM = CORNER_BLOCK_M - CROSS_STREET_HALF_WIDTH_M - 2;
      addStatic(
        box(0, 0, lengthM / 2, 12.5, 0.15, prng.range(12, 20), prng.pick(BUILDING_MATERIALS)),
        mid,
        side * 27.5,
      );
    }
    // Poles with lamp arms over the road.
    for (let p = SCENERY_S_RANGE_M[0] + (side > 0 ? 0 : 15); p < SCENERY_S_RANGE_M[1]; p += 30) {
      if (nearCrossing(p, 4)) continue;
      addStatic(
        {
          kind: "cylinder",
          xM: 0,
          yM: 0,
          zMinM: 0.15,
          zMaxM: 7.5,
          radiusM: 0.12,
          material: materialId("pole-metal"),
          owner: -1,
        },
        p,
        side * 10,
      );
      addStatic(box(0, 0, 0.06, 0.9, 7.3, 7.42, materialId("pole-metal")), p, side * 9.1);
    }
    // Trees on the sidewalk.
    let t = SCENERY_S_RANGE_M[0] + prng.range(0, 10);
    while (t < SCENERY_S_RANGE_M[1]) {
      if (!nearCrossing(t, 5)) {
        const trunkTop = prng.range(2.3, 2.8);
        const r = prng.range(1.3, 2.0);
        addStatic(
          {
            kind: "cylinder",
            xM: 0,
            yM: 0,
            zMinM: 0.15,
            zMaxM: trunkTop,
            radiusM: 0.15,
            material: materialId("bark"),
            owner: -1,
          },
          t,
          side * 12.6,
        );
        addStatic(
          {
            kind: "sphere",
            xM: 0,
            yM: 0,
            zM: trunkTop + 0.75 * r,
            radiusM: r,
            material: materialId("foliage"),
            owner: -1,
          },
          t,
          side * 12.6,
        );
      }
      t += prng.range(11, 20);
    }
  }

  const actors: ActorSpec[] = [];
  const vehicleLook = (): ActorLook => ({
    bodyMaterial: prng.pick(PAINT_MATERIALS),
    accentMaterial: prng.pick(PAINT_MATERIALS),
  });
  const personLook = (): ActorLook => ({
    bodyMaterial: prng.pick(CLOTH_MATERIALS),
    accentMaterial: prng.pick(CLOTH_MATERIALS),
  });
  const add = (
    className: string,
    path: RoadPath,
    speedMps: number,
    role: string,
    attributes: Record<string, string | number | boolean> = {},
    startDistanceM = 0,
  ) => {
    const person = className === "Pedestrian" || className === "Cyclist";
    actors.push({
      trackId: String(actors.length + 1),
      className,
      size: jitterSize(prng, className, person ? 0.06 : 0.08),
      look: person ? personLook() : vehicleLook(),
      path,
      startDistanceM,
      speedMps,
      attributes,
      role,
    });
  };
  const lane = (sM: number, dM: number, headingRad: number, lengthM = 600) =>
    new RoadPath({ sM, dM, headingRad }).line(lengthM);

  // Moving traffic in the ego direction (heading 0, d < 0) and against it (heading π, d > 0).
  add("Car", lane(22, -LANE_CENTRE_M, 0), 10.5, "leads the ego in its lane", { parked: false });
  add("Car", lane(-18, -3 * LANE_CENTRE_M, 0), 15, "overtakes the ego on the right", { parked: false });
  add("Truck", lane(60, -3 * LANE_CENTRE_M, 0), 12, "moving truck ahead", { parked: false });
  add("Cyclist", lane(30, -6.6, 0), 5, "cyclist overtaken by the ego");
  add("Car", lane(90, LANE_CENTRE_M, Math.PI), 12, "oncoming car passing the ego", { parked: false });
  add("Van", lane(30, 3 * LANE_CENTRE_M, Math.PI), 9, "oncoming van", { parked: false });
  add("Car", lane(170, LANE_CENTRE_M, Math.PI), 12, "oncoming car entering from beyond range", {
    parked: false,
  });
  // Turns right out of the cross street's left arm into the oncoming lanes.
  const turnRadiusM = 6;
  add(
    "Car",
    new RoadPath({ sM: CROSS_STREET_S_M - LANE_CENTRE_M * 0.7, dM: 22, headingRad: -Math.PI / 2 })
      .line(22 - 3 * LANE_CENTRE_M - turnRadiusM)
      .arc(turnRadiusM, -Math.PI / 2)
      .line(600),
    7,
    "turns out of the cross street",
    { parked: false },
  );
  // Crosses the main road from behind the right row of buildings to behind the left one.
  add(
    "Car",
    new RoadPath({ sM: CROSS_STREET_S_M + LANE_CENTRE_M * 0.7, dM: -31, headingRad: Math.PI / 2 }).line(120),
    16,
    "enters and leaves the sensors' view through the cross street",
    { parked: false },
  );

  // Pedestrians.
  add(
    "Pedestrian",
    lane(28, -SIDEWALK_WALK_D_M, 0),
    1.4,
    "walks behind the parked truck (occluded for a while)",
    { pose: "walking" },
  );
  add("Pedestrian", lane(40, SIDEWALK_WALK_D_M, Math.PI), 1.3, "walks on the far sidewalk", {
    pose: "walking",
  });
  add("Pedestrian", lane(80, SIDEWALK_WALK_D_M + 0.2, Math.PI), 1.2, "walks in a pair", { pose: "walking" });
  add("Pedestrian", lane(80.9, SIDEWALK_WALK_D_M - 0.7, Math.PI), 1.2, "walks in a pair", {
    pose: "walking",
  });
  add("Pedestrian", lane(55, -12.5, Math.PI / 2, 0.01), 0, "stands at the corner", { pose: "standing" });
  add("Pedestrian", lane(20, 12.2, -Math.PI / 2, 0.01), 0, "stands on the sidewalk", { pose: "standing" });
  // Waits 14 s at the curb (until the traffic, the ego included, has passed), then crosses.
  add(
    "Pedestrian",
    lane(CROSSWALKS_S_M[1], 10.5, -Math.PI / 2, 21),
    1.2,
    "waits, then crosses at the zebra ahead",
    { pose: "walking" },
    -14 * 1.2,
  );
  add("Pedestrian", lane(CROSSWALKS_S_M[0], -10.5, Math.PI / 2, 21), 1.8, "crosses at the zebra behind", {
    pose: "walking",
  });

  // Parked vehicles in both parking lanes; one truck right where the walking pedestrian passes.
  add("Truck", lane(31, -PARKING_D_M, 0, 0.01), 0, "parked truck that hides a pedestrian", { parked: true });
  // The spot behind the truck stays free so the pedestrian reappears before frame 50.
  const truckSpan: readonly [number, number] = [31 - 5, 50];
  for (const side of [-1, 1]) {
    let s = -70 + prng.range(0, 6);
    while (s < 320) {
      const className = prng.next() < 0.75 ? "Car" : "Van";
      const lengthM = classSize(className).lengthM;
      const mid = s + lengthM / 2;
      const hitsTruck = side < 0 && mid + lengthM / 2 > truckSpan[0] && mid - lengthM / 2 < truckSpan[1];
      if (!nearCrossing(mid, lengthM / 2 + 4) && !hitsTruck && prng.next() < 0.7) {
        add(className, lane(mid, side * PARKING_D_M, side < 0 ? 0 : Math.PI, 0.01), 0, "parked", {
          parked: true,
        });
      }
      s += lengthM + prng.range(1.2, 6);
    }
  }

  return {
    seed,
    staticShapes,
    actors,
    ego: { path: lane(0, -LANE_CENTRE_M, 0), speedMps: 10 },
  };
}
