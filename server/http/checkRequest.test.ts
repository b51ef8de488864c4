import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { checkRequest, MAX_JSON_BODY } from "./checkRequest";

/** A Request that counts reads of its body (node-server builds a full Request and web stream for one). */
class BodyCountingRequest extends Request {
  bodyReads = 0;
  override get body() {
    this.bodyReads++;
    return super.body;
  }
}

describe("checkRequest", () => {
  const app = new Hono()
    .use(checkRequest())
    .get("/x", (c) => c.json({ ok: true }))
    .post("/x", async (c) => c.json(await c.req.json()));

  it("never asks a GET or HEAD for its body", async () => {
    for (const method of ["GET", "HEAD"]) {
      const request = new BodyCountingRequest("http://localhost/x", { method });
      expect((await app.request(request)).status).toBe(200);
      expect(request.bodyReads).toBe(0);
    }
  });

  it("takes a declared length from the header and reads the JSON without the body stream", async () => {
    const json = JSON.stringify({ a: 1 });
    const request = new BodyCountingRequest("http://localhost/x", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(json.length) },
      body: json,
    });
    const res = await app.request(request);
    expect([res.status, await res.json(), request.bodyReads]).toEqual([200, { a: 1 }, 0]);
    const tooLong = await app.request("/x", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(MAX_JSON_BODY + 1) },
      body: json,
    });
    expect([tooLong.status, (await tooLong.json()).error]).toEqual([413, "too-large"]);
  });

  it("still checks a GET's path and query, and a POST's JSON body", async () => {
    expect((await app.request(`/x?q=${"a".repeat(300)}`)).status).toBe(400);
    expect((await app.request("/x%00")).status).toBe(400);
    const post = (body: string) =>
      app.request("/x", { method: "POST", headers: { "Content-Type": "application/json" }, body });
    expect((await post('{"a":1}')).status).toBe(200);
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ a: "\u0000" }))).status).toBe(400);
  });
});
