import { beforeEach, describe, expect, it } from "vitest";
import type { createApp } from "./app";
import { type AccessFixture, useAccessFixture } from "./testing/accessFixture";
import { testStoreKinds } from "./testing/testStores";
import { must } from "../core/model/must";

type Operation = {
  parameters: Array<{ name: string; in: string; schema: { type?: string; maximum?: number } }>;
  requestBody?: unknown;
};
type Doc = { paths: Record<string, Record<string, Operation>> };

describe.each(testStoreKinds())("malformed input on $name", (kind) => {
  const ctx = useAccessFixture(kind);
  let app: ReturnType<typeof createApp>;
  let f: AccessFixture;
  beforeEach(() => {
    ({ app, f } = ctx);
  });

  it("every route answers malformed input with 400 and a reason, never 500", async () => {
    const doc = (await (await app.request("/api/openapi.json")).json()) as Doc;
    const failures: string[] = [];
    const expect400 = async (what: string, method: string, url: string, body?: string) => {
      const res = await app.request(url, {
        method,
        headers: {
          ...f.admin.headers,
          "X-Cuboidal-Client": "1",
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        ...(body === undefined ? {} : { body }),
      });
      const reply = (await res.json().catch(() => ({}))) as { message?: string };
      if (res.status !== 400 || !reply.message)
        failures.push(`${what}: ${res.status} ${JSON.stringify(reply)}`);
    };
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        const url = f.fill(path);
        await expect400(`${method} ${path} ?x=NUL`, method, `${url}?x=%00`);
        for (const p of op.parameters.filter((p) => p.in === "path")) {
          const param = `{${p.name}}`;
          await expect400(`${method} ${path} ${p.name}=NUL`, method, f.fill(path.replace(param, "a%00b")));
          await expect400(
            `${method} ${path} ${p.name} too long`,
            method,
            f.fill(path.replace(param, "x".repeat(300))),
          );
        }
        for (const p of op.parameters.filter((p) => p.in === "query" && p.schema.type === "integer"))
          for (const bad of ["-1", String(must(p.schema.maximum, "p.schema.maximum") + 1), "abc", "1.5"])
            await expect400(`${method} ${path} ${p.name}=${bad}`, method, `${url}?${p.name}=${bad}`);
        if (op.requestBody) {
          await expect400(`${method} ${path} bad JSON`, method, url, "{");
          await expect400(`${method} ${path} array body`, method, url, "[]");
          await expect400(
            `${method} ${path} NUL in a string`,
            method,
            url,
            JSON.stringify({ name: "a\u0000b" }),
          );
          await expect400(
            `${method} ${path} huge string`,
            method,
            url,
            JSON.stringify({ name: "x".repeat(5000) }),
          );
        }
      }
    expect(failures).toEqual([]);
  });

  it("over-long names, ids and attributes are refused with the field named", async () => {
    const post = (url: string, body: unknown) =>
      app.request(url, {
        method: "POST",
        headers: { ...f.admin.headers, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
    const longName = await post("/api/projects", { name: "p".repeat(101) });
    expect(longName.status).toBe(400);
    expect(((await longName.json()) as { message: string }).message).toMatch(/^name: /);
    const badUser = await post("/api/users", { username: "no spaces allowed" });
    expect(badUser.status).toBe(400);
    expect(((await badUser.json()) as { message: string }).message).toMatch(/^username: /);
  });
});
