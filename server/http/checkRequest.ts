import type { Context, MiddlewareHandler, Next } from "hono";
import { bodyLimit } from "hono/body-limit";

/** Longest path segment or query value (ids, hashes, names) accepted. */
export const MAX_URL_PART = 256;
/** Longest string anywhere in a JSON body (names, ids, attribute values). */
export const MAX_JSON_STRING = 4096;
/** Default JSON body limit; routes that need more mount their own bodyLimit first (batches, imports). */
export const MAX_JSON_BODY = 1024 * 1024;

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const CONTROL = /[\u0000-\u001f\u007f]/;

const bad = (message: string) => ({ error: "invalid-request", message });

/** The first problem of a JSON value: a NUL/over-long string or key, with its path. */
function jsonProblem(value: unknown, path: string, maxString = MAX_JSON_STRING): string | null {
  if (typeof value === "string") {
    if (value.length > maxString) return `${path || "body"}: string longer than ${maxString} characters`;
    if (value.includes("\u0000")) return `${path || "body"}: NUL character in a string`;
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = jsonProblem(value[i], `${path}[${i}]`, maxString);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k.length > 200 || k.includes("\u0000"))
        return `${path || "body"}: key "${k.slice(0, 40)}" is too long or holds NUL`;
      const p = jsonProblem(v, path ? `${path}.${k}` : k, maxString);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Refuses malformed requests before any route sees them, each with a 400 naming the problem:
 * control characters or over-long parts in the path or query, bad JSON, NUL or over-long strings
 * in a JSON body. Bodies over MAX_JSON_BODY get 413, unless `allowances` names the path: its
 * `maxBytes`, or null when the route limits its own (multipart) body, and its `maxStringChars`
 * (a model plugin's points travel as one base64 string).
 */
export function checkRequest(
  allowances: Array<{ path: RegExp; maxBytes: number | null; maxStringChars?: number }> = [],
): MiddlewareHandler {
  const tooLarge = (c: Context, maxSize: number) =>
    c.json({ error: "too-large", message: `request body larger than ${maxSize} bytes` }, 413);
  const limitOf = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => tooLarge(c, maxSize) });
  const limits = allowances.map((a) => ({
    path: a.path,
    maxBytes: a.maxBytes,
    limit: a.maxBytes === null ? null : limitOf(a.maxBytes),
    maxStringChars: a.maxStringChars,
  }));
  const defaultLimit = limitOf(MAX_JSON_BODY);
  return async (c, next) => {
    const url = new URL(c.req.url);
    for (const segment of url.pathname.split("/")) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        return c.json(bad(`path segment "${segment.slice(0, 40)}" is not valid percent-encoding`), 400);
      }
      if (decoded.length > MAX_URL_PART)
        return c.json(bad(`path segment longer than ${MAX_URL_PART} characters`), 400);
      if (CONTROL.test(decoded)) return c.json(bad("control character (e.g. NUL) in the path"), 400);
    }
    for (const [k, v] of url.searchParams) {
      if (v.length > MAX_URL_PART || k.length > 100)
        return c.json(bad(`query parameter ${k.slice(0, 40)}: longer than ${MAX_URL_PART} characters`), 400);
      if (CONTROL.test(k) || CONTROL.test(v))
        return c.json(bad(`query parameter ${k.slice(0, 40)}: control character`), 400);
    }
    // A GET or HEAD has no body (fetch's Request refuses one): asking for it would only build the full
    // Request and its web stream from node's message (2-3% of a server's time under bench:server).
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const allowance = limits.find((a) => a.path.test(url.pathname));
    const run = async (hasBody: () => boolean) => {
      const json = (c.req.header("Content-Type") ?? "").startsWith("application/json");
      if (json && c.req.header("Content-Length") !== "0" && hasBody()) {
        let body: unknown;
        try {
          body = await c.req.json(); // cached: the route's validator reads the same parse
        } catch {
          return c.json(bad("the body is not valid JSON"), 400);
        }
        const problem = jsonProblem(body, "", allowance?.maxStringChars);
        if (problem) return c.json(bad(problem), 400);
      }
      await next();
    };
    // A declared length is checked from the header, as bodyLimit does, without asking for the body
    // stream: node-server then reads the JSON straight from node's message instead of building a
    // full Request and a web stream for it (7% of a server's time under bench:server's 200 annotators).
    const declared = c.req.header("Content-Length");
    if (declared !== undefined && c.req.header("Transfer-Encoding") === undefined) {
      const maxBytes = allowance ? allowance.maxBytes : MAX_JSON_BODY;
      if (maxBytes !== null && Number.parseInt(declared, 10) > maxBytes) return tooLarge(c, maxBytes);
      return run(() => true);
    }
    const streamed = () => Boolean(c.req.raw.body);
    if (allowance?.limit === null) return run(streamed);
    // run returns its 400 through bodyLimit, which hands back what next() returns.
    return (allowance?.limit ?? defaultLimit)(c, (() => run(streamed)) as Next);
  };
}
