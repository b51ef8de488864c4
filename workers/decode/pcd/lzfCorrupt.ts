import { PointCloudDecodeError } from "../PointCloudDecodeError";

/** Why LZF data is corrupt. The WebAssembly decoder returns the negated code. */
export const LzfCorruption = {
  literalOverflows: 1,
  literalPastEnd: 2,
  referencePastEnd: 3,
  referenceBeforeStart: 4,
  referenceOverflows: 5,
} as const;
export type LzfCorruption = (typeof LzfCorruption)[keyof typeof LzfCorruption];

const REASONS: Record<LzfCorruption, string> = {
  1: "literal run overflows the declared size",
  2: "literal run past the end of the data",
  3: "back-reference past the end of the data",
  4: "back-reference before the start of the output",
  5: "back-reference overflows the declared size",
};

/** The error both LZF decoders throw; `at` is the file offset of the offending control byte. */
export const lzfCorrupt = (file: string, at: number, why: LzfCorruption): PointCloudDecodeError =>
  new PointCloudDecodeError(file, at, `corrupt LZF data: ${REASONS[why]}`);
