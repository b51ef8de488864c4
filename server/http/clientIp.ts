import type { Context } from "hono";

/**
 * The peer address of a request served by @hono/node-server, or "local" for in-process requests
 * (tests, app.request). Behind a reverse proxy this is the proxy: X-Forwarded-For is not trusted,
 * since any client can send it.
 */
export function clientIp(c: Context): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? "local";
}
