import { z } from "zod";
import {
  annotationBatchSchema,
  annotationSnapshotSchema,
  batchAcceptedSchema,
  batchConflictSchema,
} from "../core/api/annotationBatch";
import {
  acceptanceRefusedSchema,
  errorTypesSchema,
  issueListSchema,
  reviewDiffSchema,
  reviewQueueSchema,
  reviewSettingsSchema,
  reviewStatsSchema,
  taskDetailSchema,
  taskHistorySchema,
  taskJsonSchema,
  transitionInputSchema,
  transitionReplySchema,
  verdictListSchema,
} from "../core/api/review";
import { predictionCountsSchema, predictionImportResultSchema } from "../core/api/predictions";
import { sequenceDetailSchema } from "../core/api/sequenceDetail";
import { boxVerdictSchema, verdictInputSchema } from "../core/review/BoxVerdict";
import {
  issueInputSchema,
  issueReplyInputSchema,
  issueStatusInputSchema,
  reviewIssueSchema,
} from "../core/review/ReviewIssue";
import { sequenceSummarySchema } from "../core/model/Sequence";
import { analyticsSettingsSchema } from "../core/analytics/AnalyticsSettings";
import { jobRecordSchema } from "../core/api/jobRecord";
import {
  detectRequestSchema,
  detectResponseSchema,
  projectPluginInputSchema,
  projectPluginSchema,
  segmentGroundRequestSchema,
  segmentGroundResponseSchema,
  trackRequestSchema,
  trackResponseSchema,
} from "../core/api/modelPlugin";
import { API_ACCESS, type Access } from "./apiAccess";

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
  TransitionInput: transitionInputSchema,
  VerdictInput: verdictInputSchema,
  IssueInput: issueInputSchema,
  IssueReplyInput: issueReplyInputSchema,
  IssueStatusInput: issueStatusInputSchema,
  ErrorTypes: errorTypesSchema,
  ReviewSettings: reviewSettingsSchema,
  Task: taskJsonSchema,
  TaskDetail: taskDetailSchema,
  TaskHistory: taskHistorySchema,
  TransitionReply: transitionReplySchema,
  AcceptanceRefused: acceptanceRefusedSchema,
  BoxVerdict: boxVerdictSchema,
  VerdictList: verdictListSchema,
  ReviewIssue: reviewIssueSchema,
  IssueList: issueListSchema,
  ReviewQueue: reviewQueueSchema,
  ReviewDiff: reviewDiffSchema,
  ReviewStats: reviewStatsSchema,
  AnalyticsSettings: analyticsSettingsSchema,
  PredictionImportResult: predictionImportResultSchema,
  PredictionCounts: predictionCountsSchema,
  Job: jobRecordSchema,
  ProjectPlugin: projectPluginSchema,
  ProjectPluginInput: projectPluginInputSchema,
  DetectRequest: detectRequestSchema,
  DetectResponse: detectResponseSchema,
  TrackRequest: trackRequestSchema,
  TrackResponse: trackResponseSchema,
  SegmentGroundRequest: segmentGroundRequestSchema,
  SegmentGroundResponse: segmentGroundResponseSchema,
};

const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const pathParam = (name: string) => ({
  name,
  in: "path",
  required: true,
  schema: name === "index" ? { type: "integer", minimum: 0 } : { type: "string", maxLength: 256 },
});
const queryInt = (name: string, maximum = 2_147_483_647) => ({
  name,
  in: "query",
  required: false,
  schema: { type: "integer", minimum: 0, maximum },
});

/** Query parameters of the analytics routes (server/analytics/createAnalyticsRoutes.ts). */
const analyticsQuery = (name: string, description: string, schema: object = { type: "string" }) => ({
  name,
  in: "query",
  required: false,
  description,
  schema,
});
const dayParam = (name: string, description: string) =>
  analyticsQuery(name, description, { type: "string", format: "date" });
const tzParam = analyticsQuery(
  "tz",
  "IANA time zone whose calendar days the figures follow (Asia/Shanghai); the project's zone (analytics settings) when left out",
  { type: "string", maxLength: 64 },
);
const personParam = analyticsQuery(
  "person",
  "One member's user name (leads and admins; anyone else gets only their own)",
);
const formatParam = (formats: string[]) =>
  analyticsQuery("format", "json (default) or a CSV table", { type: "string", enum: formats });
const figures = (description: string, csv = true) => ({
  200: {
    description,
    content: { "application/json": {}, ...(csv ? { "text/csv": {} } : {}) },
  },
});
const dayScope = [
  dayParam("from", "First day, YYYY-MM-DD, in the time zone"),
  dayParam("to", "Last day (inclusive)"),
  personParam,
  tzParam,
  formatParam(["json", "csv"]),
];

/** Request bodies and extra parameters of the routes that have them. */
const extras: Record<string, { body?: object; query?: object[]; responses?: Record<number, object> }> = {
  "GET /api/projects/{id}/analytics/people": {
    query: dayScope,
    responses: figures(
      "{idleGapMinutes, timeZone, rows: per person and day}; CSV one row per person and day",
    ),
  },
  "GET /api/projects/{id}/analytics/stretches": {
    query: dayScope,
    responses: figures(
      "{idleGapMinutes, breakAfterMinutes, timeZone, rows: {person, start, end, seconds, saves}}",
    ),
  },
  "GET /api/projects/{id}/analytics/tasks": {
    query: [formatParam(["json", "csv"])],
    responses: figures("{rows: per task}"),
  },
  "GET /api/projects/{id}/analytics/ledger": {
    query: [personParam, formatParam(["json", "csv"])],
    responses: figures("{currency, rows: per person and class, totalMicros, total}"),
  },
  "GET /api/projects/{id}/analytics/progress": {
    query: [
      dayParam("asOf", "Forecast as of this day (default today in the time zone)"),
      tzParam,
      formatParam(["json", "csv"]),
    ],
    responses: figures("Frames and boxes by stage, frames labeled per day, forecast, timeZone"),
  },
  "GET /api/projects/{id}/analytics/review": {
    query: [formatParam(["json", "reasons-csv", "labelers-csv", "corrections-csv"])],
    responses: figures("{reasons: {reason, label, count}, labelers, corrections}"),
  },
  "GET /api/projects/{id}/analytics/settings": {
    responses: {
      200: json(ref("AnalyticsSettings"), "The settings (the defaults until the lead sets them)"),
    },
  },
  "PUT /api/projects/{id}/analytics/settings": {
    body: ref("AnalyticsSettings"),
    responses: { 200: json(ref("AnalyticsSettings"), "Saved") },
  },
  "POST /api/sequences/{id}/exports": {
    body: { type: "object", required: ["format"], properties: { format: { type: "string" } } },
    responses: { 202: json(ref("Job"), "Queued: poll GET /api/exports/{jobId} or /api/jobs/{jobId}") },
  },
  "PATCH /api/sequences/{id}": { body: { type: "object", required: ["projectId"] } },
  "POST /api/sequences/{id}/predictions": {
    query: [
      { name: "model", in: "query", required: true, description: "NAME@VERSION", schema: { type: "string" } },
      {
        name: "format",
        in: "query",
        description: "auto (default): a JSON array is native, a JSON object nuScenes, text KITTI",
        schema: { type: "string", enum: ["auto", "native", "nuscenes", "kitti"] },
      },
      {
        name: "taskId",
        in: "query",
        description: "Write only this task's frames",
        schema: { type: "string" },
      },
    ],
    responses: {
      200: json(
        ref("PredictionImportResult"),
        "Stored as one batch. Body: multipart/form-data `file` parts (KITTI: one file a frame, named after it), or the file itself",
      ),
      400: json(ref("Error"), "invalid-predictions: the message names the file, the place and the reason"),
    },
  },
  "GET /api/projects/{id}/prediction-counts": {
    responses: { 200: json(ref("PredictionCounts"), "Per model and version") },
  },
  "GET /api/sequences/{id}/live": {
    query: [queryInt("afterRevision"), { name: "clientId", in: "query", schema: { type: "string" } }],
    responses: { 200: { description: "text/event-stream: hello, batch (id = revision), presence" } },
  },
  "POST /api/sequences/{id}/presence": {
    body: { type: "object", required: ["clientId", "selectedIds", "frameIndex"] },
    responses: { 204: { description: "Announced" } },
  },
  "POST /api/imports": {
    query: [
      { name: "projectId", in: "query", schema: { type: "string" } },
      { name: "name", in: "query", schema: { type: "string" } },
    ],
    responses: {
      200: {
        description: "ImportResult, or NDJSON progress lines with Accept: application/x-ndjson",
        content: { "application/json": {}, "application/x-ndjson": {} },
      },
    },
  },
};

const who = (a: Access): string => {
  if (!("roles" in a))
    return { public: "No credential.", user: "Any signed-in user.", admin: "Global admins." }[a.kind];
  return `Roles ${a.roles.join(", ")} in the ${a.kind === "project" ? "project" : `${a.kind}'s project`}.`;
};

/** An operation of a route not yet declared with `createRoute`: from API_ACCESS and `extras`. */
function legacyOperation(key: string): Operation {
  const path = key.split(" ")[1]!;
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((m) => pathParam(m[1]!));
  const x = extras[key] ?? {};
  return {
    parameters: [...params, ...(x.query ?? [])],
    ...(x.body
      ? { requestBody: { required: true, content: { "application/json": { schema: x.body } } } }
      : {}),
    responses: { 200: { description: "OK" }, ...x.responses },
  };
}

/** What every route may answer besides its own replies: malformed input, no credential, no role, no object. */
const commonReplies = (access: Access) => ({
  400: json(ref("Error"), "Malformed request: the message names the field and the reason"),
  ...(access.kind === "public"
    ? {}
    : {
        401: json(ref("Error"), "No valid credential"),
        403: json(ref("Error"), "The caller's role may not do this, or a cross-site write (CSRF)"),
      }),
  404: json(ref("Error"), "No such object"),
});

type Operation = { summary?: string; responses?: Record<string, object> } & Record<string, unknown>;
type Paths = Record<string, Record<string, Operation>>;

export interface GeneratedDocument {
  paths?: Paths;
  webhooks?: Record<string, unknown>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * GET /api/openapi.json: OpenAPI 3.1 of every route, generated from the routes' `createRoute`
 * declarations (`generated`), with who may call each (API_ACCESS) and cookie and bearer auth.
 * Routes not yet declared with `createRoute` are described by `extras`. A declared route without
 * an API_ACCESS entry is an error: the access test walks this document.
 */
export function openApiDocument(generated: GeneratedDocument): object {
  const paths: Paths = {};
  const declared = generated.paths ?? {};
  for (const [path, ops] of Object.entries(declared))
    for (const method of Object.keys(ops))
      if (!API_ACCESS[`${method.toUpperCase()} ${path}`])
        throw new Error(`${method.toUpperCase()} ${path} is declared but has no API_ACCESS entry`);
  for (const [key, access] of Object.entries(API_ACCESS)) {
    const [method, path] = key.split(" ") as [string, string];
    const op: Operation =
      (declared[path]?.[method.toLowerCase()] as Operation | undefined) ?? legacyOperation(key);
    paths[path] ??= {};
    paths[path][method.toLowerCase()] = {
      ...op,
      parameters: op.parameters ?? [],
      summary: op.summary ?? access.summary,
      description: who(access),
      "x-access": access,
      security: access.kind === "public" ? [] : [{ sessionCookie: [] }, { bearerToken: [] }],
      responses: { ...commonReplies(access), ...op.responses },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "cuboidal API",
      version: "1",
      description:
        "Every route but sign-in, health and this document needs a credential: the httpOnly session cookie set by POST /api/auth/sign-in (browser writes must also send the header X-Cuboidal-Client: 1) or a personal token as `Authorization: Bearer cub_…` (POST /api/auth/tokens).",
    },
    paths,
    // What a team's model server implements (#14): the pre-label job POSTs to `<url>/detect` per
    // frame, then `<url>/track`, with `Authorization: Bearer <token>` (PUT /api/projects/{id}/plugin).
    // Declared with the same zod schemas in plugins/modelPluginWebhooks.ts.
    webhooks: generated.webhooks ?? {},
    components: {
      securitySchemes: {
        sessionCookie: { type: "apiKey", in: "cookie", name: "cuboidal_session" },
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token (cub_…)" },
      },
      schemas: {
        ...Object.fromEntries(
          Object.entries(components).map(([k, s]) => [
            k,
            z.toJSONSchema(s, { io: "input", unrepresentable: "any" }),
          ]),
        ),
        ...generated.components?.schemas,
      },
    },
  };
}
