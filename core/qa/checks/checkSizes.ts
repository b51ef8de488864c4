import type { CuboidSize } from "../../model/Cuboid";
import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { m2, makeFinding } from "../makeFinding";
import { median } from "../median";

const DIMS = [
  ["lengthM", "length"],
  ["widthM", "width"],
  ["heightM", "height"],
] as const satisfies ReadonlyArray<readonly [keyof CuboidSize, string]>;

/**
 * Size against the class's typical size (project classes; others are not judged), and each box's
 * size against the median of its track (a rigid object keeps its size). A track of
 * two boxes cannot say which one is wrong, so it is judged from three boxes on.
 */
export function checkSizes(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const plausible = config["size-implausible"];
  const change = config["size-change"];
  const out: QaFinding[] = [];
  if (plausible.enabled && ctx.input.classSizes) {
    for (const items of ctx.byFrame) {
      for (const item of items) {
        const typical = ctx.input.classSizes.get(item.box.className);
        if (!typical) continue;
        const bad = DIMS.filter(([k]) => {
          const r = item.box.size[k] / typical[k];
          const far = Math.abs(item.box.size[k] - typical[k]) > plausible.minDifferenceM;
          return far && (r < plausible.minRatio || r > plausible.maxRatio);
        });
        if (bad.length > 0)
          out.push(
            makeFinding(
              config,
              "size-implausible",
              item,
              `${bad.map(([k, name]) => `${name} ${m2(item.box.size[k])}`).join(", ")} implausible for a ${item.box.className} (typical ${bad.map(([k]) => m2(typical[k])).join(", ")})`,
            ),
          );
      }
    }
  }
  if (change.enabled) {
    for (const items of ctx.tracks.values()) {
      if (items.length < 3) continue;
      // The track's median: one box off does not move it (three boxes on).
      const refs = Object.fromEntries(
        DIMS.map(([k]) => [k, median(items.map((o) => o.box.size[k]))]),
      ) as Record<keyof CuboidSize, number>;
      for (const item of items) {
        const changed = DIMS.flatMap(([k, name]) => {
          const ref = refs[k];
          const d = item.box.size[k] - ref;
          return Math.abs(d) > change.maxRelativeChange * ref && Math.abs(d) > change.minAbsoluteChangeM
            ? [`${name} ${m2(item.box.size[k])} vs ${m2(ref)}`]
            : [];
        });
        if (changed.length > 0)
          out.push(
            makeFinding(
              config,
              "size-change",
              item,
              `size differs from the track's median: ${changed.join(", ")}`,
              { fix: "unify-size" },
            ),
          );
      }
    }
  }
  return out;
}
