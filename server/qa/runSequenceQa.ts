import type { CuboidSize } from "../../core/model/Cuboid";
import { blockingKinds, defaultQaConfig, type QaConfig } from "../../core/qa/QaConfig";
import type { QaFinding, QaKind } from "../../core/qa/QaFinding";
import { runQaChecks } from "../../core/qa/runQaChecks";
import type { Database } from "../db/openDatabase";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";

/** GET /api/sequences/:id/qa */
export interface SequenceQaReport {
  sequenceId: string;
  /** The annotation revision checked. */
  revision: number;
  findings: QaFinding[];
  /** Kinds this project's settings make block a task's submission, and how many findings are of them. */
  blockingKinds: QaKind[];
  blockingCount: number;
  /**
   * The point checks (few points, points outside, loose faces, ground) need the decoded sweeps,
   * which the server does not decode (decoders live in workers/, the client's side): they run in
   * the workspace and in `npm run qa`. Missing frames are reported without the visibility test.
   */
  pointChecks: "not-run";
}

/**
 * Every QA check that needs no points over a stored sequence's current annotations: times and ego
 * poses from its frames, class sizes from its classes, each track's class as stored. Null when the
 * sequence does not exist. `config` is the project's (default settings until projects store one).
 */
export async function runSequenceQa(
  store: Database,
  sequenceId: string,
  config: QaConfig = defaultQaConfig(),
): Promise<SequenceQaReport | null> {
  const detail = await getSequenceDetail(store, sequenceId);
  const snapshot = detail ? await readAnnotations(store, sequenceId) : null;
  if (!detail || !snapshot) return null;
  const findings = runQaChecks(
    {
      frames: detail.frames.map((f) => ({
        timestampS: f.timestampUs / 1e6,
        worldFromLidar: f.worldFromLidar,
      })),
      boxes: snapshot.cuboids,
      classSizes: new Map<string, CuboidSize>(detail.classes.map((c) => [c.name, c.defaultSize])),
      trackClasses: new Map(snapshot.tracks.map((t) => [t.trackId, t.className])),
    },
    config,
  );
  const blocking = blockingKinds(config);
  return {
    sequenceId,
    revision: snapshot.revision,
    findings,
    blockingKinds: blocking,
    blockingCount: findings.filter((f) => blocking.includes(f.kind)).length,
    pointChecks: "not-run",
  };
}
