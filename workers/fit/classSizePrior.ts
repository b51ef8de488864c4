import type { CuboidSize } from "../../core/model/Cuboid";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";

/** Class names other datasets use for our classes (lower case → our name). */
const ALIASES: Record<string, string> = {
  rider: "Cyclist",
  bicycle: "Cyclist",
  bicyclist: "Cyclist",
  motor: "Motorcycle",
  motorbike: "Motorcycle",
  motorcyclist: "Motorcycle",
  person: "Pedestrian",
  person_sitting: "Pedestrian",
  tram: "Bus",
  misc: "Unknown",
  vehicle: "Car",
  emergency_vehicle: "Car",
  large_vehicle: "Truck",
  trailer: "Truck",
  school_bus: "Bus",
  moped: "Motorcycle",
};

/** The default class a dataset's class name maps to (case-insensitive, with aliases); Unknown otherwise. */
export function resolveClassName(name: string): string {
  const lower = name.toLowerCase();
  const found = DEFAULT_CLASSES.find((c) => c.name.toLowerCase() === lower);
  return found?.name ?? ALIASES[lower] ?? "Unknown";
}

/**
 * Which class sizes serve as priors. "default": the tool's class catalogue (DEFAULT_CLASSES);
 * "kitti": KITTI's per-class mean label sizes, for scenes recorded by KITTI (a KITTI "Truck" is
 * mostly a tractor-trailer, 10.1 m on average; the catalogue's 8 m truck is half a semi and 3 m
 * longer than a delivery truck; a KITTI car is 3.88 m, the catalogue's 4.5 m).
 */
export type SizePriorSet = "default" | "kitti";

/**
 * Mean length, width, height (m) over the KITTI object training labels, as published with
 * Frustum PointNets (Qi et al. 2018, github.com/charlesq34/frustum-pointnets,
 * models/model_util.py `g_type_mean_size`). Keys are our class names after resolveClassName
 * (KITTI "Misc" → Unknown, "Tram" → Bus, "Person_sitting" → Pedestrian takes the standing mean).
 */
const KITTI_MEAN_SIZES: Record<string, CuboidSize> = {
  Car: { lengthM: 3.883, widthM: 1.629, heightM: 1.526 },
  Van: { lengthM: 5.068, widthM: 1.901, heightM: 2.205 },
  Truck: { lengthM: 10.136, widthM: 2.585, heightM: 3.252 },
  Pedestrian: { lengthM: 0.844, widthM: 0.661, heightM: 1.763 },
  Cyclist: { lengthM: 1.763, widthM: 0.597, heightM: 1.737 },
  Bus: { lengthM: 16.172, widthM: 2.532, heightM: 3.531 },
  Unknown: { lengthM: 3.643, widthM: 1.543, heightM: 1.923 },
};

/** Typical size of a class: the prior for sparse or partly seen objects. */
export function classSizePrior(name: string, set: SizePriorSet = "default"): CuboidSize {
  const resolved = resolveClassName(name);
  const kitti = set === "kitti" ? KITTI_MEAN_SIZES[resolved] : undefined;
  if (kitti) return { ...kitti };
  const found = DEFAULT_CLASSES.find((c) => c.name === resolved) ?? DEFAULT_CLASSES.at(-1);
  if (!found) throw new Error("classSizePrior: DEFAULT_CLASSES is empty");
  return { ...found.defaultSize };
}
