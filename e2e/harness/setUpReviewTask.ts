import { adminHeaders } from "./api";

export interface ReviewTeam {
  projectId: string;
  taskId: string;
  annotator: { username: string; password: string; id: string };
  reviewer: { username: string; password: string; id: string };
}

async function call<T>(url: string, method: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(await adminHeaders(url)), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * Through the admin API: an annotator and a reviewer, a project holding `sequenceId` with both as
 * members, and a task on `frames` labelled by one and reviewed by the other. (The accounts journey
 * clicks the same steps through the admin pages.)
 */
export async function setUpReviewTask(
  url: string,
  sequenceId: string,
  frames: { start: number; end: number },
  names = { annotator: "ann", reviewer: "rev" },
): Promise<ReviewTeam> {
  const person = async (username: string) => {
    const password = `${username}-password-1`;
    const r = await call<{ user: { id: string } }>(url, "POST", "/api/users", { username, password });
    return { username, password, id: r.user.id };
  };
  const annotator = await person(names.annotator);
  const reviewer = await person(names.reviewer);
  const project = await call<{ id: string }>(url, "POST", "/api/projects", {
    name: `Review ${sequenceId.slice(0, 6)}`,
  });
  await call(url, "PATCH", `/api/sequences/${sequenceId}`, { projectId: project.id });
  await call(url, "PUT", `/api/projects/${project.id}/members/${annotator.id}`, { role: "annotator" });
  await call(url, "PUT", `/api/projects/${project.id}/members/${reviewer.id}`, { role: "reviewer" });
  const task = await call<{ id: string }>(url, "POST", `/api/projects/${project.id}/tasks`, {
    sequenceId,
    name: "Review journey",
    frameStart: frames.start,
    frameEnd: frames.end,
    labelerId: annotator.id,
    reviewerId: reviewer.id,
  });
  return { projectId: project.id, taskId: task.id, annotator, reviewer };
}
