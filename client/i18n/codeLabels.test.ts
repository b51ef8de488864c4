import { afterEach, describe, expect, it } from "vitest";
import type { AttributeDefinition } from "../../core/model/ClassDefinition";
import { authorLabel, errorTypeLabel, fieldLabel } from "./codeLabels";
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

describe("field and author labels", () => {
  const occlusion: AttributeDefinition = {
    name: "occlusion",
    kind: "enum",
    values: ["none", "partial"],
    displayNames: { "zh-CN": "遮挡" },
  };
  it("name a conflict's field by the inspector's word, an attribute by the project's display name", () => {
    setLanguage("zh-CN");
    // Before, a Chinese annotator read "centerM.x" and "attributes.occlusion".
    expect(fieldLabel("centerM.x")).toBe("中心 x");
    expect(fieldLabel("className")).toBe("类别");
    expect(fieldLabel("size.widthM")).toBe("宽");
    expect(fieldLabel("attributes.occlusion", [occlusion])).toBe("属性“遮挡”");
    expect(fieldLabel("attributes.lights")).toBe("属性“lights”");
    expect(fieldLabel("somethingNew")).toBe("somethingNew");
    expect(authorLabel("import")).toBe("导入");
    expect(authorLabel("王芳")).toBe("王芳");
    setLanguage("en");
    expect(fieldLabel("yawRad")).toBe("yaw");
  });
});
