/**
 * Content-addressed storage for point clouds and images. A blob's name is the lowercase hex
 * SHA-256 of its bytes, so a blob never changes and can be cached forever, and writing the same
 * bytes twice stores them once.
 */
export interface BlobStore {
  /** Stores the bytes (written whole or not at all) and returns their hash. */
  put(data: Uint8Array | AsyncIterable<Uint8Array>): Promise<string>;
  /** The bytes as a stream, or null when no such blob exists. */
  get(hash: string): Promise<ReadableStream<Uint8Array> | null>;
  has(hash: string): Promise<boolean>;
  /** Size in bytes, or null when no such blob exists. */
  size(hash: string): Promise<number | null>;
  /** Removes the blob (no error when absent). Only for blobs no row references: see collectBlobs. */
  delete(hash: string): Promise<void>;
}

export const BLOB_HASH_PATTERN = /^[0-9a-f]{64}$/;
export const isBlobHash = (s: string): boolean => BLOB_HASH_PATTERN.test(s);
