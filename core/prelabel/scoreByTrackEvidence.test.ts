import { describe, expect, it } from "vitest";
import { scoreByTrackEvidence } from "./scoreByTrackEvidence";

const box = (trackId: number, score = 0.8) => ({ trackId, score });

describe("scoreByTrackEvidence", () => {
  it("keeps a track seen in every frame and cuts one seen in a single frame of ten", () => {
    // Track 1 in all ten frames, track 2 (a flickering bush) only in frame 4.
    const frames = Array.from({ length: 10 }, (_, k) => (k === 4 ? [box(1), box(2)] : [box(1)]));
    const scores = scoreByTrackEvidence(frames);
    expect(scores[0]).toEqual([0.8]);
    const [car, bush] = scores[4] ?? [];
    expect(car).toBeCloseTo(0.8, 9);
    expect(bush).toBeCloseTo(0.8 * (0.3 + 0.7 / 10), 9);
  });

  it("leaves scores alone when the frames are unrelated (no track continues)", () => {
    const scores = scoreByTrackEvidence([[box(1)], [box(2)], [box(3)]]);
    expect(scores).toEqual([[0.8], [0.8], [0.8]]);
  });

  it("weighs a track by its share of a short sequence's frames", () => {
    // Four frames, every box but one continues track 1: track 2, seen once of four, keeps 47.5 %.
    const scores = scoreByTrackEvidence([[box(1)], [box(1), box(2)], [box(1)], [box(1)]]);
    expect(scores[1]?.[1]).toBeCloseTo(0.8 * (0.3 + 0.7 / 4), 9);
    expect(scores[3]?.[0]).toBeCloseTo(0.8, 9);
  });

  it("shares half the score over the track: one badly seen frame does not sink a car", () => {
    const scores = scoreByTrackEvidence([[box(1, 0.9)], [box(1, 0.1)]]);
    expect(scores[1]?.[0]).toBeCloseTo(0.5 * 0.1 + 0.5 * 0.5, 9);
  });
});
