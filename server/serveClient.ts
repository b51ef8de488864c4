import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";

/**
 * Serves the built client from `clientDir`: hashed assets with long-lived caching, and index.html for
 * every other non-API GET so deep links like /sequences/<id>?frame=N open the app.
 */
export function serveClient(clientDir: string): Hono {
  const indexPath = path.join(clientDir, "index.html");
  if (!existsSync(indexPath)) {
    throw new Error(`the client is not built: ${indexPath} is missing (run "npm run build")`);
  }
  const indexHtml = readFileSync(indexPath, "utf8");
  const relativeRoot = path.relative(process.cwd(), clientDir) || ".";
  return new Hono()
    .use(
      "/assets/*",
      serveStatic({
        root: relativeRoot,
        onFound: (_path, c) => {
          c.header("Cache-Control", "public, max-age=31536000, immutable");
        },
      }),
    )
    // "/" is the app itself: serveStatic with index "" would stream the directory (4096 bytes of octet-stream).
    .get("/", (c) => {
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    })
    .use("/*", serveStatic({ root: relativeRoot, index: "" }))
    .get("*", (c) => {
      if (c.req.path.startsWith("/api/")) return c.json({ error: `no such API route: ${c.req.path}` }, 404);
      c.header("Cache-Control", "no-cache");
      return c.html(indexHtml);
    });
}
