/** Scratch space a decode needs only while it runs: realigned records, LZF columns, ascii values. */
export type ScratchSlot = "aligned" | "columns" | "values";

const slots = new Map<ScratchSlot, Uint8Array>();
/** Larger needs are allocated fresh and not kept. */
const MAX_KEPT_BYTES = 256 * 1024 * 1024;

/**
 * A reusable, 8-byte-aligned buffer per slot and thread (grown by 1.5×, never shrunk): a fresh
 * 32 MB buffer costs ~8 ms of page faults on first touch, a reused one nothing. The contents are
 * garbage and the view is only valid until the next call for the same slot.
 */
export function scratchBytes(slot: ScratchSlot, length: number): Uint8Array {
  if (length > MAX_KEPT_BYTES) return new Uint8Array(length);
  let buffer = slots.get(slot);
  if (!buffer || buffer.length < length) {
    buffer = new Uint8Array(Math.max(length, Math.floor((buffer?.length ?? 0) * 1.5)));
    slots.set(slot, buffer);
  }
  return buffer.subarray(0, length);
}
