import { createRoute } from "@hono/zod-openapi";
import {
  ledgerSchema,
  peopleFiguresSchema,
  progressSchema,
  reviewFiguresSchema,
  stretchesSchema,
  taskFiguresSchema,
} from "../../core/api/analytics";
import { errorReply, jsonBody, openApiRoutes, jsonContent } from "../http/openApiRoutes";
import type { Context } from "hono";
import type { Kysely } from "kysely";
import { z } from "zod";
import {
  type AnalyticsSettings,
  analyticsSettingsSchema,
  timeZoneSchema,
} from "../../core/analytics/AnalyticsSettings";
import { localDay } from "../../core/analytics/localDay";
import { formatMicros } from "../../core/analytics/payLedger";
import { toCsv } from "../../core/analytics/toCsv";
import { audit } from "../audit/writeAudit";
import type { AppDeps } from "../auth/AppDeps";
import type { Guards } from "../auth/createGuards";
import { type AuthEnv, MANAGER_ROLES, ROLES } from "../auth/Principal";
import { idSchema } from "../http/validate";
import { readAnalyticsSettings, writeAnalyticsSettings } from "./analyticsSettings";
import type { AnalyticsScope } from "./AnalyticsScope";
import { queryLedger } from "./queryLedger";
import { queryPersonDays } from "./queryPersonDays";
import { queryProgress } from "./queryProgress";
import { queryStretches } from "./queryStretches";
import { queryReviewFigures } from "./queryReviewFigures";
import { queryTaskFigures } from "./queryTaskFigures";
import { rebuildWorkTime } from "./recordWorkTime";
import { signedIn } from "../auth/signedIn";

const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a calendar day");
const formatSchema = z.enum(["json", "csv"]).optional();
/** ?tz= overrides the project's time zone for one request (a payroll in another office's days). */
const tzSchema = timeZoneSchema.optional();
const scopeQuery = z.object({
  from: daySchema.optional(),
  to: daySchema.optional(),
  person: idSchema.optional(),
  tz: tzSchema,
  format: formatSchema,
});

const isManager = (c: Context<AuthEnv>) => MANAGER_ROLES.includes(c.get("role"));

/**
 * Whose figures a request may see: leads and admins any member's (or all), everyone else only
 * their own. Null when a non-manager asks for someone else.
 */
function personFor(c: Context<AuthEnv>, asked: string | undefined): string | undefined | null {
  if (isManager(c)) return asked;
  const self = signedIn(c).username;
  return asked === undefined || asked === self ? self : null;
}

const othersForbidden = {
  error: "forbidden",
  message: "only a project lead or admin may see other people's figures; leave out ?person=",
};

/** The scope of a request: its project, the zone (?tz= or the project's), the person and the day range. */
const scopeOf = (
  c: Context<AuthEnv>,
  q: { from?: string; to?: string; tz?: string },
  settings: AnalyticsSettings,
  person: string | undefined,
): AnalyticsScope => ({
  projectId: c.get("projectId"),
  timeZone: q.tz ?? settings.timeZone,
  ...(person ? { person } : {}),
  ...(q.from ? { fromDay: q.from } : {}),
  ...(q.to ? { toDay: q.to } : {}),
});

/** A 200 reply that is JSON by default or a CSV table with ?format=csv. */
const jsonOrCsv = (schema: z.ZodTypeAny, description: string) => ({
  description,
  content: { "application/json": { schema }, "text/csv": {} },
});

/**
 * The settings and scope of a request for people's figures, or null when a non-manager asked for
 * someone else's.
 */
async function personalScope(
  deps: AppDeps,
  c: Context<AuthEnv>,
  q: { from?: string; to?: string; tz?: string; person?: string },
): Promise<{ settings: AnalyticsSettings; scope: AnalyticsScope } | null> {
  const person = personFor(c, q.person);
  if (person === null) return null;
  const settings = await readAnalyticsSettings(deps.store, c.get("projectId"));
  return { settings, scope: scopeOf(c, q, settings, person) };
}

const csv = (c: Context, name: string, body: string) =>
  c.body(body, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
  });

/**
 * Throughput, pay and quality figures of a project (issue #15), each as JSON or, with
 * ?format=csv, as a CSV table. Leads and admins see the team; anyone else only their own figures.
 */
export function createAnalyticsRoutes(deps: AppDeps, guards: Guards) {
  const members = guards.requireProjectRole(ROLES);
  const managers = guards.requireProjectRole(MANAGER_ROLES);
  return openApiRoutes<AuthEnv>()
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/people",
        middleware: [members] as const,
        request: { params: z.object({ id: z.string() }), query: scopeQuery },
        responses: {
          200: jsonOrCsv(
            peopleFiguresSchema,
            "{idleGapMinutes, timeZone, rows: per person and day}; CSV one row per person and day",
          ),
          403: errorReply("The caller may not do this"),
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const asked = await personalScope(deps, c, q);
        if (!asked) return c.json(othersForbidden, 403);
        const { settings, scope } = asked;
        const rows = await queryPersonDays(deps.store, scope);
        if (q.format === "csv")
          return csv(
            c,
            "people-by-day",
            toCsv(rows, [
              "day",
              "person",
              "boxesCreated",
              "boxesEdited",
              "boxesDeleted",
              "machineBoxesCreated",
              "machineBoxesCorrected",
              "machineBoxesUnchanged",
              "boxFramesFinished",
              "activeSeconds",
              "secondsPerBox",
              "longestStretchSeconds",
            ]),
          );
        return c.json({ idleGapMinutes: settings.idleGapMinutes, timeZone: scope.timeZone, rows }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/stretches",
        middleware: [members] as const,
        request: { params: z.object({ id: z.string() }), query: scopeQuery },
        responses: {
          200: jsonOrCsv(
            stretchesSchema,
            "{idleGapMinutes, breakAfterMinutes, timeZone, rows: {person, start, end, seconds, saves}}; or CSV",
          ),
          403: errorReply("The caller may not do this"),
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const asked = await personalScope(deps, c, q);
        if (!asked) return c.json(othersForbidden, 403);
        const { settings, scope } = asked;
        const rows = await queryStretches(deps.store, scope);
        if (q.format === "csv")
          return csv(c, "work-stretches", toCsv(rows, ["person", "start", "end", "seconds", "saves"]));
        return c.json(
          {
            idleGapMinutes: settings.idleGapMinutes,
            breakAfterMinutes: settings.breakAfterMinutes,
            timeZone: scope.timeZone,
            rows,
          },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/tasks",
        middleware: [members] as const,
        request: { params: z.object({ id: z.string() }), query: z.object({ format: formatSchema }) },
        responses: {
          200: jsonOrCsv(taskFiguresSchema, "{rows: per task}; or CSV"),
        },
      }),
      async (c) => {
        const rows = await queryTaskFigures(
          deps.store,
          c.get("projectId"),
          isManager(c) ? undefined : signedIn(c).username,
        );
        if (c.req.valid("query").format === "csv")
          return csv(
            c,
            "tasks",
            toCsv(rows, [
              "taskId",
              "name",
              "state",
              "labeler",
              "reviewer",
              "frames",
              "boxes",
              "boxesCreated",
              "boxesEdited",
              "machineBoxesCreated",
              "machineBoxesCorrected",
            ]),
          );
        return c.json({ rows }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/ledger",
        middleware: [members] as const,
        request: {
          params: z.object({ id: z.string() }),
          query: z.object({ person: idSchema.optional(), format: formatSchema }),
        },
        responses: {
          200: jsonOrCsv(ledgerSchema, "{currency, rows: per person and class, totalMicros, total}; or CSV"),
          403: errorReply("The caller may not do this"),
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const asked = await personalScope(deps, c, q);
        if (!asked) return c.json(othersForbidden, 403);
        const { settings, scope } = asked;
        const lines = await queryLedger(deps.store, scope.projectId, settings, scope.person);
        const rows = lines.map((l) => ({
          ...l,
          amount: formatMicros(l.amountMicros),
          currency: settings.currency,
        }));
        if (q.format === "csv")
          return csv(
            c,
            "pay-ledger",
            toCsv(rows, [
              "person",
              "className",
              "boxes",
              "machineUnchanged",
              "rateMicros",
              "amountMicros",
              "amount",
              "currency",
            ]),
          );
        const totalMicros = lines.reduce((s, l) => s + l.amountMicros, 0);
        return c.json(
          { currency: settings.currency, rows, totalMicros, total: formatMicros(totalMicros) },
          200,
        );
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/progress",
        middleware: [members] as const,
        request: {
          params: z.object({ id: z.string() }),
          query: z.object({ asOf: daySchema.optional(), tz: tzSchema, format: formatSchema }),
        },
        responses: {
          200: jsonOrCsv(
            progressSchema,
            "Frames and boxes by stage, frames labeled per day, forecast, timeZone; or CSV",
          ),
        },
      }),
      async (c) => {
        const q = c.req.valid("query");
        const settings = await readAnalyticsSettings(deps.store, c.get("projectId"));
        const timeZone = q.tz ?? settings.timeZone;
        const asOfDay = q.asOf ?? localDay(Date.now(), timeZone);
        const p = await queryProgress(deps.store, c.get("projectId"), asOfDay, timeZone);
        if (q.format === "csv") {
          const stages = (["labeled", "submitted", "inReview", "accepted"] as const).map((stage) => ({
            stage,
            frames: p[stage].frames,
            boxes: p[stage].boxes,
            totalFrames: p.totalFrames,
          }));
          return csv(c, "progress", toCsv(stages, ["stage", "frames", "boxes", "totalFrames"]));
        }
        return c.json(p, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/review",
        middleware: [members] as const,
        request: {
          params: z.object({ id: z.string() }),
          query: z.object({
            format: z.enum(["json", "reasons-csv", "labelers-csv", "corrections-csv"]).optional(),
          }),
        },
        responses: {
          200: jsonOrCsv(
            reviewFiguresSchema,
            "{reasons: {reason, label, count}, labelers, corrections}; or one of them as CSV",
          ),
        },
      }),
      async (c) => {
        const figures = await queryReviewFigures(
          deps.store,
          c.get("projectId"),
          isManager(c) ? undefined : signedIn(c).username,
        );
        const format = c.req.valid("query").format;
        if (format === "reasons-csv")
          return csv(c, "rejection-reasons", toCsv(figures.reasons, ["reason", "label", "count"]));
        if (format === "labelers-csv")
          return csv(c, "rework", toCsv(figures.labelers, ["person", "rejections", "reworkRounds"]));
        if (format === "corrections-csv")
          return csv(
            c,
            "reviewer-corrections",
            toCsv(figures.corrections, [
              "reviewer",
              "person",
              "boxes",
              "meanBevIou",
              "meanCenterDistanceM",
              "meanHeadingDiffDeg",
              "meanSizeDiffM",
            ]),
          );
        return c.json(figures, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/projects/{id}/analytics/settings",
        middleware: [members] as const,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: jsonContent(analyticsSettingsSchema, "The settings (the defaults until the lead sets them)"),
        },
      }),
      async (c) => c.json(await readAnalyticsSettings(deps.store, c.get("projectId")), 200),
    )
    .openapi(
      createRoute({
        method: "put",
        path: "/projects/{id}/analytics/settings",
        middleware: [managers] as const,
        request: { params: z.object({ id: z.string() }), ...jsonBody(analyticsSettingsSchema) },
        responses: { 200: jsonContent(analyticsSettingsSchema, "Saved") },
      }),
      async (c) => {
        const settings = c.req.valid("json");
        const before = await readAnalyticsSettings(deps.store, c.get("projectId"));
        await deps.store.db.transaction().execute(async (tx) => {
          await writeAnalyticsSettings({ db: tx }, c.get("projectId"), settings);
          // Stretches and active time are kept at the idle gap: a new gap recomputes them.
          if (before.idleGapMinutes !== settings.idleGapMinutes)
            await rebuildWorkTime(tx as unknown as Kysely<unknown>, c.get("projectId"));
        });
        await audit(deps.store, c, "analytics.settings-updated", `project:${c.get("projectId")}`, settings);
        return c.json(settings, 200);
      },
    );
}
