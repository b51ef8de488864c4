import { describe, expect, it } from "vitest";
import type { QaFinding } from "../../core/qa/QaFinding";
import { runQaChecks } from "../../core/qa/runQaChecks";
import { loadSnapshot } from "../editor/commands/loadSnapshot";
import { makeCuboid } from "../editor/test/makeCuboid";
import { makeEditor } from "../editor/test/makeEditor";
import { qaInputOfEditor, qaTimelineMarks } from "./QaPanelFindings";

describe("the workspace's QA input and timeline marks", () => {
  it("checks the editor's cuboids against the stored track class and the project's class sizes", () => {
    const editor = makeEditor(3);
    loadSnapshot(editor, {
      cuboids: [0, 1, 2].map((k) =>
        makeCuboid({
          id: `c${k}`,
          frameIndex: k,
          className: k === 1 ? "Truck" : "Car",
          size: { lengthM: k === 2 ? 20 : 4.5, widthM: 1.9, heightM: 1.6 },
        }),
      ),
      tracks: [{ trackId: "1", className: "Car", attributes: {} }],
    });
    const findings = runQaChecks(qaInputOfEditor(editor, editor.store.get(), null));
    expect(findings.map((f) => `${f.kind} ${f.boxId}`).sort()).toEqual([
      "class-change c1",
      "size-change c2",
      "size-implausible c2",
    ]);
  });

  it("marks each frame once, with its worst severity", () => {
    const f = (frameIndex: number, severity: QaFinding["severity"]): QaFinding => ({
      kind: "floating",
      severity,
      frameIndex,
      trackId: "1",
      boxId: null,
      code: "floating",
      values: { heightM: 0.5 },
      message: "",
    });
    expect(qaTimelineMarks([f(3, "info"), f(3, "error"), f(3, "warning"), f(5, "warning")])).toEqual([
      { frameIndex: 3, severity: "error" },
      { frameIndex: 5, severity: "warning" },
    ]);
  });
});
