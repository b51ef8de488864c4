import { DEFAULT_CLASSES } from "../../../core/model/defaultClasses";
import { createEditor, type Editor } from "../createEditor";
import type { KeyInput } from "../shortcuts";

/** A headless editor with deterministic ids (`${idPrefix}-0001`, …) and clock; one prefix per simulated tab. */
export function makeEditor(frameCount = 5, idPrefix = "id"): Editor {
  let n = 0;
  return createEditor({
    classes: DEFAULT_CLASSES,
    author: "tester",
    frameCount,
    now: () => "2026-01-01T00:00:00.000Z",
    newId: () => `${idPrefix}-${String(++n).padStart(4, "0")}`,
  });
}

/** A scripted key press: `key("KeyW", { shiftKey: true })`, `key("ArrowRight")`. */
export function key(codeOrKey: string, mods: Partial<KeyInput> = {}): KeyInput {
  const isCode = /^(Key|Digit)/.test(codeOrKey);
  const key = isCode
    ? codeOrKey.startsWith("Digit")
      ? codeOrKey.slice(5)
      : codeOrKey.slice(3).toLowerCase()
    : codeOrKey;
  return {
    key,
    code: isCode ? codeOrKey : "",
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    ...mods,
  };
}

export const ground = (
  xM: number,
  yM: number,
  extra: { shiftKey?: boolean; altKey?: boolean; button?: number } = {},
) => ({
  xM,
  yM,
  button: extra.button ?? 0,
  shiftKey: extra.shiftKey ?? false,
  altKey: extra.altKey ?? false,
});
