import { describe, expect, it } from "vitest";
import { forecastFinish } from "./forecastFinish";
import { addDays, instantsAround, isTimeZone, localDay, SLOT_MS, slotOf } from "./localDay";

const at = (iso: string) => Date.parse(iso);

describe("local days", () => {
  it("name the day of an instant in zones a quarter-hour off the hour", () => {
    // Nepal +05:45: midnight is 18:15 UTC; India +05:30: 18:30 UTC; Newfoundland −03:30: 03:30 UTC.
    expect(localDay(at("2026-03-04T18:14:59Z"), "Asia/Kathmandu")).toBe("2026-03-04");
    expect(localDay(at("2026-03-04T18:15:00Z"), "Asia/Kathmandu")).toBe("2026-03-05");
    expect(localDay(at("2026-03-04T18:29:59Z"), "Asia/Kolkata")).toBe("2026-03-04");
    expect(localDay(at("2026-03-04T18:30:00Z"), "Asia/Kolkata")).toBe("2026-03-05");
    expect(localDay(at("2026-01-10T03:29:00Z"), "America/St_Johns")).toBe("2026-01-09");
    expect(localDay(at("2026-03-04T23:58:00Z"), "Asia/Shanghai")).toBe("2026-03-05");
    expect(localDay(at("2026-03-04T23:58:00Z"))).toBe("2026-03-04");
  });

  it("a slot's start has the day of every instant in the slot, across a year of quarter-hour zones", () => {
    const zones = [
      "Asia/Kathmandu",
      "Asia/Kolkata",
      "America/St_Johns",
      "Australia/Lord_Howe",
      "Europe/Berlin",
    ];
    for (const zone of zones)
      for (let ms = at("2026-01-01T00:00:00Z"); ms < at("2027-01-01T00:00:00Z"); ms += 7 * 3_600_000 + 60_000)
        expect([zone, ms, localDay(slotOf(ms), zone)]).toEqual([zone, ms, localDay(ms, zone)]);
    expect(slotOf(at("2026-03-04T18:14:59Z"))).toBe(at("2026-03-04T18:00:00Z"));
    expect(SLOT_MS).toBe(900_000);
  });

  it("knows zone names, adds calendar days and bounds a day range for every zone", () => {
    expect([
      isTimeZone("Asia/Shanghai"),
      isTimeZone("UTC"),
      isTimeZone("Mars/Olympus"),
      isTimeZone(""),
    ]).toEqual([true, true, false, false]);
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-03-01", -7)).toBe("2026-02-22");
    const { fromMs, toMs } = instantsAround("2026-03-04", "2026-03-04");
    expect(fromMs).toBeLessThanOrEqual(at("2026-03-04T00:00:00+14:00"));
    expect(toMs).toBeGreaterThanOrEqual(at("2026-03-05T00:00:00-12:00"));
  });

  it("forecasts in calendar days from the day asked", () => {
    expect(
      forecastFinish({ remainingFrames: 3, doneInWindow: 8, windowDays: 7, asOfDay: "2026-03-05" }),
    ).toEqual({
      framesPerDay: 8 / 7,
      remainingFrames: 3,
      finishDay: "2026-03-08",
    });
    expect(
      forecastFinish({ remainingFrames: 0, doneInWindow: 0, windowDays: 7, asOfDay: "2026-03-05" }).finishDay,
    ).toBe("2026-03-05");
  });
});
