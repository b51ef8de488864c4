import type { QaContext, QaItem } from "../QaContext";
import type { QaFinding } from "../QaFinding";
import { makeFinding } from "../makeFinding";

type Value = string | number | boolean | undefined;

/** The most common value (the first seen wins a tie). */
function majority(values: readonly Value[]): Value {
  const counts = new Map<Value, number>();
  let best: Value;
  let bestCount = 0;
  for (const v of values) {
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (n > bestCount) {
      best = v;
      bestCount = n;
    }
  }
  return best;
}

/**
 * Class or attributes changing inside a track. The class is the track's (stored, or its boxes'
 * majority); a box of another class is a finding. Attributes the project names track-wide must not
 * change at all (a box off the track's majority value is a finding); the others (occlusion and the
 * like) change legitimately from frame to frame.
 */
export function checkClassAndAttributes(ctx: QaContext): QaFinding[] {
  const { config } = ctx;
  const cls = config["class-change"];
  const attr = config["attribute-change"];
  const trackWide = new Set(attr.trackWideAttributes);
  const out: QaFinding[] = [];
  for (const [trackId, items] of ctx.tracks) {
    if (cls.enabled) {
      const trackClass =
        ctx.input.trackClasses?.get(trackId) ?? (majority(items.map((i) => i.box.className)) as string);
      for (const item of items)
        if (item.box.className !== trackClass)
          out.push(
            makeFinding(config, "class-change", item, "classChange", {
              className: item.box.className,
              trackClass,
            }),
          );
    }
    if (!attr.enabled) continue;
    const names = new Set(items.flatMap((i) => Object.keys(i.box.attributes)));
    for (const name of names) {
      if (!trackWide.has(name)) continue;
      const values = items.map((i) => i.box.attributes[name]);
      const usual = majority(values);
      items.forEach((item, i) => {
        if (values[i] !== usual) out.push(attributeFinding(ctx, item, name, values[i], usual));
      });
    }
  }
  return out;
}

function attributeFinding(ctx: QaContext, item: QaItem, name: string, value: Value, usual: Value): QaFinding {
  return makeFinding(ctx.config, "attribute-change", item, "attributeChange", {
    name,
    value: String(value),
    usual: String(usual),
  });
}
