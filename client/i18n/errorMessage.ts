import { ApiError } from "../app/api";
import { i18n, t } from "./i18n";

/**
 * What to show for a failed action, in the UI language. The server's stable code
 * (`{error: "forbidden", message}`) picks `errors.codes.<code>`; codes whose server message
 * carries the specifics (which field, which file) show it after the translated sentence.
 * Unknown codes fall back to the server's message.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return apiErrorMessage(e.status, e.code, e.detail);
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Codes whose server message names what was wrong: shown after the translated sentence. */
const WITH_DETAIL = new Set([
  "invalid-request",
  "invalid-upload",
  "invalid-batch",
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
  const key = `errors.codes.${code}`;
  if (code && i18n.exists(key)) {
    const sentence = t(key);
    return WITH_DETAIL.has(code) && detail ? t("errors.withDetail", { sentence, detail }) : sentence;
  }
  return detail || t("errors.serverAnswered", { status });
}
