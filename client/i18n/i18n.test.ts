import { afterEach, describe, expect, it } from "vitest";
import { displayNameIn } from "../../core/model/ClassDefinition";
import { classDisplayName } from "./classDisplayName";
import { formatBytes, formatFixed, formatMeters, formatNumber, formatPercent } from "./format";
import { currentLanguage, detectLanguage, setLanguage, t } from "./i18n";

afterEach(() => setLanguage("en"));

describe("i18n", () => {
  it("detects the language from the browser's list", () => {
    expect(detectLanguage(["zh-CN", "en"])).toBe("zh-CN");
    expect(detectLanguage(["zh-Hans-CN"])).toBe("zh-CN");
    expect(detectLanguage(["de-DE", "en-GB"])).toBe("en");
    expect(detectLanguage(["fr"])).toBe("en");
    expect(detectLanguage([])).toBe("en");
  });

  it("translates outside React and interpolates", () => {
    expect(t("notices.newBoxesClass", { className: "Car" })).toBe("New boxes: Car");
    setLanguage("zh-CN");
    expect(currentLanguage()).toBe("zh-CN");
    expect(t("notices.newBoxesClass", { className: "Car" })).toBe("新建3D框类别：Car");
  });

  it("formats numbers for the locale and keeps unit symbols", () => {
    expect(formatNumber(12345.678)).toBe("12,345.68");
    expect(formatFixed(1.5, 2)).toBe("1.50");
    expect(formatMeters(4.2)).toBe("4.20 m");
    expect(formatPercent(0.25)).toBe("25%");
    expect(formatBytes(3 * 1024 * 1024)).toBe("3 MB");
    setLanguage("zh-CN");
    expect(formatNumber(12345.678)).toBe("12,345.68");
    expect(formatMeters(4.2)).toBe("4.20 m");
  });

  it("shows a class's display name in the UI language, else its canonical name", () => {
    const cls = { name: "Pedestrian", displayNames: { "zh-CN": "行人" } };
    expect(classDisplayName(cls)).toBe("Pedestrian");
    setLanguage("zh-CN");
    expect(classDisplayName(cls)).toBe("行人");
    expect(classDisplayName({ name: "Car" })).toBe("Car");
    expect(displayNameIn({ name: "Car", displayNames: { zh: "汽车" } }, "zh-CN")).toBe("汽车");
  });
});
