import { type AnnotationDiff, emptyDiff, invertDiff, isEmptyDiff, mergeDiffs } from "./AnnotationDiff";

/**
 * Undo/redo from diffs (STYLE.md §6). Only user edits are recorded; loads, remote updates and save
 * acknowledgements never reach here (§7). An interaction (a drag) is opened with `begin()`: every
 * diff recorded until `end()` merges into one undo step, and `cancel()` returns the inverse of what
 * it recorded so the caller can roll the store back (Esc).
 */
export interface History {
  record(diff: AnnotationDiff): void;
  begin(): void;
  end(): void;
  /** Closes the open interaction and returns the diff that undoes it (empty if none). */
  cancel(): AnnotationDiff;
  /** The diff to apply to undo the last step, or null; moves the step to the redo stack. */
  undo(): AnnotationDiff | null;
  redo(): AnnotationDiff | null;
  canUndo(): boolean;
  canRedo(): boolean;
  readonly inInteraction: boolean;
}

export function createHistory(limit = 500): History {
  const undos: AnnotationDiff[] = [];
  const redos: AnnotationDiff[] = [];
  let open: AnnotationDiff | null = null;

  const push = (d: AnnotationDiff) => {
    if (isEmptyDiff(d)) return;
    undos.push(d);
    if (undos.length > limit) undos.shift();
    redos.length = 0;
  };

  return {
    record(diff) {
      if (isEmptyDiff(diff)) return;
      if (open) open = mergeDiffs(open, diff);
      else push(diff);
    },
    begin() {
      if (open) push(open);
      open = emptyDiff();
    },
    end() {
      if (open) push(open);
      open = null;
    },
    cancel() {
      const d = open ?? emptyDiff();
      open = null;
      return invertDiff(d);
    },
    undo() {
      if (open) {
        push(open);
        open = null;
      }
      const d = undos.pop();
      if (!d) return null;
      redos.push(d);
      return invertDiff(d);
    },
    redo() {
      const d = redos.pop();
      if (!d) return null;
      undos.push(d);
      return d;
    },
    canUndo: () => undos.length > 0 || (open !== null && !isEmptyDiff(open)),
    canRedo: () => redos.length > 0,
    get inInteraction() {
      return open !== null;
    },
  };
}
