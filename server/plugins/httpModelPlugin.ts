import type { z } from "zod";
import {
  type DetectRequest,
  detectResponseSchema,
  type ModelPlugin,
  type TrackRequest,
  trackResponseSchema,
} from "../../core/api/modelPlugin";
import { pluginUrlProblem, type ResolveHost } from "./pluginUrlProblem";

/** A plugin call that failed: the message names the plugin, the call and the reason. */
export class PluginCallError extends Error {
  override readonly name = "PluginCallError";
}

/** One detect call carries a frame (2 MB for 120k points); a model on a CPU may take seconds. */
const CALL_MS = 120_000;

/**
 * A team's model server at `url`, called with `Authorization: Bearer <token>`; replies are validated.
 * Before every call the URL is checked again (pluginUrlProblem: its host's addresses may have
 * changed since a lead saved it), and a redirect is an error, not followed: it could lead anywhere.
 */
export function httpModelPlugin(
  url: string,
  token: string,
  access: { allowPrivate: boolean; resolve?: ResolveHost } = { allowPrivate: false },
): ModelPlugin {
  const base = url.replace(/\/+$/, "");
  const call = async <T>(path: string, body: unknown, schema: z.ZodType<T>): Promise<T> => {
    const where = `model server ${base}${path}`;
    const refused = await pluginUrlProblem(`${base}${path}`, access);
    if (refused) throw new PluginCallError(`${where}: refused, ${refused}`);
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method: "POST",
        redirect: "error",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(CALL_MS),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new PluginCallError(`${where}: not reachable (${cause ?? (e as Error).message})`);
    }
    const text = await res.text();
    if (!res.ok) throw new PluginCallError(`${where}: HTTP ${res.status} ${text.slice(0, 200)}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new PluginCallError(`${where}: the reply is not JSON (${text.slice(0, 80)})`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new PluginCallError(
        `${where}: reply field ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "does not match the contract"}`,
      );
    }
    return parsed.data;
  };
  return {
    label: base,
    detect: (request: DetectRequest) => call("/detect", request, detectResponseSchema),
    track: (request: TrackRequest) => call("/track", request, trackResponseSchema),
  };
}
