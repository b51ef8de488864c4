import { describe, expect, it } from "vitest";
import type { ClassDefinition } from "../../../core/model/ClassDefinition";
import { DEFAULT_CLASSES } from "../../../core/model/defaultClasses";
import { withDefaultDisplayNames } from "./0005_locale";
import { must } from "../../../core/model/must";

/** A catalogue as stored before display names existed. */
const old = (): ClassDefinition[] =>
  JSON.parse(JSON.stringify(DEFAULT_CLASSES), (k, v) =>
    k === "displayNames" || k === "valueDisplayNames" ? undefined : v,
  );

describe("migration 0005: default classes get their display names", () => {
  it("fills the default classes' names, attributes and values where a catalogue has none", () => {
    const filled = withDefaultDisplayNames(old());
    expect(filled).toEqual(DEFAULT_CLASSES);
    expect(
      must(
        filled.find((c) => c.name === "Pedestrian"),
        'filled.find((c) => c.name === "Pedestrian")',
      ).displayNames,
    ).toEqual({ "zh-CN": "行人" });
  });

  it("keeps a project's own names and its own classes untouched", () => {
    const mine: ClassDefinition[] = [
      { ...must(old()[0], "old()[0]"), displayNames: { "zh-CN": "轿车" } },
      {
        name: "Forklift",
        color: "#123456",
        defaultSize: { lengthM: 3, widthM: 1.2, heightM: 2 },
        attributes: [],
      },
    ];
    const filled = withDefaultDisplayNames(mine);
    expect(must(filled[0], "filled[0]").displayNames).toEqual({ "zh-CN": "轿车" });
    expect(filled[1]).toEqual(mine[1]);
  });
});
