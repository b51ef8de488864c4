import { describe, expect, it } from "vitest";
import { breakDue, newBreakTimer, recordInput, snooze } from "./breakTimer";
import { workStretches } from "./workStretches";

const MIN = 60_000;
const settings = { idleGapMs: 5 * MIN, breakAfterMs: 60 * MIN };

describe("break reminder", () => {
  it("is due after an hour of input with no pause over five minutes, not before", () => {
    let timer = newBreakTimer();
    for (let m = 0; m <= 59; m += 4) timer = recordInput(timer, m * MIN, settings.idleGapMs);
    expect(breakDue(timer, 56 * MIN, settings)).toBeNull();
    timer = recordInput(timer, 60 * MIN, settings.idleGapMs);
    expect(breakDue(timer, 60 * MIN, settings)).toBe(60);
  });

  it("a pause longer than the idle gap starts a new stretch, as in the lead's stretch figures", () => {
    const times = [0, 4, 8, 14, 18, 80].map((m) => m * MIN);
    let timer = newBreakTimer();
    for (const t of times) timer = recordInput(timer, t, settings.idleGapMs);
    const stretches = workStretches(times, settings.idleGapMs);
    expect(timer.stretchStartMs).toBe(stretches[stretches.length - 1]?.startMs);
    expect(stretches.map((s) => (s.endMs - s.startMs) / MIN)).toEqual([8, 4, 0]);
  });

  it("is not due while resting, and snoozing restarts the count", () => {
    let timer = newBreakTimer();
    for (let m = 0; m <= 64; m += 2) timer = recordInput(timer, m * MIN, settings.idleGapMs);
    expect(breakDue(timer, 64 * MIN, settings)).toBe(64);
    expect(breakDue(timer, 70 * MIN, settings)).toBeNull();
    timer = snooze(timer, 64 * MIN);
    timer = recordInput(timer, 66 * MIN, settings.idleGapMs);
    expect(breakDue(timer, 66 * MIN, settings)).toBeNull();
  });
});
