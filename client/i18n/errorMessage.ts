import { QA_KINDS, type QaKind } from "../../core/qa/QaFinding";
import { currentLanguage, i18n, t } from "./i18n";
import { qaKindLabel } from "./qaLabels";

/** What errorMessage reads of an ApiError (client/app/api.ts), without importing it. */
interface ApiErrorLike extends Error {
  name: "ApiError";
  status: number;
  code?: string | undefined;
  detail: string;
  body?: unknown;
}
const isApiError = (e: unknown): e is ApiErrorLike => e instanceof Error && e.name === "ApiError";

/**
 * What to show for a failed action, in the UI language. The server writes its messages in
 * English, so in English they are shown as they are; in another language the server's stable
 * code (`{error: "forbidden", message}`) picks `errors.codes.<code>`, and codes whose server
 * message carries the specifics (which field, which file) show it after the translated sentence.
 * Unknown codes fall back to the server's message.
 */
export function errorMessage(e: unknown): string {
  if (isApiError(e) && e.code === "qa-blocking") {
    const blocked = qaBlockingMessage(e.body);
    if (blocked) return blocked;
  }
  if (isApiError(e)) return apiErrorMessage(e.status, e.code, e.detail);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Codes whose server message names what was wrong: shown after the translated sentence. */
const WITH_DETAIL = new Set([
  "qa-blocking",
  "invalid-request",
  "invalid-upload",
  "invalid-batch",
  "invalid-predictions",
  "conflict",
  "too-large",
  "already-imported",
  "confirmation-required",
  "internal",
  "not-assignee",
  "wrong-state",
  "task-locked",
  "acceptance-rule",
]);

export function apiErrorMessage(status: number, code: string | undefined, detail: string): string {
  if (status === 0) return t("errors.unreachable", { detail });
  if (currentLanguage() === "en" && detail) return detail;
  const key = `errors.codes.${code}`;
  if (code && i18n.exists(key)) {
    const sentence = t(key);
    return WITH_DETAIL.has(code) && detail ? t("errors.withDetail", { sentence, detail }) : sentence;
  }
  return detail || t("errors.serverAnswered", { status });
}

/**
 * A refused submission (server/review/submissionQaProblem.ts: `{count, findings}`) in the UI
 * language: how many blocking findings and of which checks, named from the catalogue; null when
 * the body is not such a reply.
 */
export function qaBlockingMessage(body: unknown): string | null {
  if (typeof body !== "object" || body === null) return null;
  const { count, findings } = body as { count?: unknown; findings?: unknown };
  if (typeof count !== "number" || !Array.isArray(findings)) return null;
  const kinds = [
    ...new Set(
      findings
        .map((f) => (f as { kind?: unknown }).kind)
        .filter((k): k is QaKind => QA_KINDS.includes(k as QaKind)),
    ),
  ];
  return t("errors.qaBlocking", { count, kinds: kinds.map(qaKindLabel).join(t("qa.listSeparator")) });
}

/** The `{error, message}` of an error reply, or the start of its text, and the parsed body. */
export function errorReply(text: string): { code?: string; message: string; body?: unknown } {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return {
      ...(typeof body.error === "string" ? { code: body.error } : {}),
      message: typeof body.message === "string" ? body.message : text.slice(0, 300),
      body,
    };
  } catch {
    return { message: text.slice(0, 300) };
  }
}
