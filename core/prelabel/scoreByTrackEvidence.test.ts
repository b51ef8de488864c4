import { describe, expect, it } from "vitest";
import { scoreByTrackEvidence } from "./scoreByTrackEvidence";

const box = (trackId: number, score = 0.8) => ({ trackId, score });

describe("scoreByTrackEvidence", () => {
  it("keeps a track seen in every frame and cuts one seen in a single frame of ten", () => {
    // Track 1 in all ten frames, track 2 (a flickering bush) only in frame 4.
    const frames = Array.from({ length: 10 }, (_, k) => (k === 4 ? [box(1), box(2)] : [box(1)]));
    const scores = scoreByTrackEvidence(frames);
    expect(scores[0]?.[0]).toBeCloseTo(0.8, 9);
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

  it("shares the score over the track: one badly seen frame does not sink a car", () => {
    const scores = scoreByTrackEvidence([[box(1, 0.9)], [box(1, 0.1)]]);
    expect(scores[1]?.[0]).toBeCloseTo(0.2 * 0.1 + 0.8 * 0.5, 9);
  });

  it("cuts a track its points doubt frame after frame, not a car doubted once", () => {
    // Track 1: a car whose box evidence dips once (a hedge behind it in one frame); track 2: a
    // hedge piece whose evidence keeps 60 % of its shape score in every frame.
    const car = (k: number) => ({ trackId: 1, score: 0.8, evidenceFactor: k === 3 ? 0.4 : 1 });
    const hedge = { trackId: 2, score: 0.8, evidenceFactor: 0.6 };
    const scores = scoreByTrackEvidence(Array.from({ length: 10 }, (_, k) => [car(k), hedge]));
    // The car's mean evidence is 0.94, over 0.8: its score stands.
    expect(scores[0]?.[0]).toBeCloseTo(0.8, 9);
    expect(scores[5]?.[1]).toBeCloseTo(0.8 * (0.6 / 0.8) ** 3, 9);
  });

  it("leaves boxes scored without box evidence, and unrelated frames, to their own score", () => {
    const scores = scoreByTrackEvidence(Array.from({ length: 4 }, () => [box(1)]));
    expect(scores[2]).toEqual([0.8]);
    const unrelated = scoreByTrackEvidence([
      [{ trackId: 1, score: 0.8, evidenceFactor: 0.5 }],
      [{ trackId: 2, score: 0.8, evidenceFactor: 0.5 }],
    ]);
    expect(unrelated).toEqual([[0.8], [0.8]]);
  });

  it("keeps most of a well-seen walker's score when its track is short, not a sparse one's", () => {
    // Ten frames linked by track 1 (a car); a walker of 80 points and a stub of 15 seen once.
    const walker = { trackId: 2, score: 0.8, className: "Pedestrian", pointCount: 80 };
    const stub = { trackId: 3, score: 0.8, className: "Pedestrian", pointCount: 15 };
    const frames = Array.from({ length: 10 }, (_, k) => (k === 4 ? [box(1), walker, stub] : [box(1)]));
    const [, seen, sparse] = scoreByTrackEvidence(frames)[4] ?? [];
    expect(seen).toBeCloseTo(0.8 * (0.7 + 0.3 / 10), 9);
    expect(sparse).toBeCloseTo(0.8 * (0.3 + 0.7 / 10), 9);
    // A car of 80 points seen once is still a short track's.
    const car = { trackId: 4, score: 0.8, className: "Car", pointCount: 80 };
    const withCar = Array.from({ length: 10 }, (_, k) => (k === 4 ? [box(1), car] : [box(1)]));
    expect(scoreByTrackEvidence(withCar)[4]?.[1]).toBeCloseTo(0.8 * (0.3 + 0.7 / 10), 9);
  });
});

describe("scoreByTrackEvidence: track mean and height", () => {
  it("gives a box four fifths of its track's mean: one badly seen frame of ten keeps most", () => {
    // Nine frames see the car well (0.8), one end-on (0.2); the track's mean is 0.74.
    const frames = Array.from({ length: 10 }, (_, k) => [box(1, k === 5 ? 0.2 : 0.8)]);
    const bad = scoreByTrackEvidence(frames)[5]?.[0] ?? 0;
    expect(bad).toBeCloseTo(0.2 * 0.2 + 0.8 * 0.74, 9);
    expect(bad).toBeGreaterThan(0.5);
  });

  it("cuts a car track that never stands as tall as a car, not a car seen low once", () => {
    const car = (trackId: number, heightM: number) => ({
      trackId,
      score: 0.8,
      className: "Car",
      shape: { heightM },
    });
    // Track 1: a car whose roof the beams catch in one frame of ten; track 2: a 1.1 m hedge.
    const frames = Array.from({ length: 10 }, (_, k) => [car(1, k === 7 ? 1.5 : 1.2), car(2, 1.1)]);
    const [carScore, hedge] = scoreByTrackEvidence(frames)[0] ?? [];
    expect(carScore).toBeCloseTo(0.8, 9);
    expect(hedge).toBeCloseTo(0.8 * 0.4, 9);
    // Halfway between 1.2 and 1.4 m keeps 70 %; a walker's height is not judged.
    const mid = Array.from({ length: 10 }, () => [car(1, 1.3), { ...car(2, 1.1), className: "Pedestrian" }]);
    const [low, walker] = scoreByTrackEvidence(mid)[0] ?? [];
    expect(low).toBeCloseTo(0.8 * 0.7, 9);
    expect(walker).toBeCloseTo(0.8, 9);
    // Unrelated frames (no track continues): one box's height is not judged.
    expect(scoreByTrackEvidence([[car(1, 1.1)], [car(2, 1.1)]])).toEqual([[0.8], [0.8]]);
  });
});

describe("scoreByTrackEvidence: a track's top relief", () => {
  const carBox = (trackId: number, topRelief: number, className = "Car") => ({
    trackId,
    score: 0.8,
    className,
    topRelief,
  });

  it("cuts a car track whose top stays level, not a car seen level in one frame", () => {
    // Track 1: a car's stepped roof (0.5) seen level once; track 2: a hedge, level in every frame.
    const frames = Array.from({ length: 10 }, (_, k) => [carBox(1, k === 3 ? 0 : 0.5), carBox(2, 0.1)]);
    const [car, hedge] = scoreByTrackEvidence(frames)[3] ?? [];
    expect(car).toBeCloseTo(0.8, 9);
    expect(hedge).toBeCloseTo(0.8 * 0.4, 9);
    // A mean of 0.25 keeps 70 %.
    const half = Array.from({ length: 10 }, () => [carBox(1, 0.25)]);
    expect(scoreByTrackEvidence(half)[0]?.[0]).toBeCloseTo(0.8 * 0.7, 9);
  });

  it("leaves vans and trucks (box-shaped) and unrelated frames to their own score", () => {
    const frames = Array.from({ length: 10 }, () => [carBox(1, 0, "Van"), carBox(2, 0, "Truck")]);
    const [van, truck] = scoreByTrackEvidence(frames)[0] ?? [];
    expect(van).toBeCloseTo(0.8, 9);
    expect(truck).toBeCloseTo(0.8, 9);
    expect(scoreByTrackEvidence([[carBox(1, 0)], [carBox(2, 0)]])).toEqual([[0.8], [0.8]]);
  });
});
