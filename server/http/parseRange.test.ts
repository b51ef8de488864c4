import { expect, it } from "vitest";
import { parseRange } from "./parseRange";

it("reads one byte range of a body, the RFC 9110 forms", () => {
  expect(parseRange(undefined, 100)).toBeNull();
  expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
  expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=90-500", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=-500", 100)).toEqual({ start: 0, end: 99 });
  expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=-0", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=0-1", 0)).toBe("unsatisfiable");
  // Several ranges, other units, reversed or malformed: the whole body.
  expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
  expect(parseRange("items=0-1", 100)).toBeNull();
  expect(parseRange("bytes=9-3", 100)).toBeNull();
  expect(parseRange("bytes=-", 100)).toBeNull();
});
