import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { type Context, Hono } from "hono";

/**
 * Serves the built client from `clientDir`: hashed assets with long-lived caching, and index.html for
 * every other non-API GET so deep links like /sequences/<id>?frame=N open the app.
 */
export function serveClient(clientDir: string): Hono {
  const indexPath = path.join(clientDir, "index.html");
  if (!existsSync(indexPath)) {
    throw new Error(`the client is not built: ${indexPath} is missing (run "npm run build")`);
  }
  const relativeRoot = path.relative(process.cwd(), clientDir) || ".";
  const sendIndex = async (c: Context) => {
    c.header("Cache-Control", "no-cache");
    // Read per request (a few hundred bytes) so a rebuilt client is picked up without a restart.
    return c.html(await readFile(indexPath, "utf8"));
  };
  return (
    new Hono()
      // Hashed file names: cache forever (serveStatic's onFound cannot set headers on its own response).
      .use("/assets/*", async (c, next) => {
        await next();
        if (c.res.status === 200) c.res.headers.set("Cache-Control", "public, max-age=31536000, immutable");
      })
      .use("/assets/*", serveStatic({ root: relativeRoot }))
      // "/" is the app itself: serveStatic with index "" would stream the directory (4096 bytes of octet-stream).
      .get("/", sendIndex)
      // A missing asset is a 404, never index.html: a module script served as HTML fails obscurely.
      .get("/assets/*", (c) => c.text(`no such asset: ${c.req.path}`, 404))
      .use("/*", serveStatic({ root: relativeRoot, index: "" }))
      .get("*", async (c): Promise<Response> => {
        if (c.req.path.startsWith("/api/"))
          return c.json({ error: "not-found", message: `no such API route: ${c.req.path}` }, 404);
        return sendIndex(c);
      })
  );
}
