import { DEFAULT_CLASSES } from "../../../core/model/defaultClasses";
import { resolveClassName } from "../../../workers/fit/classSizePrior";
import type { BrowserAnnotator } from "./createBrowserAnnotator";

export interface ClassKeys {
  /** Presses the class's digit unless it is already the active class (call it in the create tool: N first). */
  choose(className: string): Promise<void>;
}

/** The active class as the annotator knows it (it pressed the keys), starting from `initial`. */
export function classKeys(a: BrowserAnnotator, initial: string): ClassKeys {
  let active = initial;
  return {
    async choose(className) {
      const cls = DEFAULT_CLASSES.find((c) => c.name === resolveClassName(className));
      if (!cls?.hotkey || cls.name === active) return;
      await a.press(cls.hotkey);
      active = cls.name;
    },
  };
}
