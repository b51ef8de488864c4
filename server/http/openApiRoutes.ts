import { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";
import type { z } from "zod";
import { apiErrorSchema } from "../../core/api/apiError";
import { invalidRequest } from "./validate";

/**
 * A route group declared with `createRoute`: its zod schemas validate the request and produce the
 * OpenAPI document (openApiDocument.ts). A zod failure answers like `validate`:
 * 400 `{error: "invalid-request", message: "<path>: <reason>"}`.
 */
export const openApiRoutes = <E extends Env>() => new OpenAPIHono<E>({ defaultHook: invalidRequest });

/** A JSON reply (or request body) described by `schema`. */
export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

/** A required JSON request body. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** An `{error, message}` reply. */
export const errorReply = (description: string) => jsonContent(apiErrorSchema, description);
