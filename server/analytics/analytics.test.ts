import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boxEventsOfLog } from "../../core/analytics/boxEventsOfLog";
import { computePersonDays } from "../../core/analytics/computePersonDays";
import type { PersonDayFigures } from "../../core/analytics/PersonDayFigures";
import { createApp } from "../app";
import { DEFAULT_PROJECT_ID } from "../db/migrations/0002_accounts";
import { HISTORY_MAX_LIMIT, readHistory } from "../store/readHistory";
import { type SeededHistory, seedAnalyticsHistory } from "../testing/seedAnalyticsHistory";
import { type TestStore, tempBlobs, testStoreKinds } from "../testing/testStores";
import type { ServerDeps } from "../ServerDeps";
import { SEEDED_SETTINGS } from "../testing/seedAnalyticsHistory";

const D1 = "2026-03-02";
const D2 = "2026-03-03";
const D3 = "2026-03-04";
const day = (person: string, d: string, f: Partial<PersonDayFigures>): PersonDayFigures => ({
  person,
  day: d,
  boxesCreated: 0,
  boxesEdited: 0,
  boxesDeleted: 0,
  machineBoxesCreated: 0,
  machineBoxesCorrected: 0,
  machineBoxesUnchanged: 0,
  boxFramesFinished: 0,
  activeSeconds: 0,
  secondsPerBox: null,
  longestStretchSeconds: 0,
  ...f,
});

/**
 * Worked out by hand from seedAnalyticsHistory (idle gap 5 min):
 * alice D1 saves 09:00, 09:01, 09:03, 09:20, 09:22:30 → gaps 60+120+(1020 idle)+150 = 330 s,
 *   stretches 180 s and 150 s; created c1 c2, edited c1 c3, machine c3 c4 c10, corrected c3;
 *   finished now c1 c3 c4 c10 (c2 was last changed by rita), unchanged c4 c10; 330/4 = 82.5 s/box.
 * bob D1 10:00, 10:04 → 240 s; created c5, machine c6. bob D2 23:58 → stretch 23:58–00:03 (300 s,
 *   begun D2), created and finished c7. bob D3 00:01, 00:03 → 180+120 s; deleted c5, corrected c6.
 * rita D2: one save, edited c2 and created c9, both finished now.
 */
const EXPECTED_DAYS: PersonDayFigures[] = [
  day("alice", D1, {
    boxesCreated: 2,
    boxesEdited: 2,
    machineBoxesCreated: 3,
    machineBoxesCorrected: 1,
    machineBoxesUnchanged: 2,
    boxFramesFinished: 4,
    activeSeconds: 330,
    secondsPerBox: 82.5,
    longestStretchSeconds: 180,
  }),
  day("bob", D1, {
    boxesCreated: 1,
    machineBoxesCreated: 1,
    activeSeconds: 240,
    secondsPerBox: 240,
    longestStretchSeconds: 240,
  }),
  day("bob", D2, { boxesCreated: 1, boxFramesFinished: 1, secondsPerBox: 0, longestStretchSeconds: 300 }),
  day("rita", D2, { boxesCreated: 1, boxesEdited: 1, boxFramesFinished: 2, secondsPerBox: 0 }),
  day("bob", D3, {
    boxesEdited: 1,
    boxesDeleted: 1,
    machineBoxesCorrected: 1,
    boxFramesFinished: 1,
    activeSeconds: 300,
    secondsPerBox: 300,
  }),
];

describe.each(testStoreKinds())("analytics figures on $name", (kind) => {
  // Seeded once per store (four users' password hashes dominate the time); the one test that
  // changes settings puts them back.
  const t = {} as { store: TestStore; deps: ServerDeps; removeBlobs: () => void };
  let app: ReturnType<typeof createApp>;
  let seeded: SeededHistory;
  beforeAll(async () => {
    t.store = await kind.start();
    const b = tempBlobs();
    t.removeBlobs = b.remove;
    t.deps = { store: await t.store.fresh(), blobs: b.blobs };
    app = createApp(t.deps);
    seeded = await seedAnalyticsHistory(t.deps);
  });
  afterAll(async () => {
    await t.deps.store.close();
    await t.store.stop();
    t.removeBlobs();
  });
  const get = async (path: string, who: keyof SeededHistory["users"] = "lena") => {
    const res = await app.request(`/api/projects/${DEFAULT_PROJECT_ID}/analytics/${path}`, {
      headers: seeded.users[who].headers,
    });
    return {
      status: res.status,
      // biome-ignore lint/suspicious/noExplicitAny: replies of several shapes, each checked with toEqual
      body: (res.headers.get("content-type")?.includes("json") ? await res.json() : await res.text()) as any,
    };
  };

  it("per person and day, from SQL and from the log in core, match the hand-computed figures", async () => {
    const { body } = await get("people");
    expect(body.rows).toEqual(EXPECTED_DAYS);
    const history = (await readHistory(t.deps.store, seeded.sequenceId, 0, HISTORY_MAX_LIMIT))!;
    expect(history.nextAfterRevision).toBeNull();
    const rows = history.entries.map((h) => ({ ...h, sequenceId: seeded.sequenceId }));
    const saves = rows.map((r) => ({ author: r.author, atMs: Date.parse(r.createdAt) }));
    expect(computePersonDays(boxEventsOfLog(rows), saves, 5 * 60_000)).toEqual(EXPECTED_DAYS);
  });

  it("narrows to a day range and a person", async () => {
    const { body } = await get(`people?from=${D2}&to=${D3}&person=bob`);
    expect(body.rows).toEqual(EXPECTED_DAYS.filter((r) => r.person === "bob" && r.day !== D1));
  });

  it("work stretches, longest first", async () => {
    const { body } = await get("stretches");
    expect(body.rows).toEqual([
      {
        person: "bob",
        start: "2026-03-03T23:58:00.000Z",
        end: "2026-03-04T00:03:00.000Z",
        seconds: 300,
        saves: 3,
      },
      {
        person: "bob",
        start: "2026-03-02T10:00:00.000Z",
        end: "2026-03-02T10:04:00.000Z",
        seconds: 240,
        saves: 2,
      },
      {
        person: "alice",
        start: "2026-03-02T09:00:00.000Z",
        end: "2026-03-02T09:03:00.000Z",
        seconds: 180,
        saves: 3,
      },
      {
        person: "alice",
        start: "2026-03-02T09:20:00.000Z",
        end: "2026-03-02T09:22:30.000Z",
        seconds: 150,
        saves: 2,
      },
      {
        person: "rita",
        start: "2026-03-03T11:00:00.000Z",
        end: "2026-03-03T11:00:00.000Z",
        seconds: 0,
        saves: 1,
      },
    ]);
    expect(body.breakAfterMinutes).toBe(60);
  });

  it("per task: box work in its frames", async () => {
    const { body } = await get("tasks");
    expect(body.rows).toEqual([
      {
        taskId: seeded.taskIds.alice,
        name: "alice's frames",
        state: "accepted",
        labeler: "alice",
        reviewer: "rita",
        frames: 5,
        boxes: 6,
        boxesCreated: 3,
        boxesEdited: 3,
        machineBoxesCreated: 3,
        machineBoxesCorrected: 1,
      },
      {
        taskId: seeded.taskIds.bob,
        name: "bob's frames",
        state: "in-review",
        labeler: "bob",
        reviewer: "rita",
        frames: 5,
        boxes: 2,
        boxesCreated: 2,
        boxesEdited: 1,
        machineBoxesCreated: 1,
        machineBoxesCorrected: 1,
      },
    ]);
  });

  it("pay ledger: accepted boxes to the last non-reviewer author, machine boxes apart, per-class rate", async () => {
    const { body } = await get("ledger");
    expect(body).toEqual({
      currency: "EUR",
      rows: [
        {
          person: "alice",
          className: "Car",
          boxes: 3,
          machineUnchanged: 2,
          rateMicros: 50_000,
          amountMicros: 150_000,
          amount: "0.15",
          currency: "EUR",
        },
        {
          person: "rita",
          className: "Cyclist",
          boxes: 1,
          machineUnchanged: 0,
          rateMicros: 30_000,
          amountMicros: 30_000,
          amount: "0.03",
          currency: "EUR",
        },
      ],
      totalMicros: 180_000,
      total: "0.18",
    });
    const csv = await get("ledger?format=csv");
    expect(csv.body).toBe(
      "person,className,boxes,machineUnchanged,rateMicros,amountMicros,amount,currency\r\n" +
        "alice,Car,3,2,50000,150000,0.15,EUR\r\nrita,Cyclist,1,0,30000,30000,0.03,EUR\r\n",
    );
  });

  it("progress by stage and a forecast from the last seven days", async () => {
    const { body } = await get("progress?asOf=2026-03-05");
    expect(body).toEqual({
      totalFrames: 10,
      labeled: { frames: 7, boxes: 8 },
      submitted: { frames: 0, boxes: 0 },
      inReview: { frames: 5, boxes: 2 },
      accepted: { frames: 5, boxes: 6 },
      framesLabeledPerDay: [
        { day: D1, frames: 7 },
        { day: D2, frames: 1 },
      ],
      // 8 frames in 7 days; 3 left → ceil(3 / (8/7)) = 3 days after 03-05.
      forecast: {
        framesPerDay: 8 / 7,
        remainingFrames: 3,
        finishDay: "2026-03-08",
        windowDays: 7,
        asOf: "2026-03-05",
      },
    });
  });

  it("review: rejections by reason, rework rounds, and the reviewer's measured correction", async () => {
    const { body } = await get("review");
    expect(body.reasons).toEqual([
      { reason: "wrong-heading", count: 2 },
      { reason: "box-too-loose", count: 1 },
    ]);
    expect(body.labelers).toEqual([
      { person: "alice", rejections: 2, reworkRounds: 1 },
      { person: "bob", rejections: 1, reworkRounds: 0 },
    ]);
    // rita turned alice's c2 (4 × 2 m, same centre and size) by 0.3 rad: the footprints overlap
    // 6.792002 m² of 16 − 6.792002 (polygon clipping, worked out apart): IoU 0.7376199.
    expect(body.corrections).toHaveLength(1);
    const c = body.corrections[0];
    expect([c.reviewer, c.person, c.boxes, c.meanCenterDistanceM, c.meanSizeDiffM]).toEqual([
      "rita",
      "alice",
      1,
      0,
      0,
    ]);
    expect(c.meanHeadingDiffDeg).toBe((0.3 * 180) / Math.PI);
    expect(c.meanBevIou).toBeCloseTo(0.7376199325, 8);
    const mine = await get("review", "bob");
    expect(mine.body.reasons).toEqual([{ reason: "wrong-heading", count: 1 }]);
    expect(mine.body.corrections).toEqual([]);
    expect((await get("review?format=reasons-csv")).body).toBe(
      "reason,count\r\nwrong-heading,2\r\nbox-too-loose,1\r\n",
    );
  });

  it("an annotator sees only their own figures and may not ask for another's", async () => {
    const own = await get("people", "alice");
    expect(own.body.rows).toEqual(EXPECTED_DAYS.filter((r) => r.person === "alice"));
    expect((await get("people?person=bob", "alice")).status).toBe(403);
    expect((await get("ledger", "alice")).body.rows.map((r: { person: string }) => r.person)).toEqual([
      "alice",
    ]);
    expect((await get("tasks", "bob")).body.rows.map((r: { labeler: string }) => r.labeler)).toEqual(["bob"]);
    expect((await get("stretches", "rita")).body.rows).toHaveLength(1);
  });

  it("the lead sets rates and the break length; bad settings are refused with a reason", async () => {
    const put = (body: unknown, who: "lena" | "alice" = "lena") =>
      app.request(`/api/projects/${DEFAULT_PROJECT_ID}/analytics/settings`, {
        method: "PUT",
        headers: { ...seeded.users[who].headers, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const next = {
      idleGapMinutes: 10,
      breakAfterMinutes: 45,
      currency: "USD",
      ratePerBoxMicros: 20_000,
      classRatesMicros: {},
    };
    expect((await put(next, "alice")).status).toBe(403);
    expect((await put(next)).status).toBe(200);
    expect((await get("settings", "alice")).body).toEqual(next);
    const bad = await put({ ...next, currency: "dollars" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/currency/);
    // With a 10-minute idle gap alice's 17-minute pause is still idle, so her day is unchanged.
    expect((await get("people?person=alice")).body.rows[0].activeSeconds).toBe(330);
    expect((await get("ledger")).body.total).toBe("0.08");
    // With 20 minutes her 17-minute pause is work: one stretch 09:00–09:22:30, 60+120+1020+150 s.
    expect((await put({ ...next, idleGapMinutes: 20 })).status).toBe(200);
    const alice = (await get("people?person=alice")).body.rows[0];
    expect([alice.activeSeconds, alice.longestStretchSeconds, alice.secondsPerBox]).toEqual([
      1350, 1350, 337.5,
    ]);
    expect((await get("stretches?person=alice")).body.rows).toHaveLength(1);
    expect((await put(SEEDED_SETTINGS)).status).toBe(200);
  });

  it("every table downloads as CSV", async () => {
    for (const path of ["people", "stretches", "tasks", "ledger", "progress"]) {
      const res = await get(`${path}?format=csv`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.body.split("\r\n").length).toBeGreaterThan(2);
    }
    expect((await get("people?format=csv")).body.split("\r\n")[1]).toBe(
      "2026-03-02,alice,2,2,0,3,1,2,4,330,82.5,180",
    );
  });
});
