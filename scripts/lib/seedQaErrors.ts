import type { BoxLabel } from "../../core/formats/BoxLabel";
import { must } from "../../core/model/must";

/** The reviewer findings the evaluation seeds into correct labels. */
export const SEEDED_KINDS = [
  "jump",
  "heading-off",
  "heading-flip",
  "size",
  "class-flip",
  "removed",
  "duplicate",
  "lifted",
  "id-swap",
] as const;
export type SeededKind = (typeof SEEDED_KINDS)[number];

/** One seeded error: where a finding must land to catch it (any of `trackIds` at `frameIndex`). */
export interface SeededError {
  kind: SeededKind;
  frameIndex: number;
  trackIds: string[];
  /** Boxes the seeding changed or made, as `<frameIndex>/<trackId>` after seeding: they are not "correct boxes". */
  touched: string[];
  description: string;
}

/** A frame's labels as the seeding edits them (copied, never the caller's). */
export type Labels = BoxLabel[][];

export interface SeedOptions {
  /** How many errors of the kind to seed (fewer when fewer boxes qualify). */
  count: number;
  random: () => number;
  /** Object points inside a correct box; "removed" and "lifted" need an object the lidar sees. */
  objectPoints: (frameIndex: number, label: BoxLabel) => number;
}

const DEG = Math.PI / 180;
const key = (k: number, trackId: string) => `${k}/${trackId}`;

/** Boxes of every track in frame order, as [frameIndex, label]. */
function tracksOf(labels: Labels): Map<string, Array<[number, BoxLabel]>> {
  const tracks = new Map<string, Array<[number, BoxLabel]>>();
  labels.forEach((frame, k) => {
    for (const l of frame) {
      const t = tracks.get(l.trackId);
      if (t) t.push([k, l]);
      else tracks.set(l.trackId, [[k, l]]);
    }
  });
  return tracks;
}

const uniform = (random: () => number, lo: number, hi: number) => lo + (hi - lo) * random();
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const [a, b] = [out[i], out[j]];
    if (a !== undefined && b !== undefined) [out[i], out[j]] = [b, a];
  }
  return out;
}

/**
 * Seeds `count` errors of one kind into a copy of `labels`, each in a different track (and, for a
 * swap, a different pair), the way reviewers find them: a box jumped ~1 m, a heading 20–40° off
 * or flipped, a size ±25–35%, a box of another class, a visible box removed from the middle of a
 * track, a duplicate box on top of one, a visible box lifted 0.7–1.2 m off its object, and two
 * nearby tracks swapping ids from a frame on.
 */
export function seedQaErrors(
  source: Labels,
  kind: SeededKind,
  o: SeedOptions,
): { labels: Labels; errors: SeededError[] } {
  const labels: Labels = source.map((f) => f.map((l) => ({ ...l })));
  const tracks = tracksOf(labels);
  const used = new Set<string>();
  const errors: SeededError[] = [];
  const classes = [...new Set(labels.flat().map((l) => l.className))];
  // Candidates: [track, position in track]; interior boxes have a box before and after them.
  const candidates = shuffled(
    [...tracks.entries()].flatMap(([id, boxes]) => boxes.map((_, i) => [id, i] as const)),
    o.random,
  );
  for (const [trackId, i] of candidates) {
    if (errors.length >= o.count) break;
    if (used.has(trackId)) continue;
    const boxes = must(tracks.get(trackId), "tracks.get(trackId)");
    const [k, label] = must(boxes[i], "boxes[i]");
    const interior = i > 0 && i < boxes.length - 1;
    const seeded = (what: string, extra: Partial<SeededError> = {}) => {
      used.add(trackId);
      const where = `${label.className} at ${Math.hypot(label.centerM.x, label.centerM.y).toFixed(0)} m`;
      const description = `${what} (${where}, track of ${boxes.length})`;
      errors.push({
        kind,
        frameIndex: k,
        trackIds: [trackId],
        touched: [key(k, trackId)],
        description,
        ...extra,
      });
    };
    switch (kind) {
      case "jump": {
        if (!interior) continue;
        const d = uniform(o.random, 0.8, 1.2);
        const a = uniform(o.random, -Math.PI, Math.PI);
        label.centerM = {
          ...label.centerM,
          x: label.centerM.x + d * Math.cos(a),
          y: label.centerM.y + d * Math.sin(a),
        };
        seeded(`moved ${d.toFixed(2)} m`);
        break;
      }
      case "heading-off": {
        if (boxes.length < 2) continue;
        const d = uniform(o.random, 20, 40) * DEG * (o.random() < 0.5 ? -1 : 1);
        label.yawRad += d;
        seeded(`turned ${(d / DEG).toFixed(0)}°`);
        break;
      }
      case "heading-flip": {
        if (boxes.length < 2) continue;
        label.yawRad += Math.PI;
        seeded("turned 180°");
        break;
      }
      case "size": {
        if (boxes.length < 3) continue;
        const f = 1 + uniform(o.random, 0.25, 0.35) * (o.random() < 0.5 ? -1 : 1);
        label.size = {
          lengthM: label.size.lengthM * f,
          widthM: label.size.widthM * f,
          heightM: label.size.heightM * f,
        };
        seeded(`scaled ×${f.toFixed(2)}`);
        break;
      }
      case "class-flip": {
        const others = classes.filter((c) => c !== label.className);
        if (boxes.length < 3 || others.length === 0) continue;
        label.className = must(
          others[Math.floor(o.random() * others.length)],
          "others[Math.floor(o.random() * others.length)]",
        );
        seeded(`class → ${label.className}`);
        break;
      }
      case "removed": {
        if (!interior || o.objectPoints(k, label) < 20) continue;
        labels[k] = must(labels[k], "labels[k]").filter((l) => l !== label);
        seeded("removed", { touched: [] });
        break;
      }
      case "duplicate": {
        const copyId = `seeded-duplicate-${errors.length}`;
        const a = uniform(o.random, -Math.PI, Math.PI);
        // Both boxes on one object: off by at most 0.2 m, and a quarter of a small object's width.
        const d = uniform(o.random, 0, Math.min(0.2, label.size.widthM / 4));
        must(labels[k], "labels[k]").push({
          ...label,
          trackId: copyId,
          centerM: {
            ...label.centerM,
            x: label.centerM.x + d * Math.cos(a),
            y: label.centerM.y + d * Math.sin(a),
          },
          yawRad: label.yawRad + uniform(o.random, -3, 3) * DEG,
        });
        seeded("duplicated", { trackIds: [copyId], touched: [key(k, copyId)] });
        break;
      }
      case "lifted": {
        if (o.objectPoints(k, label) < 20) continue;
        const d = uniform(o.random, 0.7, 1.2);
        label.centerM = { ...label.centerM, z: label.centerM.z + d };
        seeded(`lifted ${d.toFixed(2)} m`);
        break;
      }
      case "id-swap": {
        // A partner: another unused track seen at k − 1, k and k + 1, nearest first within 20 m.
        if (!interior) continue;
        const near = (id: string) => {
          const t = must(tracks.get(id), "tracks.get(id)");
          const at = (f: number) => t.find(([kk]) => kk === f)?.[1];
          const b = at(k);
          return at(k - 1) && b && at(k + 1)
            ? Math.hypot(b.centerM.x - label.centerM.x, b.centerM.y - label.centerM.y)
            : Number.POSITIVE_INFINITY;
        };
        const hasPrevious =
          must(boxes[i - 1], "boxes[i - 1]")[0] === k - 1 && must(boxes[i + 1], "boxes[i + 1]")[0] === k + 1;
        const partner = [...tracks.keys()]
          .filter((id) => id !== trackId && !used.has(id) && near(id) <= 20)
          .sort((a, b) => near(a) - near(b))[0];
        if (!hasPrevious || !partner) continue;
        const touched: string[] = [];
        for (let f = k; f < labels.length; f++)
          for (const l of must(labels[f], "labels[f]")) {
            if (l.trackId !== trackId && l.trackId !== partner) continue;
            l.trackId = l.trackId === trackId ? partner : trackId;
            touched.push(key(f, l.trackId));
          }
        used.add(partner);
        seeded(`ids swapped with ${partner} from here on`, { trackIds: [trackId, partner], touched });
        break;
      }
    }
  }
  return { labels, errors };
}
