import { z } from "zod";
import {
  annotationBatchSchema,
  annotationSnapshotSchema,
  batchAcceptedSchema,
  batchConflictSchema,
} from "../core/api/annotationBatch";
import { sequenceDetailSchema } from "../core/api/sequenceDetail";
import { sequenceSummarySchema } from "../core/model/Sequence";

const errorSchema = z.object({ error: z.string(), message: z.string() });

/** JSON Schemas of the core contracts, the same zod schemas the routes validate with. */
const components = {
  SequenceSummary: sequenceSummarySchema,
  SequenceDetail: sequenceDetailSchema,
  AnnotationSnapshot: annotationSnapshotSchema,
  AnnotationBatch: annotationBatchSchema,
  BatchAccepted: batchAcceptedSchema,
  BatchConflict: batchConflictSchema,
  Error: errorSchema,
};

const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

let cached: object | undefined;

/** GET /api/openapi.json: OpenAPI 3.1, components generated from core's zod schemas. */
export function openApiDocument(): object {
  cached ??= {
    openapi: "3.1.0",
    info: { title: "cuboidal API", version: "1" },
    paths: {
      "/api/sequences": {
        get: {
          summary: "List sequences",
          responses: { 200: json({ type: "array", items: ref("SequenceSummary") }, "Sequences") },
        },
      },
      "/api/sequences/{id}": {
        get: {
          summary: "A sequence with its sensors and frames",
          parameters: [idParam],
          responses: {
            200: json(ref("SequenceDetail"), "The sequence"),
            404: json(ref("Error"), "No such sequence"),
          },
        },
      },
      "/api/sequences/{id}/frames/{index}": {
        get: {
          summary: "One frame (pose, timestamp, blob hashes)",
          parameters: [
            idParam,
            { name: "index", in: "path", required: true, schema: { type: "integer", minimum: 0 } },
          ],
          responses: {
            200: { description: "The frame" },
            404: json(ref("Error"), "No such sequence or frame"),
          },
        },
      },
      "/api/sequences/{id}/annotations": {
        get: {
          summary: "Annotations now, or as of a past revision",
          parameters: [
            idParam,
            { name: "revision", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
          ],
          responses: {
            200: json(ref("AnnotationSnapshot"), "Snapshot"),
            404: json(ref("Error"), "No such sequence or revision"),
          },
        },
      },
      "/api/sequences/{id}/annotations/batches": {
        post: {
          summary: "Apply a batch of operations against a base revision (idempotent by batchId)",
          parameters: [idParam],
          requestBody: {
            required: true,
            content: { "application/json": { schema: ref("AnnotationBatch") } },
          },
          responses: {
            200: json(ref("BatchAccepted"), "Accepted: the new revision"),
            400: json(ref("Error"), "Invalid batch"),
            404: json(ref("Error"), "No such sequence"),
            409: json(ref("BatchConflict"), "An object the batch touches changed after baseRevision"),
          },
        },
      },
      "/api/sequences/{id}/history": {
        get: {
          summary: "The operation log (accepted batches) after a revision",
          parameters: [
            idParam,
            { name: "afterRevision", in: "query", required: false, schema: { type: "integer", minimum: 0 } },
          ],
          responses: {
            200: { description: "Batches, oldest first" },
            404: json(ref("Error"), "No such sequence"),
          },
        },
      },
      "/api/blobs/{hash}": {
        get: {
          summary: "A point cloud or image by content hash (ETag = hash, immutable)",
          parameters: [
            {
              name: "hash",
              in: "path",
              required: true,
              schema: { type: "string", pattern: "^[0-9a-f]{64}$" },
            },
          ],
          responses: {
            200: { description: "The bytes", content: { "application/octet-stream": {} } },
            304: { description: "Not modified" },
            404: json(ref("Error"), "No such blob"),
          },
        },
      },
      "/api/imports": {
        post: {
          summary:
            "Upload a sequence folder (multipart, one part per file named by its relative path) or one .zip",
          responses: {
            200: {
              description: "NDJSON progress lines, the last {result} or {error}",
              content: { "application/x-ndjson": {} },
            },
          },
        },
      },
    },
    components: {
      schemas: Object.fromEntries(
        Object.entries(components).map(([k, s]) => [
          k,
          z.toJSONSchema(s, { io: "input", unrepresentable: "any" }),
        ]),
      ),
    },
  };
  return cached;
}
