import { describe, expect, it } from "vitest";
import { defaultQaConfig, parseQaOverrides, qaConfigSchema } from "./QaConfig";

describe("parseQaOverrides", () => {
  it("keeps valid overrides as given; the defaults fill the rest on use", () => {
    const given = { duplicate: { minBevIou: 0.2, blocksSubmission: true }, floating: { enabled: false } };
    expect(parseQaOverrides(given)).toEqual({ overrides: given });
    const config = qaConfigSchema.parse(given);
    expect(config.duplicate).toEqual({
      ...defaultQaConfig().duplicate,
      minBevIou: 0.2,
      blocksSubmission: true,
    });
    expect(config["heading-flip"]).toEqual(defaultQaConfig()["heading-flip"]);
  });

  it("refuses unknown checks, unknown settings and bad values, naming the path", () => {
    expect(parseQaOverrides([])).toEqual({ problem: "expected an object of checks" });
    expect(parseQaOverrides({ dupes: {} })).toEqual({ problem: "dupes: not a QA check" });
    expect(parseQaOverrides({ duplicate: 3 })).toEqual({
      problem: "duplicate: expected an object of settings",
    });
    expect(parseQaOverrides({ duplicate: { minBevIOU: 0.2 } })).toEqual({
      problem: "duplicate.minBevIOU: not a setting of this check",
    });
    const bad = parseQaOverrides({ "few-points": { severity: "fatal" } });
    expect("problem" in bad && bad.problem).toMatch(/^few-points\.severity: /);
  });
});
