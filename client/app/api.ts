import type { z } from "zod";
import { type AnnotationSnapshot, annotationSnapshotSchema } from "../../core/api/annotationBatch";
import { type SequenceDetail, sequenceDetailSchema } from "../../core/api/sequenceDetail";
import { type SequenceSummary, sequenceSummarySchema } from "../../core/model/Sequence";

/** A failed API call: which URL, what status, what the server said. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${url}: ${status ? `HTTP ${status}` : "unreachable"} — ${detail}`);
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

async function getJson<T>(
  fetchFn: FetchLike,
  url: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<T> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(url, 0, (e as Error).message);
  }
  if (!res.ok) throw new ApiError(url, res.status, (await res.text()).slice(0, 200));
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success)
    throw new ApiError(url, res.status, `unexpected reply: ${parsed.error.message.slice(0, 300)}`);
  return parsed.data;
}

const f: FetchLike = (u, i) => fetch(u, i);

export const fetchSequences = (signal?: AbortSignal): Promise<SequenceSummary[]> =>
  getJson(f, "/api/sequences", sequenceSummarySchema.array(), signal);

export const fetchSequence = (id: string, signal?: AbortSignal): Promise<SequenceDetail> =>
  getJson(f, `/api/sequences/${encodeURIComponent(id)}`, sequenceDetailSchema, signal);

export const fetchAnnotations = (
  id: string,
  signal?: AbortSignal,
  fetchFn: FetchLike = f,
): Promise<AnnotationSnapshot> =>
  getJson(fetchFn, `/api/sequences/${encodeURIComponent(id)}/annotations`, annotationSnapshotSchema, signal);

export const blobUrl = (hash: string): string => `/api/blobs/${encodeURIComponent(hash)}`;
