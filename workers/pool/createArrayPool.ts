import type { AttributeArray } from "../../core/pointcloud/PointCloud";
import { allocate, type OutputType } from "../decode/decodeRecords";

/**
 * Recycles the ArrayBuffers behind decoded frames, so a warm worker makes no fresh large
 * allocations per frame (a fresh 32 MB output costs ~8 ms of page faults on first touch).
 * Buffers are kept by size class (12.5 % steps) up to `maxBytes` in all; arrays are views of
 * the start of a pooled buffer. Buffers under `minBytes` are not worth pooling.
 */
export interface ArrayPool {
  allocate(type: OutputType, length: number): AttributeArray;
  /** Hands a buffer back (e.g. when the client evicts a frame and transfers its buffers back). */
  release(buffer: ArrayBufferLike): void;
  /** Bytes currently held for reuse. */
  heldBytes(): number;
}

const BYTES_PER: Record<OutputType, number> = {
  f32: 4,
  f64: 8,
  u8: 1,
  i8: 1,
  u16: 2,
  i16: 2,
  u32: 4,
  i32: 4,
};

export function sizeClass(bytes: number): number {
  if (bytes <= 4096) return 4096;
  const step = 2 ** (Math.floor(Math.log2(bytes)) - 3);
  return Math.ceil(bytes / step) * step;
}

export function createArrayPool({ maxBytes = 512 * 1024 * 1024, minBytes = 65_536 } = {}): ArrayPool {
  const free = new Map<number, ArrayBuffer[]>();
  let held = 0;
  return {
    allocate(type, length) {
      const bytes = length * BYTES_PER[type];
      if (bytes < minBytes) return allocate(type, length);
      const size = sizeClass(bytes);
      const buffer = free.get(size)?.pop();
      if (buffer) held -= buffer.byteLength;
      return view(type, buffer ?? new ArrayBuffer(size), length);
    },
    release(buffer) {
      if (!(buffer instanceof ArrayBuffer) || buffer.byteLength < minBytes || buffer.byteLength === 0) return;
      if (buffer.byteLength !== sizeClass(buffer.byteLength) || held + buffer.byteLength > maxBytes) return;
      const list = free.get(buffer.byteLength) ?? [];
      if (list.includes(buffer)) return;
      list.push(buffer);
      free.set(buffer.byteLength, list);
      held += buffer.byteLength;
    },
    heldBytes: () => held,
  };
}

function view(type: OutputType, buffer: ArrayBuffer, length: number): AttributeArray {
  switch (type) {
    case "f32":
      return new Float32Array(buffer, 0, length);
    case "f64":
      return new Float64Array(buffer, 0, length);
    case "u8":
      return new Uint8Array(buffer, 0, length);
    case "i8":
      return new Int8Array(buffer, 0, length);
    case "u16":
      return new Uint16Array(buffer, 0, length);
    case "i16":
      return new Int16Array(buffer, 0, length);
    case "u32":
      return new Uint32Array(buffer, 0, length);
    case "i32":
      return new Int32Array(buffer, 0, length);
  }
}
