import type { Editor } from "../createEditor";

const pending = new WeakMap<Editor, Promise<unknown>>();

/**
 * Runs the editor's asynchronous machine steps (auto-fit, propagation, track size) one after
 * another: each reads the selection only when the previous one has landed, so pressing X then P
 * propagates the fitted box instead of dropping the propagation as stale. With nothing pending
 * the step starts at once (synchronously), so an edit made while it runs is seen as newer.
 */
export function queueFitStep<T>(editor: Editor, step: () => Promise<T>): Promise<T> {
  const prior = pending.get(editor);
  let tail: Promise<unknown> | undefined;
  const run = (async () => {
    if (prior) await prior;
    try {
      return await step();
    } finally {
      // Cleared before `run` settles: whoever awaits it finds the queue idle.
      if (pending.get(editor) === tail) pending.delete(editor);
    }
  })();
  tail = run.catch(() => {});
  pending.set(editor, tail);
  return run;
}
