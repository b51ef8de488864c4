import type { CuboidSize } from "../../core/model/Cuboid";
import { buildFrameIndex } from "../../core/pointcloud/FrameIndex";
import { blockingKinds, type QaConfig } from "../../core/qa/QaConfig";
import { measureFrameEvidence, needsPoints } from "../../core/qa/QaContext";
import type { QaFinding, QaKind } from "../../core/qa/QaFinding";
import type { QaBox } from "../../core/qa/QaInput";
import type { BoxPointEvidence } from "../../core/qa/measureBoxPoints";
import { runQaChecks } from "../../core/qa/runQaChecks";
import { decodePointCloudAsync } from "../../workers/decode/decodePointCloudAsync";
import { blobBytes } from "../export/exportFiles";
import { lidarFileExtension } from "../export/lidarFileExtension";
import type { ServerDeps } from "../ServerDeps";
import { getSequenceDetail } from "../store/getSequenceDetail";
import { readAnnotations } from "../store/readAnnotations";
import { sequenceQaConfig } from "./projectQaConfig";

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
   * Whether the point checks (few points, points outside, loose faces, ground) ran: "run" when
   * every sweep holding a box decoded; "off" when the settings turn them all off or the caller
   * asked for the quick checks only. Sweeps that fail to decode are listed in `pointProblems`.
   */
  pointChecks: "run" | "off";
  pointProblems: string[];
}

export interface SequenceQaOptions {
  config?: QaConfig;
  /** false: only the checks that need no points (no sweep is read). */
  points?: boolean;
}

/**
 * Every QA check over a stored sequence's current annotations: times and ego poses from its
 * frames, class sizes from its classes, each track's class as stored, and the point evidence of
 * every box from its frame's sweep, decoded here one frame at a time (the workers' decoder, as at
 * import) so memory holds one sweep however long the sequence. Null when the sequence does not
 * exist. `config`: the project's settings unless given.
 */
export async function runSequenceQa(
  deps: Pick<ServerDeps, "store" | "blobs">,
  sequenceId: string,
  options: SequenceQaOptions = {},
): Promise<SequenceQaReport | null> {
  const config = options.config ?? (await sequenceQaConfig(deps.store, sequenceId));
  const detail = await getSequenceDetail(deps.store, sequenceId);
  const snapshot = detail ? await readAnnotations(deps.store, sequenceId) : null;
  if (!detail || !snapshot) return null;
  const withPoints = options.points !== false && needsPoints(config);
  // A sequence's sweeps never change and a revision's boxes neither: a report can be reused.
  const classSizes = detail.classes.map((c) => [c.name, c.defaultSize]);
  // The poses are part of the input: an estimate stored after import changes the report.
  const key = `${sequenceId}@${snapshot.revision}:${detail.egoPoses.state}:${withPoints}:${JSON.stringify([config, classSizes])}`;
  const cached = recentReports.get(key);
  if (cached) return cached;
  const pointProblems: string[] = [];
  let pointEvidence: Map<string, BoxPointEvidence> | undefined;
  if (withPoints) {
    pointEvidence = new Map();
    const byFrame = new Map<number, QaBox[]>();
    for (const c of snapshot.cuboids) byFrame.set(c.frameIndex, [...(byFrame.get(c.frameIndex) ?? []), c]);
    for (const [k, boxes] of [...byFrame].sort((a, b) => a[0] - b[0])) {
      const frame = detail.frames[k];
      if (!frame) continue;
      try {
        const { cloud } = await decodePointCloudAsync(
          await blobBytes(deps, frame.lidarBlob),
          `frame ${frame.name}.${lidarFileExtension(frame.lidarFormat)}`,
        );
        for (const [id, e] of measureFrameEvidence(buildFrameIndex(cloud), boxes, config))
          pointEvidence.set(id, e);
      } catch (e) {
        pointProblems.push(`frame ${frame.name}: sweep not read (${(e as Error).message})`);
      }
    }
  }
  const findings = runQaChecks(
    {
      frames: detail.frames.map((f) => ({
        timestampS: f.timestampUs / 1e6,
        worldFromLidar: f.worldFromLidar,
      })),
      boxes: snapshot.cuboids,
      ...(pointEvidence ? { pointEvidence } : {}),
      classSizes: new Map<string, CuboidSize>(detail.classes.map((c) => [c.name, c.defaultSize])),
      trackClasses: new Map(snapshot.tracks.map((t) => [t.trackId, t.className])),
    },
    config,
  );
  const blocking = blockingKinds(config);
  const report: SequenceQaReport = {
    sequenceId,
    revision: snapshot.revision,
    findings,
    blockingKinds: blocking,
    blockingCount: findings.filter((f) => blocking.includes(f.kind)).length,
    pointChecks: withPoints ? "run" : "off",
    pointProblems,
  };
  recentReports.set(key, report);
  const oldest = recentReports.keys().next();
  if (recentReports.size > RECENT_REPORTS && !oldest.done) recentReports.delete(oldest.value);
  return report;
}

/** Reports kept for reuse (the review queue asks after every verdict; decoding a sequence takes seconds). */
const RECENT_REPORTS = 16;
const recentReports = new Map<string, SequenceQaReport>();
