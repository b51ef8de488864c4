import { expect, it } from "vitest";
import { defaultQaConfig } from "../../../core/qa/QaConfig";
import { qaOverrides } from "./QaSettings";

it("stores only the settings a lead changed", () => {
  const defaults = defaultQaConfig();
  expect(qaOverrides(defaults, defaults)).toEqual({});
  const edited = {
    ...defaults,
    floating: { ...defaults.floating, severity: "error" as const, maxHeightM: 0.6 },
    "attribute-change": { ...defaults["attribute-change"], trackWideAttributes: ["type"] },
  };
  expect(qaOverrides(edited, defaults)).toEqual({
    floating: { severity: "error", maxHeightM: 0.6 },
    "attribute-change": { trackWideAttributes: ["type"] },
  });
});
