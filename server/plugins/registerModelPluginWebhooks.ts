import type { OpenAPIHono } from "@hono/zod-openapi";
import type { z } from "zod";
import {
  detectRequestSchema,
  detectResponseSchema,
  segmentGroundRequestSchema,
  segmentGroundResponseSchema,
  trackRequestSchema,
  trackResponseSchema,
} from "../../core/api/modelPlugin";
import { jsonBody, jsonContent } from "../http/openApiRoutes";

/**
 * The model-server plugin contract (#14) as OpenAPI 3.1 webhooks: what the project's server POSTs
 * to `<plugin url>/detect`, `/track` and `/segment-ground`, from the zod schemas it checks replies with.
 */
export function registerModelPluginWebhooks(registry: OpenAPIHono["openAPIRegistry"]): void {
  const call = (path: string, summary: string, request: z.ZodType, response: z.ZodType) =>
    registry.registerWebhook({
      method: "post",
      path: `plugin-${path}`,
      summary: `POST <plugin url>/${path}: ${summary}`,
      description:
        "Sent with `Authorization: Bearer <the project's plugin token>`; lidar coordinates (metres, radians). The built-in pre-labeler answers the same at /api/plugins/builtin.",
      request: jsonBody(request),
      responses: { 200: jsonContent(response, "The model's answer") },
    });
  call("detect", "A frame's points → boxes with class and score", detectRequestSchema, detectResponseSchema);
  call("track", "Boxes over frames → the same boxes with track ids", trackRequestSchema, trackResponseSchema);
  call(
    "segment-ground",
    "Optional: a frame's points → which are ground",
    segmentGroundRequestSchema,
    segmentGroundResponseSchema,
  );
}
