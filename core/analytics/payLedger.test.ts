import { describe, expect, it } from "vitest";
import { formatMicros, payLedger } from "./payLedger";
import { toCsv } from "./toCsv";

describe("pay ledger", () => {
  it("prices each class at its rate, else the rate per box, in exact micros", () => {
    const lines = payLedger(
      [
        { person: "bo", className: "Truck", boxes: 3, machineUnchanged: 1 },
        { person: "al", className: "Car", boxes: 2001, machineUnchanged: 40 },
      ],
      { ratePerBoxMicros: 30_000, classRatesMicros: { Truck: 85_000 } },
    );
    expect(lines.map((l) => [l.person, l.rateMicros, l.amountMicros, formatMicros(l.amountMicros)])).toEqual([
      ["al", 30_000, 60_030_000, "60.03"],
      ["bo", 85_000, 255_000, "0.26"],
    ]);
    expect(formatMicros(-15_000)).toBe("-0.02");
  });

  it("CSV quotes commas and quotes and defuses spreadsheet formulas", () => {
    expect(toCsv([{ a: 'x,"y"', b: "=SUM(A1)", c: -3 }], ["a", "b", "c"])).toBe(
      'a,b,c\r\n"x,""y""",\'=SUM(A1),-3\r\n',
    );
  });
});
