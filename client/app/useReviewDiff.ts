import { useCallback, useEffect, useState } from "react";
import type { ReviewDiffJson } from "../../core/api/review";
import type { Cuboid } from "../../core/model/Cuboid";
import type { Editor } from "../editor/createEditor";
import type { ReviewSession } from "../editor/review/createReviewSession";
import { fetchAnnotations } from "./apiClient";
import { fetchReviewDiff } from "./reviewApi";

export interface ReviewDiffView {
  diff: ReviewDiffJson | null;
  /** The earlier revision's boxes that changed since, by cuboid id: drawn as ghosts. */
  ghosts: ReadonlyMap<string, Cuboid>;
  /** Compare two revisions (both undefined: the last submission against now). */
  compare(range: { from?: number; to?: number }): void;
  range: { from?: number; to?: number };
  error: string | null;
}

/**
 * The difference review made, from the server's diff route: per box BEV IoU, centre, heading and
 * size change between the task's first submission (or any two revisions) and now, with the earlier
 * version of each changed box for the ghost. Fetched again each time the editor's saves settle.
 */
export function useReviewDiff(
  editor: Editor,
  review: ReviewSession | null,
  sequenceId: string,
): ReviewDiffView {
  const [range, setRange] = useState<{ from?: number; to?: number }>({});
  const [diff, setDiff] = useState<ReviewDiffJson | null>(null);
  const [ghosts, setGhosts] = useState<ReadonlyMap<string, Cuboid>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const taskId = review?.store.get().task?.id ?? null;

  // Without a task there is no diff to fetch: saves must not re-render the page that holds this.
  useEffect(() => {
    if (!review) return;
    return editor.store.subscribe((s, p) => {
      if (s.save.status === "saved" && p.save.status !== "saved") setTick((t) => t + 1);
    });
  }, [editor, review]);
  useEffect(() => {
    if (!review) return;
    return review.store.subscribe((s, p) => {
      if (s.task?.state !== p.task?.state) setTick((t) => t + 1);
    });
  }, [review]);

  useEffect(() => {
    if (!taskId || !review) return;
    let live = true;
    void tick;
    // By default the task's first submission against now: the ghost is the version first handed in,
    // so a second round of review still sees what the rework changed.
    const first = review.store.get().history.find((h) => h.action === "submit");
    const from = range.from ?? first?.revision;
    // Never submitted and no range asked for: nothing to compare with (the server says 409).
    if (from === undefined) return;
    fetchReviewDiff(taskId, { ...range, from })
      .then(async (d) => {
        const before = await fetchAnnotations(sequenceId, { revision: d.fromRevision });
        if (!live) return;
        const changed = new Set(d.boxes.filter((b) => b.change === "changed").map((b) => b.cuboidId));
        setGhosts(new Map(before.cuboids.filter((c) => changed.has(c.id)).map((c) => [c.id, c])));
        setDiff(d);
        setError(null);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [taskId, review, sequenceId, range, tick]);

  return { diff, ghosts, range, compare: useCallback((r) => setRange(r), []), error };
}
