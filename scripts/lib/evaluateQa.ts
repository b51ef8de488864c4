import type { BoxLabel } from "../../core/formats/BoxLabel";
import { defaultQaConfig, type QaConfig } from "../../core/qa/QaConfig";
import type { QaFinding } from "../../core/qa/QaFinding";
import { measureBoxPoints } from "../../core/qa/measureBoxPoints";
import { runQaChecks } from "../../core/qa/runQaChecks";
import { createSeededPrng } from "../../workers/fit/createSeededPrng";
import { qaInputOfScene } from "./qaInputOfScene";
import type { SceneRuntime } from "./SceneRuntime";
import { type Labels, SEEDED_KINDS, type SeededKind, seedQaErrors } from "./seedQaErrors";

export interface KindScore {
  seeded: number;
  caught: number;
  /** Boxes the seeding left alone, over the trials of this kind, and those of them with a finding. */
  correctBoxes: number;
  falselyFlagged: number;
  /** The kinds of the findings on those boxes. */
  falseFlagKinds: Record<string, number>;
  /** The errors no finding caught: frame position, track, what was done. */
  missed: string[];
}

export interface QaEvaluation {
  scene: string;
  perKind: Record<SeededKind, KindScore>;
  /** Seeded errors caught by a finding on their track(s) at their frame. */
  catchRate: number;
  /** Share of the unmodified (correct) boxes of the seeded runs that drew any finding. */
  falseFlagRate: number;
  /** The real labels alone: boxes, boxes with a finding, findings by kind. */
  clean: { boxes: number; flagged: number; rate: number; byKind: Record<string, number> };
}

const boxKey = (frameIndex: number, trackId: string) => `${frameIndex}/${trackId}`;
const flaggedBoxes = (findings: readonly QaFinding[]) =>
  new Set(findings.filter((f) => f.boxId !== null).map((f) => boxKey(f.frameIndex, f.trackId)));

export interface EvaluateQaOptions {
  seed?: number;
  /** Seeded runs per kind, each with its own errors. */
  trials?: number;
  config?: QaConfig;
}

/**
 * The seeded evaluation: for each kind of reviewer finding, `trials` times, seed errors into a copy
 * of the scene's labels (about one track in five, each error in its own track), run every check,
 * and count the errors caught and the untouched boxes flagged. Also runs the real labels alone.
 */
export function evaluateQa(rt: SceneRuntime, options: EvaluateQaOptions = {}): QaEvaluation {
  const config = options.config ?? defaultQaConfig();
  const trials = options.trials ?? 3;
  const clean: Labels = rt.scene.frames.map((f) => f.labels);
  const run = (labels: Labels) => runQaChecks(qaInputOfScene(rt, labels), config);
  const cleanFindings = run(clean);
  const boxes = clean.flat().length;
  const byKind: Record<string, number> = {};
  for (const f of cleanFindings) byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  const trackCount = new Set(clean.flat().map((l) => l.trackId)).size;
  const count = Math.max(1, Math.min(10, Math.round(trackCount / 5)));
  const objectPoints = (k: number, label: BoxLabel) =>
    measureBoxPoints(rt.index(k), { ...label, id: "", frameIndex: k }, 0).objectPoints;
  const perKind = {} as Record<SeededKind, KindScore>;
  SEEDED_KINDS.forEach((kind, kindIndex) => {
    const score: KindScore = {
      seeded: 0,
      caught: 0,
      correctBoxes: 0,
      falselyFlagged: 0,
      falseFlagKinds: {},
      missed: [],
    };
    for (let trial = 0; trial < trials; trial++) {
      const random = createSeededPrng((options.seed ?? 13) * 1000 + kindIndex * 10 + trial);
      const { labels, errors } = seedQaErrors(clean, kind, { count, random, objectPoints });
      const findings = run(labels);
      for (const e of errors) {
        score.seeded++;
        if (findings.some((f) => f.frameIndex === e.frameIndex && e.trackIds.includes(f.trackId)))
          score.caught++;
        else score.missed.push(`frame ${e.frameIndex} track ${e.trackIds.join("+")}: ${e.description}`);
      }
      const touched = new Set(errors.flatMap((e) => e.touched));
      const flagged = flaggedBoxes(findings);
      labels.forEach((frame, k) => {
        for (const l of frame) {
          const key = boxKey(k, l.trackId);
          if (touched.has(key)) continue;
          score.correctBoxes++;
          if (flagged.has(key)) score.falselyFlagged++;
        }
      });
      for (const f of findings)
        if (f.boxId !== null && !touched.has(boxKey(f.frameIndex, f.trackId)))
          score.falseFlagKinds[f.kind] = (score.falseFlagKinds[f.kind] ?? 0) + 1;
    }
    perKind[kind] = score;
  });
  const all = Object.values(perKind);
  const sum = (f: (s: KindScore) => number) => all.reduce((a, s) => a + f(s), 0);
  const flagged = flaggedBoxes(cleanFindings).size;
  return {
    scene: rt.scene.dir,
    perKind,
    catchRate:
      sum((s) => s.caught) /
      Math.max(
        1,
        sum((s) => s.seeded),
      ),
    falseFlagRate:
      sum((s) => s.falselyFlagged) /
      Math.max(
        1,
        sum((s) => s.correctBoxes),
      ),
    clean: { boxes, flagged, rate: flagged / Math.max(1, boxes), byKind },
  };
}
