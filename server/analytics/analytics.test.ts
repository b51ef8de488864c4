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
import { SEEDED_SETTINGS, seedBox } from "../testing/seedAnalyticsHistory";
import { applyBatch } from "../store/applyBatch";
import { must } from "../../core/model/must";

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
    const history = must(
      await readHistory(t.deps.store, seeded.sequenceId, 0, HISTORY_MAX_LIMIT),
      "await readHistory(t.deps.store, seeded.sequenceId, 0, HIS...",
    );
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
      timeZone: "UTC",
    });
  });

  it("review: rejections by reason, rework rounds, and the reviewer's measured correction", async () => {
    const { body } = await get("review");
    // The project's names: the built-in one as it is, the one the lead renamed as renamed.
    expect(body.reasons).toEqual([
      { reason: "wrong-heading", label: "Wrong heading", count: 2 },
      { reason: "box-too-loose", label: "Loose box, check the corners", count: 1 },
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
    expect(mine.body.reasons).toEqual([{ reason: "wrong-heading", label: "Wrong heading", count: 1 }]);
    expect(mine.body.corrections).toEqual([]);
    expect((await get("review?format=reasons-csv")).body).toBe(
      'reason,label,count\r\nwrong-heading,Wrong heading,2\r\nbox-too-loose,"Loose box, check the corners",1\r\n',
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
      timeZone: "UTC",
    };
    expect((await put(next, "alice")).status).toBe(403);
    expect((await put(next)).status).toBe(200);
    expect((await get("settings", "alice")).body).toEqual(next);
    const bad = await put({ ...next, currency: "dollars" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/currency/);
    const badZone = await put({ ...next, timeZone: "Mars/Olympus" });
    expect(badZone.status).toBe(400);
    expect(((await badZone.json()) as { message: string }).message).toMatch(/timeZone.*IANA/);
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

  it("the OpenAPI document covers every analytics route, with its query parameters", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { parameters: Array<{ name: string }>; responses: object }>>;
      components: { schemas: Record<string, unknown> };
    };
    const served = app.routes
      .filter((r) => r.path.includes("/analytics/") && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const params = (key: string) => {
      const [method, path] = key.split(" ") as [string, string];
      return doc.paths[path]?.[method]?.parameters.map((p) => p.name) ?? null;
    };
    expect([...new Set(served)].sort()).toEqual([
      "get /api/projects/{id}/analytics/ledger",
      "get /api/projects/{id}/analytics/people",
      "get /api/projects/{id}/analytics/progress",
      "get /api/projects/{id}/analytics/review",
      "get /api/projects/{id}/analytics/settings",
      "get /api/projects/{id}/analytics/stretches",
      "get /api/projects/{id}/analytics/tasks",
      "put /api/projects/{id}/analytics/settings",
    ]);
    expect(params("get /api/projects/{id}/analytics/people")).toEqual([
      "id",
      "from",
      "to",
      "person",
      "tz",
      "format",
    ]);
    expect(params("get /api/projects/{id}/analytics/stretches")).toEqual([
      "id",
      "from",
      "to",
      "person",
      "tz",
      "format",
    ]);
    expect(params("get /api/projects/{id}/analytics/progress")).toEqual(["id", "asOf", "tz", "format"]);
    expect(params("get /api/projects/{id}/analytics/ledger")).toEqual(["id", "person", "format"]);
    expect(params("get /api/projects/{id}/analytics/review")).toEqual(["id", "format"]);
    expect(params("get /api/projects/{id}/analytics/tasks")).toEqual(["id", "format"]);
    expect(doc.components.schemas.AnalyticsSettings).toMatchObject({
      properties: { timeZone: { type: "string" }, classRatesMicros: { type: "object" } },
    });
  });

  it("days follow the project's time zone, or ?tz=: Shanghai moves bob's 23:58 save to the next day", async () => {
    // In Shanghai (+08:00) bob's saves of 03-03 23:58 and 03-04 00:01, 00:03 UTC are all on 03-04
    // (07:58–08:03): one day with c7 created, c5 deleted, c6 corrected, 180 + 120 s active, the
    // 300 s stretch begun that day; everyone else's saves stay on their UTC days.
    const bobD2 = must(
      EXPECTED_DAYS.find((r) => r.person === "bob" && r.day === D2),
      'EXPECTED_DAYS.find((r) => r.person === "bob" && r.day ===...',
    );
    const bobD3 = must(
      EXPECTED_DAYS.find((r) => r.person === "bob" && r.day === D3),
      'EXPECTED_DAYS.find((r) => r.person === "bob" && r.day ===...',
    );
    const shanghai = [
      ...EXPECTED_DAYS.filter((r) => r !== bobD2 && r !== bobD3),
      day("bob", D3, {
        boxesCreated: 1,
        boxesEdited: 1,
        boxesDeleted: 1,
        machineBoxesCorrected: 1,
        boxFramesFinished: 2,
        activeSeconds: 300,
        secondsPerBox: 150,
        longestStretchSeconds: 300,
      }),
    ];
    const asked = await get("people?tz=Asia/Shanghai");
    expect(asked.body.timeZone).toBe("Asia/Shanghai");
    expect(asked.body.rows).toEqual(shanghai);
    const history = must(
      await readHistory(t.deps.store, seeded.sequenceId, 0, HISTORY_MAX_LIMIT),
      "await readHistory(t.deps.store, seeded.sequenceId, 0, HIS...",
    );
    const rows = history.entries.map((h) => ({ ...h, sequenceId: seeded.sequenceId }));
    const saves = rows.map((r) => ({ author: r.author, atMs: Date.parse(r.createdAt) }));
    expect(computePersonDays(boxEventsOfLog(rows), saves, 5 * 60_000, "Asia/Shanghai")).toEqual(shanghai);
    // Nepal (+05:45) files the same saves on the same days; set as the project's zone, it is the default.
    const put = (body: unknown) =>
      app.request(`/api/projects/${DEFAULT_PROJECT_ID}/analytics/settings`, {
        method: "PUT",
        headers: { ...seeded.users.lena.headers, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put({ ...SEEDED_SETTINGS, timeZone: "Asia/Kathmandu" })).status).toBe(200);
    try {
      expect((await get("people")).body.rows).toEqual(shanghai);
      expect((await get("people?tz=UTC")).body.rows).toEqual(EXPECTED_DAYS);
      // The day range is in the zone too: bob's stretch begins on 03-04 in Nepal, 03-03 in UTC.
      const d3 = `from=${D3}&to=${D3}`;
      expect((await get(`stretches?${d3}`)).body.rows.map((r: { start: string }) => r.start)).toEqual([
        "2026-03-03T23:58:00.000Z",
      ]);
      expect((await get(`stretches?${d3}&tz=UTC`)).body.rows).toEqual([]);
      expect((await get(`people?${d3}&person=bob`)).body.rows).toEqual(
        shanghai.filter((r) => r.person === "bob" && r.day === D3),
      );
      const progress = (await get("progress?asOf=2026-03-05")).body;
      expect([progress.timeZone, progress.framesLabeledPerDay, progress.forecast.finishDay]).toEqual([
        "Asia/Kathmandu",
        [
          { day: D1, frames: 7 },
          { day: D3, frames: 1 },
        ],
        "2026-03-08",
      ]);
    } finally {
      expect((await put(SEEDED_SETTINGS)).status).toBe(200);
    }
    const bad = await get("people?tz=Asia/Atlantis");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/tz.*IANA time zone/);
  });

  it("every table downloads as CSV", async () => {
    for (const path of [
      "people",
      "stretches",
      "tasks",
      "ledger",
      "progress",
      "review?format=reasons-csv",
      "review?format=labelers-csv",
      "review?format=corrections-csv",
    ]) {
      const res = await get(path.includes("?") ? path : `${path}?format=csv`);
      expect([path, res.status]).toEqual([path, 200]);
      expect(res.body.split("\r\n").length).toBeGreaterThan(2);
    }
    expect((await get("people?format=csv")).body.split("\r\n")[1]).toBe(
      "2026-03-02,alice,2,2,0,3,1,2,4,330,82.5,180",
    );
  });
  // Last: it adds saves to the seeded history. Nepal's midnight is 18:15 UTC, India's 18:30: a
  // rollup by the hour would file tess's 18:10–18:20 saves on one day in Nepal; quarter-hours split
  // them exactly, as core computes from the log.
  it("quarter-hour zones (+05:45, +05:30) split a day exactly", async () => {
    const times = ["18:10", "18:14", "18:16", "18:20", "18:31"];
    const ops = [
      seedBox("q1", 8, "tq", "Car", "human"),
      seedBox("q2", 9, "tq", "Car", "human"),
      { ...seedBox("q1", 8, "tq", "Car", "human"), yawRad: 0.5 },
      { ...seedBox("q2", 9, "tq", "Car", "human"), yawRad: 0.5 },
      seedBox("q3", 8, "tq", "Car", "human"),
    ];
    let revision = must(
      must(
        await readHistory(t.deps.store, seeded.sequenceId, 0, HISTORY_MAX_LIMIT),
        "await readHistory(t.deps.store, seeded.sequenceId, 0, HIS...",
      ).entries.at(-1),
      "(await readHistory(t.deps.store, seeded.sequenceId, 0, HI...",
    ).revision;
    for (const [i, at] of times.entries()) {
      const r = await applyBatch(
        t.deps.store,
        seeded.sequenceId,
        {
          batchId: `tess-${i}`,
          baseRevision: revision,
          operations: [
            ...(i === 0
              ? [{ op: "putTrack" as const, track: { trackId: "tq", className: "Car", attributes: {} } }]
              : []),
            { op: "putCuboid", cuboid: must(ops[i], "ops[i]") },
          ],
        },
        "tess",
        undefined,
        new Date(`${D3}T${at}:00Z`),
      );
      if (r.status !== "accepted") throw new Error(`batch ${i}: ${r.status}`);
      revision = r.revision;
    }
    const D4 = "2026-03-05";
    const expected: Record<string, PersonDayFigures[]> = {
      // 23:55, 23:59 | 00:01, 00:05, 00:16: the 4 + 2 + 4 min gaps on the day of the later save.
      "Asia/Kathmandu": [
        day("tess", D3, {
          boxesCreated: 2,
          activeSeconds: 240,
          secondsPerBox: 120,
          longestStretchSeconds: 600,
        }),
        day("tess", D4, {
          boxesCreated: 1,
          boxesEdited: 2,
          boxFramesFinished: 3,
          activeSeconds: 360,
          secondsPerBox: 120,
        }),
      ],
      // 23:40 … 23:50 | 00:01.
      "Asia/Kolkata": [
        day("tess", D3, {
          boxesCreated: 2,
          boxesEdited: 2,
          boxFramesFinished: 2,
          activeSeconds: 600,
          secondsPerBox: 150,
          longestStretchSeconds: 600,
        }),
        day("tess", D4, { boxesCreated: 1, boxFramesFinished: 1, secondsPerBox: 0 }),
      ],
      UTC: [
        day("tess", D3, {
          boxesCreated: 3,
          boxesEdited: 2,
          boxFramesFinished: 3,
          activeSeconds: 600,
          secondsPerBox: 120,
          longestStretchSeconds: 600,
        }),
      ],
    };
    const history = must(
      await readHistory(t.deps.store, seeded.sequenceId, 0, HISTORY_MAX_LIMIT),
      "await readHistory(t.deps.store, seeded.sequenceId, 0, HIS...",
    );
    const rows = history.entries.map((h) => ({ ...h, sequenceId: seeded.sequenceId }));
    const saves = rows.map((r) => ({ author: r.author, atMs: Date.parse(r.createdAt) }));
    for (const [zone, want] of Object.entries(expected)) {
      expect([zone, (await get(`people?person=tess&tz=${zone}`)).body.rows]).toEqual([zone, want]);
      const core = computePersonDays(boxEventsOfLog(rows), saves, 5 * 60_000, zone);
      expect([zone, core.filter((r) => r.person === "tess")]).toEqual([zone, want]);
    }
  });
});
