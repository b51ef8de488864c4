import type { Pose3 } from "../../core/geometry/pose";
import { quatFromYaw } from "../../core/geometry/quat";
import { actorShapes } from "./actorShapes";
import type { ActorSpec, Scene } from "./buildScene";
import { groundHeightM, worldXYFromRoad, worldYawFromRoad } from "./roadLayout";
import { placeShape, type Shape } from "./Shape";

/** Height of the lidar's optical centre above the road, metres. */
export const LIDAR_HEIGHT_M = 1.8;
/**
 * Cuboids float this far above the ground so that ground returns (whose range noise moves them at
 * most ±0.015 m vertically at −24.9°) are never counted inside a box.
 */
export const BOX_GROUND_CLEARANCE_M = 0.03;

export interface ActorState {
  actorIndex: number;
  /** Box centre in world coordinates, metres. */
  centerWorldM: { x: number; y: number; z: number };
  yawWorldRad: number;
  moving: boolean;
}

export interface PosedScene {
  timeS: number;
  worldFromLidar: Pose3;
  actors: ActorState[];
  /** Static and actor shapes in world coordinates; actor shapes carry their actor index as owner. */
  shapes: Shape[];
}

function actorState(a: ActorSpec, index: number, timeS: number): { state: ActorState; walkPhaseRad: number } {
  const distanceM = a.startDistanceM + a.speedMps * timeS;
  const p = a.path.at(distanceM);
  const xy = worldXYFromRoad(p.sM, p.dM);
  const groundM = groundHeightM(p.sM, p.dM);
  return {
    state: {
      actorIndex: index,
      centerWorldM: { x: xy.x, y: xy.y, z: groundM + BOX_GROUND_CLEARANCE_M + a.size.heightM / 2 },
      yawWorldRad: worldYawFromRoad(p.sM, p.headingRad),
      moving: a.speedMps > 0 && distanceM > 0 && distanceM < a.path.lengthM,
    },
    // About one stride per 1.4 m.
    walkPhaseRad: (distanceM / 1.4) * 2 * Math.PI,
  };
}

/** Ego pose at a time: the lidar sits LIDAR_HEIGHT_M above its lane, heading along the path, level. */
export function egoPoseAt(scene: Scene, timeS: number): Pose3 {
  const p = scene.ego.path.at(scene.ego.speedMps * timeS);
  const xy = worldXYFromRoad(p.sM, p.dM);
  return {
    translationM: { x: xy.x, y: xy.y, z: groundHeightM(p.sM, p.dM) + LIDAR_HEIGHT_M },
    rotation: quatFromYaw(worldYawFromRoad(p.sM, p.headingRad)),
  };
}

/** Every actor and shape at one instant (the sweep and the camera exposures share it). */
export function poseSceneAt(scene: Scene, timeS: number): PosedScene {
  const shapes: Shape[] = scene.staticShapes.slice();
  const actors: ActorState[] = [];
  scene.actors.forEach((a, i) => {
    const { state, walkPhaseRad } = actorState(a, i, timeS);
    actors.push(state);
    const bottomZ = state.centerWorldM.z - a.size.heightM / 2;
    const phase = a.className === "Pedestrian" && state.moving ? walkPhaseRad : 0;
    for (const s of actorShapes(a.className, a.size, a.look, phase)) {
      shapes.push(placeShape(s, state.centerWorldM.x, state.centerWorldM.y, bottomZ, state.yawWorldRad, i));
    }
  });
  return { timeS, worldFromLidar: egoPoseAt(scene, timeS), actors, shapes };
}
