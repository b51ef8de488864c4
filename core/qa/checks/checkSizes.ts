import type { CuboidSize } from "../../model/Cuboid";
import type { QaContext } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";
import { type QaMessageValues, roundM } from "../qaMessages";
import { median } from "../median";

const DIMS = [
  ["lengthM", "length"],
  ["widthM", "width"],
  ["heightM", "height"],
] as const satisfies ReadonlyArray<readonly [keyof CuboidSize, string]>;

/** A size message's values (core/qa/qaMessages): the dimensions named, each with its value and reference. */
function sizeValues(
  dims: ReadonlyArray<(typeof DIMS)[number]>,
  size: CuboidSize,
  ref: CuboidSize,
  extra: Record<string, string> = {},
): QaMessageValues {
  const values: Record<string, string | number> = { ...extra, dims: dims.map(([, name]) => name).join(",") };
  for (const [k, name] of dims) {
    values[`${name}M`] = roundM(size[k]);
    values[`ref${name.charAt(0).toUpperCase()}${name.slice(1)}M`] = roundM(ref[k]);
  }
  return values;
}

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
              "sizeImplausible",
              sizeValues(bad, item.box.size, typical, { className: item.box.className }),
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
        const ratios = DIMS.map(([k]) => item.box.size[k] / refs[k]);
        let changed = DIMS.filter(([k]) => {
          const d = item.box.size[k] - refs[k];
          return Math.abs(d) > change.maxRelativeChange * refs[k] && Math.abs(d) > change.minAbsoluteChangeM;
        });
        // Small objects (a 0.4 m cone) never reach the absolute floor: a whole box scaled one way
        // (every dimension off by the relative limit, the same way) is a finding from a smaller one.
        const scaled =
          (ratios.every((r) => r > 1 + change.maxRelativeChange) ||
            ratios.every((r) => r < 1 - change.maxRelativeChange)) &&
          Math.abs(
            Math.hypot(item.box.size.lengthM, item.box.size.widthM, item.box.size.heightM) -
              Math.hypot(refs.lengthM, refs.widthM, refs.heightM),
          ) > change.minScaleChangeM;
        if (scaled) changed = [...DIMS];
        if (changed.length > 0)
          out.push(
            makeFinding(config, "size-change", item, "sizeChange", sizeValues(changed, item.box.size, refs), {
              fix: "unify-size",
            }),
          );
      }
    }
  }
  return out;
}
