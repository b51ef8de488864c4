import type { OpenAPIHono } from "@hono/zod-openapi";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { must } from "../core/model/must";
import { createApp } from "./app";
import { type GeneratedDocument, openApiDocument } from "./openApiDocument";
import { testStoreKinds } from "./testing/testStores";
import { useTestDeps } from "./testing/useTestDeps";

type Operation = {
  parameters: Array<{ name: string; in: string }>;
  requestBody?: { content: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
};

describe("the OpenAPI document", () => {
  const t = useTestDeps(must(testStoreKinds()[0], "a test store kind"));
  const documentOf = async () => {
    const res = await createApp(t.deps).request("/api/openapi.json");
    expect(res.status).toBe(200);
    return (await res.json()) as Doc;
  };

  it("is valid OpenAPI 3.1", async () => {
    const doc = await documentOf();
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect([result.valid, validator.version, doc.openapi]).toEqual([true, "3.1", "3.1.0"]);
  });

  it("lists every route the app serves, with its method, and nothing it does not serve", async () => {
    const app = createApp(t.deps);
    const doc = (await (await app.request("/api/openapi.json")).json()) as Doc;
    const served = app.routes
      .filter((r) => r.method !== "ALL")
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}").replace(/\/$/, "")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it("is generated from the routes' zod schemas: path, query, body and reply", async () => {
    const doc = await documentOf();
    const batches = must(doc.paths["/api/sequences/{id}/annotations/batches"]?.post, "POST batches");
    expect(batches.parameters).toContainEqual(expect.objectContaining({ name: "id", in: "path" }));
    const body = must(batches.requestBody?.content["application/json"]?.schema, "the batch body schema");
    expect(Object.keys(body.properties ?? {})).toEqual(["batchId", "baseRevision", "author", "operations"]);
    expect(batches.responses["409"]?.content?.["application/json"]?.schema).toBeDefined();
    const history = must(doc.paths["/api/sequences/{id}/history"]?.get, "GET history");
    expect(history.parameters).toContainEqual(
      expect.objectContaining({
        name: "limit",
        in: "query",
        schema: expect.objectContaining({ maximum: 500 }),
      }),
    );
  });

  it("documents the model-plugin contract as webhooks from its zod schemas", async () => {
    const doc = await documentOf();
    expect(Object.keys(doc.webhooks).sort()).toEqual([
      "plugin-detect",
      "plugin-segment-ground",
      "plugin-track",
    ]);
    const detect = must(doc.webhooks["plugin-detect"], "the detect webhook").post;
    const request = must(
      detect.requestBody?.content["application/json"]?.schema,
      "the detect request schema",
    );
    expect(Object.keys(request.properties ?? {})).toEqual(
      expect.arrayContaining(["frame", "points", "classes"]),
    );
    expect(detect.responses["200"]?.content?.["application/json"]?.schema).toBeDefined();
  });

  it("refuses a declared route that the access table lacks, and an entry no route declares", async () => {
    // createApp's root is an OpenAPIHono; its chained type is Hono's.
    const app = createApp(t.deps) as unknown as OpenAPIHono;
    const generated = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
    }) as unknown as GeneratedDocument & { paths: NonNullable<GeneratedDocument["paths"]> };
    expect(() => openApiDocument(generated)).not.toThrow();
    const extra = { ...generated, paths: { ...generated.paths, "/api/nowhere": { get: { responses: {} } } } };
    expect(() => openApiDocument(extra)).toThrow("GET /api/nowhere is declared but has no API_ACCESS entry");
    const { "/api/health": _health, ...withoutHealth } = generated.paths;
    expect(() => openApiDocument({ ...generated, paths: withoutHealth })).toThrow(
      "GET /api/health is in API_ACCESS but no route declares it",
    );
  });
});
