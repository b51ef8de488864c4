import { afterEach, describe, expect, it } from "vitest";
import type { QaFinding } from "../../core/qa/QaFinding";
import { QA_MESSAGE_CODES, qaMessageText } from "../../core/qa/qaMessages";
import { runQaChecks } from "../../core/qa/runQaChecks";
import { edit, makeQaScene } from "../../core/qa/test/makeQaScene";
import { ApiError } from "../app/api";
import { errorMessage } from "./errorMessage";
import { i18n, setLanguage } from "./i18n";
import { qaFindingText } from "./qaLabels";
import { must } from "../../core/model/must";

afterEach(() => setLanguage("en"));

/** Findings of many kinds on the QA test scene (core/qa/test). */
function someFindings(): QaFinding[] {
  const scene = makeQaScene();
  let boxes = edit(scene.boxes, "3/parked", (b) => ({ centerM: { ...b.centerM, z: b.centerM.z + 1 } }));
  boxes = edit(boxes, "6/moving", (b) => ({ yawRad: b.yawRad + Math.PI, className: "Truck" }));
  boxes = edit(boxes, "2/parked", (b) => ({ size: { ...b.size, lengthM: 15 } }));
  boxes = edit(boxes, "4/parked", (b) => ({ size: { ...b.size, widthM: 1.35 } }));
  boxes = boxes.filter((b) => b.id !== "8/parked");
  return runQaChecks(scene.input(boxes));
}

describe("QA findings in the UI language", () => {
  it("every message code has a catalogue message in both languages", () => {
    for (const lang of ["en", "zh-CN"])
      for (const code of QA_MESSAGE_CODES)
        expect(i18n.exists(`qa.message.${code}`, { lng: lang }), `${lang} qa.message.${code}`).toBe(true);
  });

  it("renders core's findings in Chinese with their values, faces and dimensions translated", () => {
    const findings = someFindings();
    expect(new Set(findings.map((f) => f.code)).size).toBeGreaterThan(4);
    setLanguage("zh-CN");
    for (const f of findings) {
      const text = qaFindingText(f);
      // Class names and track ids are data; every other Latin word would be untranslated English.
      const words = text.replace(/Car|Truck|Pedestrian|IoU|parked|moving|walker/g, "").match(/[A-Za-z]{3,}/g);
      expect(words, `${f.code}: ${text}`).toBeNull();
      for (const v of Object.values(f.values))
        if (typeof v === "number") expect(text, f.code).toContain(String(v));
    }
    const size = must(
      findings.find((f) => f.code === "sizeImplausible"),
      "a sizeImplausible finding",
    );
    expect(qaFindingText(size)).toContain("长 15 米");
  });

  it("English follows core's message; an unknown code (an older server) shows the message as sent", () => {
    const f = must(
      someFindings().find((x) => x.code === "headingFlipVsTrack"),
      "a headingFlipVsTrack finding",
    );
    expect(qaFindingText(f).toLowerCase()).toBe(qaMessageText(f.code, f.values).toLowerCase());
    const old = { ...f, code: "retired" as QaFinding["code"], message: "as sent" };
    expect(qaFindingText(old)).toBe("as sent");
  });

  it("a submission refused by blocking checks names their count and checks in Chinese", () => {
    setLanguage("zh-CN");
    const body = {
      error: "qa-blocking",
      message: "submit: 2 findings of checks the project makes blocking (duplicate, heading-flip); …",
      count: 2,
      findings: [{ kind: "duplicate" }, { kind: "heading-flip" }],
    };
    const text = errorMessage(new ApiError("/api/tasks/t/submit", 409, body.message, "qa-blocking", body));
    expect(text).toContain("2 个问题");
    expect(text).toContain("重复");
    expect(text).not.toMatch(/duplicate|heading|submit/);
  });
});

describe("track ids in QA lines", () => {
  it("name another track by its first 8 characters when its id is a UUID, a short id as it is", () => {
    const uuid = "46be4701-6b19-402a-b034-172c83e70767";
    const finding = (otherTrack: string) =>
      qaFindingText({ code: "duplicate", values: { otherTrack, iou: 0.48, sharePct: 100 }, message: "" });
    // Before, an Argoverse duplicate's line was mostly the other track's 36-character id.
    expect(finding(uuid)).toContain("track 46be4701's box");
    expect(finding(uuid)).not.toContain("6b19");
    expect(finding("12")).toContain("track 12's box");
  });
});
