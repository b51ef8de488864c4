import { type ClientResponse, hc } from "hono/client";
import type { SuccessStatusCode } from "hono/utils/http-status";
import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import type { SequenceSummary } from "../../core/model/Sequence";
import type { AppType } from "../../server/app";
import { errorReply } from "../i18n/errorMessage";
import type { z } from "zod";
import { ApiError, apiFetch, nextPageUrl } from "./api";

/**
 * The browser's API client, derived from the server's route declarations (`AppType`): paths,
 * params, queries, bodies and replies are the zod schemas the routes validate with. Every call
 * goes through `apiFetch` (same-origin cookie, the CSRF header).
 */
export const apiClient = hc<AppType>("/", {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => apiFetch(String(input), init),
});

/** A path parameter: `hc` puts params in the path as they are, so ids are encoded here. */
export const pathParam = (id: string) => encodeURIComponent(id);

/** The body of a 2xx reply of `R`. */
export type Success<R> =
  R extends ClientResponse<infer T, infer S, infer _F> ? (S extends SuccessStatusCode ? T : never) : never;

/**
 * Awaits a call of `apiClient`: the 2xx reply's body (undefined when it has none), or throws
 * ApiError with the server's `{error, message}` (or `unreachable` when no reply came).
 */
export async function ok<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R>,
): Promise<Success<R>> {
  return (await okPage(pending)).data;
}

/**
 * A route that answers JSON or CSV (the analytics figures): `hc` types its reply as a bare Response,
 * so the JSON body is checked against the schema the route declares for it.
 */
export async function okChecked<S extends z.ZodType>(
  pending: Promise<ClientResponse<unknown, number, string>>,
  schema: S,
): Promise<z.output<S>> {
  return schema.parse((await okPage(pending)).data);
}

/** `ok`, and the next page's URL when the reply names one (`Link: <…>; rel="next"`). */
async function okPage<R extends ClientResponse<unknown, number, string>>(
  pending: Promise<R>,
): Promise<{ data: Success<R>; next: string | null }> {
  let res: R;
  try {
    res = await pending;
  } catch (e) {
    if ((e as Error).name === "AbortError") throw e;
    throw new ApiError("/api", 0, (e as Error).message);
  }
  const url = new URL(res.url || "/", "http://origin").pathname;
  const text = await res.text();
  if (!res.ok) {
    const reply = errorReply(text);
    throw new ApiError(url, res.status, reply.message, reply.code, reply.body);
  }
  return { data: (text ? JSON.parse(text) : undefined) as Success<R>, next: nextPageUrl(res) };
}

/** A sequence as GET /api/sequences lists it: its summary and its project. */
export type ListedSequence = SequenceSummary & { projectId: string };

/** Every sequence the user may see, page after page (GET /sequences answers 500 at most per page). */
export async function fetchSequences(signal?: AbortSignal): Promise<ListedSequence[]> {
  const all: ListedSequence[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await okPage(
      apiClient.api.sequences.$get({ query: after ? { after } : {} }, { init: { signal } }),
    );
    all.push(...page.data);
    if (!page.next) return all;
    after = new URL(page.next, "http://origin").searchParams.get("after") ?? undefined;
    if (!after) return all;
  }
}

export const fetchSequence = (id: string, signal?: AbortSignal): Promise<SequenceDetail> =>
  ok(apiClient.api.sequences[":id"].$get({ param: { id: pathParam(id) } }, { init: { signal } }));

/** The annotations at the head, or at `revision`. */
export const fetchAnnotations = (
  id: string,
  options: { signal?: AbortSignal; revision?: number } = {},
): Promise<AnnotationSnapshot> =>
  ok(
    apiClient.api.sequences[":id"].annotations.$get(
      {
        param: { id: pathParam(id) },
        query: options.revision === undefined ? {} : { revision: String(options.revision) },
      },
      { init: options.signal ? { signal: options.signal } : {} },
    ),
  );
