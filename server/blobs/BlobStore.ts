/**
 * Content-addressed storage for point clouds and images. A blob's name is the lowercase hex
 * SHA-256 of its bytes, so a blob never changes and can be cached forever, and writing the same
 * bytes twice stores them once. Two implementations keep the same keys (`<aa>/<sha256>`):
 * createFileBlobStore (a local folder, the default) and createS3BlobStore (BLOB_URL=s3://…).
 */
export interface BlobStore {
  /** Stores the bytes (written whole or not at all) and returns their hash. */
  put(data: Uint8Array | AsyncIterable<Uint8Array>): Promise<string>;
  /** The bytes (or those of `range`, both ends inclusive) as a stream, or null when no such blob exists. */
  get(hash: string, range?: ByteRange): Promise<ReadableStream<Uint8Array> | null>;
  has(hash: string): Promise<boolean>;
  /** Size in bytes, or null when no such blob exists. */
  size(hash: string): Promise<number | null>;
  /** Removes the blob (no error when absent). Only for blobs no row references: see collectBlobs. */
  delete(hash: string): Promise<void>;
  /** Resolves when the store can be read and written now; throws BlobStoreUnavailableError otherwise (/readyz). */
  check(): Promise<void>;
  /** Where the blobs are, for logs: a folder or `s3://bucket/prefix`. */
  readonly location: string;
}

/** Bytes `start` to `end` of a blob, both inclusive (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

export const BLOB_HASH_PATTERN = /^[0-9a-f]{64}$/;
export const isBlobHash = (s: string): boolean => BLOB_HASH_PATTERN.test(s);
/** The key of a blob under a store's root, the same on disk and in a bucket. */
export const blobKey = (hash: string): string => `${hash.slice(0, 2)}/${hash}`;
