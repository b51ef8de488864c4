import { Hono } from "hono";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { type RequestEnv, requestContext } from "./requestContext";

describe("requestContext", () => {
  const log = pino({ level: "silent" });

  it("puts the request id on the route's own reply instead of rebuilding it", async () => {
    let made: Response | undefined;
    const app = new Hono<RequestEnv>().use(requestContext(log)).get("/x", (c) => {
      made = c.json({ ok: true });
      return made;
    });
    const res = await app.request("/x", { headers: { "X-Request-Id": "lb-1" } });
    expect(res).toBe(made);
    expect(res.headers.get("X-Request-Id")).toBe("lb-1");
    expect(await res.json()).toEqual({ ok: true });
  });

  it("still names the request on a reply whose headers cannot change", async () => {
    const app = new Hono<RequestEnv>()
      .use(requestContext(log))
      .get("/x", () => Response.redirect("http://localhost/y", 302));
    const res = await app.request("/x", { headers: { "X-Request-Id": "lb-2" } });
    expect([res.status, res.headers.get("Location"), res.headers.get("X-Request-Id")]).toEqual([
      302,
      "http://localhost/y",
      "lb-2",
    ]);
  });
});
