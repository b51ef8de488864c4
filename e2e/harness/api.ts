import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../../server/testing/testAuth";

// One admin token per server the tests talk to (the API needs a credential on every route).
const tokens = new Map<string, Promise<Record<string, string>>>();
export const adminHeaders = (url: string): Promise<Record<string, string>> => {
  const base = new URL(url).origin;
  let t = tokens.get(base);
  if (!t) tokens.set(base, (t = signInForToken(base, "admin", TEST_ADMIN_PASSWORD)));
  return t;
};

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: await adminHeaders(url) });
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const listSequences = (base: string) =>
  getJson<Array<{ id: string; name: string; frameCount: number }>>(`${base}/api/sequences`);
export const sequenceDetail = (base: string, id: string) =>
  getJson<SequenceDetail>(`${base}/api/sequences/${id}`);
export const annotations = (base: string, id: string) =>
  getJson<AnnotationSnapshot>(`${base}/api/sequences/${id}/annotations`);
