import type { z } from "zod";
import { type AnnotationSnapshot, annotationSnapshotSchema } from "../../core/api/annotationBatch";
import { type SequenceDetail, sequenceDetailSchema } from "../../core/api/sequenceDetail";
import { type SequenceSummary, sequenceSummarySchema } from "../../core/model/Sequence";
import { errorReply } from "../i18n/errorMessage";

/**
 * A failed API call: which URL, what status, what the server said. `code` is the server's stable
 * error code (`{error, message}` replies), which the UI shows in its language (`errorMessage`).
 */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly url: string,
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
    /** The reply's JSON body, for codes whose reply carries more than a message (qa-blocking's findings). */
    readonly body?: unknown,
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
  return (await getPage(fetchFn, url, schema, signal)).data;
}

/** One reply, checked against `schema`, and the next page's URL when the reply names one. */
async function getPage<T>(
  fetchFn: FetchLike,
  url: string,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<{ data: T; next: string | null }> {
  let res: Response;
  try {
    res = await fetchFn(url, { signal });
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError(url, 0, (e as Error).message);
  }
  if (!res.ok) {
    const reply = errorReply(await res.text());
    throw new ApiError(url, res.status, reply.message, reply.code, reply.body);
  }
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success)
    throw new ApiError(url, res.status, `unexpected reply: ${parsed.error.message.slice(0, 300)}`);
  return { data: parsed.data, next: nextPageUrl(res) };
}

/**
 * Every API call of the browser client: same-origin cookies, and the header that tells the
 * server a write comes from this app (its CSRF defence). The client never says who it is.
 */
export const apiFetch: FetchLike = (u, i = {}) =>
  fetch(u, {
    ...i,
    credentials: "same-origin",
    headers: { "X-Cuboidal-Client": "1", ...(i.headers as Record<string, string> | undefined) },
  });
const f = apiFetch;

/** Sends JSON and parses the JSON reply; a non-2xx reply throws ApiError with the server's message. */
export async function sendJson<T = unknown>(method: string, url: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await apiFetch(url, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }),
    });
  } catch (e) {
    throw new ApiError(url, 0, (e as Error).message);
  }
  const text = await res.text();
  if (!res.ok) {
    const reply = errorReply(text);
    throw new ApiError(url, res.status, reply.message, reply.code, reply.body);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The URL of the next page a list reply names in its `Link: <…>; rel="next"` header, or null. */
export const nextPageUrl = (res: Pick<Response, "headers">): string | null =>
  /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("Link") ?? "")?.[1] ?? null;

/** Every sequence the user may see, page after page (GET /sequences answers 500 at most per page). */
export async function fetchSequences(signal?: AbortSignal): Promise<SequenceSummary[]> {
  const all: SequenceSummary[] = [];
  for (let url: string | null = "/api/sequences"; url; ) {
    const page: { data: SequenceSummary[]; next: string | null } = await getPage(
      f,
      url,
      sequenceSummarySchema.array(),
      signal,
    );
    all.push(...page.data);
    url = page.next;
  }
  return all;
}

export const fetchSequence = (id: string, signal?: AbortSignal): Promise<SequenceDetail> =>
  getJson(f, `/api/sequences/${encodeURIComponent(id)}`, sequenceDetailSchema, signal);

export const fetchAnnotations = (
  id: string,
  signal?: AbortSignal,
  fetchFn: FetchLike = f,
): Promise<AnnotationSnapshot> =>
  getJson(fetchFn, `/api/sequences/${encodeURIComponent(id)}/annotations`, annotationSnapshotSchema, signal);

export const blobUrl = (hash: string): string => `/api/blobs/${encodeURIComponent(hash)}`;
