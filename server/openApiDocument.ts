import { z } from "zod";
import { apiErrorSchema } from "../core/api/apiError";
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

/** JSON Schemas of the core contracts, the same zod schemas the routes validate with. */
const components = {
  SequenceSummary: sequenceSummarySchema,
  SequenceDetail: sequenceDetailSchema,
  AnnotationSnapshot: annotationSnapshotSchema,
  AnnotationBatch: annotationBatchSchema,
  BatchAccepted: batchAcceptedSchema,
  BatchConflict: batchConflictSchema,
  Error: apiErrorSchema,
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

const who = (a: Access): string => {
  if (!("roles" in a))
    return { public: "No credential.", user: "Any signed-in user.", admin: "Global admins." }[a.kind];
  return `Roles ${a.roles.join(", ")} in the ${a.kind === "project" ? "project" : `${a.kind}'s project`}.`;
};

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
 * A declared route without an API_ACCESS entry, or an entry without a route, is an error: the
 * access test walks this document.
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
    const op = declared[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`${key} is in API_ACCESS but no route declares it`);
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
