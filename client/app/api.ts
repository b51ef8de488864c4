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

/**
 * Every API call of the browser client: same-origin cookies, and the header that tells the
 * server a write comes from this app (its CSRF defence). The client never says who it is.
 */
export const apiFetch: FetchLike = (u, i = {}) => {
  // Headers, a record or pairs (the typed client sends Headers): the caller's win.
  const headers = new Headers(i.headers);
  if (!headers.has("X-Cuboidal-Client")) headers.set("X-Cuboidal-Client", "1");
  return fetch(u, { ...i, credentials: "same-origin", headers });
};

/** The URL of the next page a list reply names in its `Link: <…>; rel="next"` header, or null. */
export const nextPageUrl = (res: Pick<Response, "headers">): string | null =>
  /<([^>]+)>;\s*rel="next"/.exec(res.headers.get("Link") ?? "")?.[1] ?? null;

export const blobUrl = (hash: string): string => `/api/blobs/${encodeURIComponent(hash)}`;
