import { afterEach, describe, expect, it } from "vitest";
import { errorTypeLabel } from "./codeLabels";
import { setLanguage } from "./i18n";

afterEach(() => setLanguage("en"));

describe("error type labels", () => {
  it("translate a built-in type its lead left as it was, keep a renamed or own one as the lead named it", () => {
    setLanguage("zh-CN");
    expect(errorTypeLabel({ code: "wrong-heading", label: "Wrong heading" })).toBe("朝向错误");
    expect(errorTypeLabel({ code: "box-too-loose", label: "Loose box, check the corners" })).toBe(
      "Loose box, check the corners",
    );
    expect(errorTypeLabel({ code: "forklift-missed", label: "叉车漏标" })).toBe("叉车漏标");
    expect(errorTypeLabel({ code: "unspecified", label: "unspecified" })).toBe("未注明原因");
    setLanguage("en");
    expect(errorTypeLabel({ code: "unspecified", label: "unspecified" })).toBe("No reason given");
  });
});
