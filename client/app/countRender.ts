/** Renders per component, on `window.__renderCounts`; e2e/frameStepRenders reads them. */
export type RenderCounts = Record<string, number>;

/**
 * Counts a render of component `name`, in the browser tests' build only (VITE_COUNT_RENDERS=1, set
 * by e2e/globalSetup.ts): the check that a frame step re-renders only what changed. In any other
 * build the condition is a constant and the bundler drops the body.
 */
export function countRender(name: string): void {
  if (import.meta.env.VITE_COUNT_RENDERS !== "1") return;
  const w = window as unknown as { __renderCounts?: RenderCounts };
  const counts = (w.__renderCounts ??= {});
  counts[name] = (counts[name] ?? 0) + 1;
}
