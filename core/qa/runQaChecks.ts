import { checkBoxPoints } from "./checks/checkBoxPoints";
import { checkClassAndAttributes } from "./checks/checkClassAndAttributes";
import { checkDuplicates } from "./checks/checkDuplicates";
import { checkGround } from "./checks/checkGround";
import { checkHeadings } from "./checks/checkHeadings";
import { checkIdSwaps } from "./checks/checkIdSwaps";
import { checkMissingFrames } from "./checks/checkMissingFrames";
import { checkMotion } from "./checks/checkMotion";
import { checkSizes } from "./checks/checkSizes";
import { defaultQaConfig, type QaConfig } from "./QaConfig";
import { buildQaContext } from "./QaContext";
import type { QaFinding, QaKind, QaSeverity } from "./QaFinding";
import type { QaInput } from "./QaInput";

/** Kinds an id swap sets off in the two tracks all along them (a mixed track has two classes and sizes). */
const SWAP_ECHOES_ANYWHERE = new Set<QaKind>(["class-change", "size-change"]);
/** Kinds it sets off near the swap (path, heading and point count jump from one object to the other). */
const SWAP_ECHOES_NEARBY = new Set<QaKind>([
  "heading-flip",
  "heading-off",
  "position-jump",
  "impossible-speed",
  "few-points",
]);
const SWAP_NEARBY_FRAMES = 3;

/** Drops the findings an id swap explains, so the swap is reported once, where it happens. */
function withoutSwapEchoes(findings: QaFinding[]): QaFinding[] {
  const swapFrames = new Map<string, number[]>();
  for (const f of findings)
    if (f.kind === "id-swap") swapFrames.set(f.trackId, [...(swapFrames.get(f.trackId) ?? []), f.frameIndex]);
  if (swapFrames.size === 0) return findings;
  return findings.filter((f) => {
    const frames = swapFrames.get(f.trackId);
    if (!frames) return true;
    if (SWAP_ECHOES_ANYWHERE.has(f.kind)) return false;
    return !(
      SWAP_ECHOES_NEARBY.has(f.kind) && frames.some((k) => Math.abs(k - f.frameIndex) <= SWAP_NEARBY_FRAMES)
    );
  });
}

const SEVERITY_ORDER: Record<QaSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Every enabled check over a sequence, findings sorted by frame, then severity, then track.
 * Pure: the caller supplies frames, boxes and (optionally) each frame's bucketed points.
 */
export function runQaChecks(input: QaInput, config: QaConfig = defaultQaConfig()): QaFinding[] {
  const ctx = buildQaContext(input, config);
  const findings = [
    checkBoxPoints,
    checkGround,
    checkSizes,
    checkHeadings,
    checkMotion,
    checkMissingFrames,
    checkClassAndAttributes,
    checkDuplicates,
    checkIdSwaps,
  ].flatMap((check) => check(ctx));
  return withoutSwapEchoes(findings).sort(
    (a, b) =>
      a.frameIndex - b.frameIndex ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.trackId.localeCompare(b.trackId) ||
      a.kind.localeCompare(b.kind),
  );
}
