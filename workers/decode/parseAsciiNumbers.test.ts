import { describe, expect, it } from "vitest";
import { parseAsciiNumbers } from "./parseAsciiNumbers";
import { PointCloudDecodeError } from "./PointCloudDecodeError";

const parse = (text: string, capacity = 32) => {
  const out = new Float64Array(capacity);
  const result = parseAsciiNumbers(new TextEncoder().encode(text), 0, out, "t.pcd");
  return { values: Array.from(out.subarray(0, result.count)), ...result };
};

describe("parseAsciiNumbers", () => {
  it("reads the spellings PCL, three.js and hand-written files use, exactly as Number() does", () => {
    const tokens = [
      "0",
      "-0.5",
      "+3.25",
      "12.345678",
      ".5",
      "5.",
      "1e3",
      "-2.5E-4",
      "123456789012345678",
      "0.1000000000000000055511",
      "1.17549435e-38",
    ];
    const { values } = parse(`${tokens.join(" \t")}\r\n`);
    expect(values).toEqual(tokens.map(Number));
  });

  it("reads the same values far from the end of the bytes (the bulk loop) as near it", () => {
    // Odd tokens in the middle of a long text hand over between the bulk and the general loop.
    const tokens = [
      "12.345678",
      "-0.5",
      "1e3",
      "7",
      "nan",
      "123456789012345678",
      "+3.25",
      ".5",
      "5.",
      "-2.5E-4",
    ];
    const many = Array.from({ length: 400 }, (_, i) => tokens[i % tokens.length] ?? "");
    const { values, count } = parse(many.join(" \n"), 400);
    expect(count).toBe(400);
    expect(values).toEqual(many.map((t) => (t === "nan" ? Number.NaN : Number(t))));
    expect(() => parse(`${"1.5 ".repeat(100)}2-3 ${"4 ".repeat(100)}`, 300)).toThrow(
      't.pcd: "2-3" is not a number (byte 400)',
    );
  });

  it("reads nan and inf spellings as non-finite values", () => {
    expect(parse("nan -nan NaN inf -inf Infinity").values).toEqual([
      NaN,
      NaN,
      NaN,
      Infinity,
      -Infinity,
      Infinity,
    ]);
  });

  it("stops at the end of the bytes, even inside a number (the last line needs no newline)", () => {
    expect(parse("1 2 3.5").values).toEqual([1, 2, 3.5]);
    expect(parse("1 2 3", 2)).toMatchObject({ values: [1, 2], more: true });
  });

  it("names the byte of a token that is not a number", () => {
    let error: unknown;
    try {
      parse("1 2 0x1f 4");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PointCloudDecodeError);
    expect((error as PointCloudDecodeError).message).toBe('t.pcd: "0x1f" is not a number (byte 4)');
    expect(() => parse("1 2-3")).toThrow('t.pcd: "2-3" is not a number (byte 2)');
  });
});
