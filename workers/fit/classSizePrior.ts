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
};

/** The default class a dataset's class name maps to (case-insensitive, with aliases); Unknown otherwise. */
export function resolveClassName(name: string): string {
  const lower = name.toLowerCase();
  const found = DEFAULT_CLASSES.find((c) => c.name.toLowerCase() === lower);
  return found?.name ?? ALIASES[lower] ?? "Unknown";
}

/** Typical size of a class: the prior for sparse or partly seen objects. */
export function classSizePrior(name: string): CuboidSize {
  const resolved = resolveClassName(name);
  const found = DEFAULT_CLASSES.find((c) => c.name === resolved);
  return { ...(found ?? DEFAULT_CLASSES[DEFAULT_CLASSES.length - 1]!).defaultSize };
}
