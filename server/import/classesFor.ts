import type { BoxLabel } from "../../core/formats/BoxLabel";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import { must } from "../../core/model/must";

const PALETTE = [
  "#4cc9f0",
  "#f72585",
  "#7bd389",
  "#f4a261",
  "#b5179e",
  "#90be6d",
  "#e9c46a",
  "#43aa8b",
  "#ff8fab",
  "#8ecae6",
];

const median = (xs: number[]) =>
  must([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)], "a median of no values");

/**
 * The class list of an imported sequence: the source's own, else the defaults, plus every class
 * its boxes use that the list lacks (KITTI "Misc", SUSTechPOINTS "Rider"), with the median size of
 * its boxes as the default size and a colour from a fixed palette.
 */
export function classesFor(
  boxes: readonly BoxLabel[],
  given?: readonly ClassDefinition[],
): ClassDefinition[] {
  const classes = [...(given ?? DEFAULT_CLASSES)];
  const known = new Set(classes.map((c) => c.name));
  const byClass = new Map<string, BoxLabel[]>();
  for (const b of boxes)
    if (!known.has(b.className)) byClass.set(b.className, [...(byClass.get(b.className) ?? []), b]);
  let n = 0;
  for (const [name, list] of byClass) {
    classes.push({
      name,
      color: must(PALETTE[n++ % PALETTE.length], "a palette colour"),
      defaultSize: {
        lengthM: median(list.map((b) => b.size.lengthM)),
        widthM: median(list.map((b) => b.size.widthM)),
        heightM: median(list.map((b) => b.size.heightM)),
      },
      attributes: [],
    });
  }
  return classes;
}
