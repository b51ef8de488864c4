import type { AnnotationSnapshot } from "../../core/api/annotationBatch";
import type { SequenceDetail } from "../../core/api/sequenceDetail";

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export const listSequences = (base: string) =>
  getJson<Array<{ id: string; name: string; frameCount: number }>>(`${base}/api/sequences`);
export const sequenceDetail = (base: string, id: string) =>
  getJson<SequenceDetail>(`${base}/api/sequences/${id}`);
export const annotations = (base: string, id: string) =>
  getJson<AnnotationSnapshot>(`${base}/api/sequences/${id}/annotations`);
