import type { ProjectRole } from "./db/Schema";
import { MANAGER_ROLES, REVIEW_ROLES, ROLES, WRITER_ROLES } from "./auth/Principal";

/** Who may call a route: no one in particular, any user, admins, or roles in the project of the route's object. */
export type Access =
  | { kind: "public" | "user" | "admin"; summary: string }
  | { kind: "project" | "sequence" | "task"; roles: readonly ProjectRole[]; summary: string };

const pub = (summary: string): Access => ({ kind: "public", summary });
const user = (summary: string): Access => ({ kind: "user", summary });
const admin = (summary: string): Access => ({ kind: "admin", summary });
const project = (roles: readonly ProjectRole[], summary: string): Access => ({
  kind: "project",
  roles,
  summary,
});
const sequence = (roles: readonly ProjectRole[], summary: string): Access => ({
  kind: "sequence",
  roles,
  summary,
});
const task = (roles: readonly ProjectRole[], summary: string): Access => ({ kind: "task", roles, summary });

/**
 * Every route of the API and who may call it: the OpenAPI document is generated from this, and
 * the access test walks it, so a route added without an entry fails that test.
 */
export const API_ACCESS: Record<string, Access> = {
  "GET /api/health": pub("Liveness"),
  "GET /healthz": pub("Liveness for load balancers: 200 while the process serves requests"),
  "GET /readyz": pub(
    "Readiness: 200 when the database and the blob store answer, else 503 naming what is down",
  ),
  // Checked in the route: `Authorization: Bearer $METRICS_TOKEN` is accepted too (for a scraper).
  "GET /metrics": admin("Prometheus metrics (admins, or the METRICS_TOKEN bearer)"),
  "GET /api/openapi.json": pub("This document"),
  "POST /api/auth/sign-in": pub("Sign in: sets the session cookie"),
  "POST /api/auth/sign-out": user("Sign out: ends this session"),
  "GET /api/auth/me": user("The signed-in user and their projects with roles"),
  "POST /api/auth/password": user("Change one's own password (ends one's other sessions)"),
  "PUT /api/auth/locale": user("Set one's own UI language (en, zh-CN)"),
  "GET /api/auth/tokens": user("One's personal API tokens"),
  "POST /api/auth/tokens": user("Create a personal API token (shown once)"),
  "DELETE /api/auth/tokens/{tokenId}": user("Revoke one of one's tokens"),
  "GET /api/users": admin("All users"),
  // Checked in the route: admins and leads of some project (the access test covers it as "user").
  "GET /api/users/directory": user("Active users' ids and names, for admins and leads adding members"),
  "POST /api/users": admin("Create a user (a random password is returned once unless given)"),
  "PATCH /api/users/{userId}": admin("Rename, disable/enable, grant/drop admin"),
  "POST /api/users/{userId}/password": admin("Reset a user's password (and unlock)"),
  "GET /api/projects": user("The caller's projects (all for admins)"),
  "POST /api/projects": admin("Create a project (class catalogue: the defaults unless given)"),
  "GET /api/projects/{id}": project(ROLES, "A project with its class catalogue"),
  "PATCH /api/projects/{id}": project(MANAGER_ROLES, "Rename a project or replace its class catalogue"),
  // Checked in the route too: an annotator or reviewer only into a task of theirs they may edit now.
  "POST /api/sequences/{id}/predictions": sequence(
    WRITER_ROLES,
    "Import a model's predictions as pre-labels (nuScenes results, KITTI with scores, native JSON)",
  ),
  "GET /api/projects/{id}/prediction-counts": project(
    MANAGER_ROLES,
    "Accepted / corrected / rejected / pending predictions per model",
  ),
  "GET /api/projects/{id}/qa-config": project(
    ROLES,
    "The project's QA settings (defaults with its overrides)",
  ),
  "PUT /api/projects/{id}/qa-config": project(
    MANAGER_ROLES,
    "Replace the project's QA overrides ({} restores the defaults)",
  ),
  "GET /api/projects/{id}/members": project(MANAGER_ROLES, "Members and roles"),
  "PUT /api/projects/{id}/members/{userId}": project(MANAGER_ROLES, "Add a member or change their role"),
  "DELETE /api/projects/{id}/members/{userId}": project(MANAGER_ROLES, "Remove a member"),
  "GET /api/projects/{id}/tasks": project(MANAGER_ROLES, "The project's tasks"),
  "POST /api/projects/{id}/tasks": project(
    MANAGER_ROLES,
    "Create a task: a sequence or a frame range, labeler, reviewer",
  ),
  "GET /api/projects/{id}/analytics/people": project(
    ROLES,
    "Per person and day of the project's time zone (or ?tz=): boxes created/edited/deleted, machine boxes made/corrected/unchanged, boxes finished, active seconds, seconds per box, longest stretch (?from=&to=&person=&tz=&format=csv); non-leads see only their own",
  ),
  "GET /api/projects/{id}/analytics/stretches": project(
    ROLES,
    "Continuous work stretches (saves with no gap over the idle limit), longest first, begun in the day range (?from=&to=&person=&tz=&format=csv); non-leads see only their own",
  ),
  "GET /api/projects/{id}/analytics/tasks": project(
    ROLES,
    "Per task: frames, boxes, box work in its frames (?format=csv); non-leads see only tasks they label or review",
  ),
  "GET /api/projects/{id}/analytics/ledger": project(
    ROLES,
    "Pay ledger: accepted boxes per person and class at the project's rates, machine boxes accepted unchanged apart (?format=csv); non-leads see only their own",
  ),
  "GET /api/projects/{id}/analytics/progress": project(
    ROLES,
    "Frames and boxes labeled / submitted / in review / accepted, frames labeled per day of the project's time zone (or ?tz=), forecast finish day (?asOf=&tz=&format=csv)",
  ),
  "GET /api/projects/{id}/analytics/review": project(
    ROLES,
    "Review figures: rejections by reason (code and the project's name for it), rejections and rework rounds per labeler, reviewer corrections (BEV IoU, centre, heading, size) per reviewer and person (?format=reasons-csv|labelers-csv|corrections-csv); non-leads see only their own",
  ),
  "GET /api/projects/{id}/analytics/settings": project(
    ROLES,
    "Analytics settings: idle gap, break reminder length, currency, pay rates, time zone",
  ),
  "PUT /api/projects/{id}/analytics/settings": project(MANAGER_ROLES, "Set the analytics settings (audited)"),
  "GET /api/tasks/mine": user("Tasks the caller labels or reviews"),
  "PATCH /api/tasks/{taskId}": task(
    MANAGER_ROLES,
    "Assign a task's labeler/reviewer, rename it, set its state",
  ),
  "DELETE /api/tasks/{taskId}": task(MANAGER_ROLES, "Delete a task"),
  // Review workflow (issue #12). Who may make which move is core/review/TaskState.ts, checked in the route.
  "GET /api/tasks/{taskId}": task(ROLES, "A task with its names and the moves the caller may make now"),
  "GET /api/tasks/{taskId}/history": task(
    ROLES,
    "Every move of a task: from, to, who (with names), when, revision",
  ),
  "POST /api/tasks/{taskId}/transitions": task(
    ROLES,
    "Move a task (start, submit, withdraw, start-review, accept, reject, start-rework, reopen): the labeler's moves by the labeler, the reviewer's by the reviewer, any by a lead; 403 not-assignee, 409 wrong-state or acceptance-rule",
  ),
  "GET /api/tasks/{taskId}/verdicts": task(
    ROLES,
    "The reviewer's verdicts on boxes and tracks, oldest first",
  ),
  "POST /api/tasks/{taskId}/verdicts": task(
    REVIEW_ROLES,
    "Accept a box or a track, or reject it with a reason code from the project's error types (task in review)",
  ),
  "GET /api/tasks/{taskId}/issues": task(ROLES, "Issues pinned in the task, with their threads"),
  "POST /api/tasks/{taskId}/issues": task(
    REVIEW_ROLES,
    "Pin an issue to a box, a track or a point at a frame",
  ),
  "POST /api/tasks/{taskId}/issues/{issueId}/replies": task(
    ROLES,
    "Reply to an issue (the task's labeler or reviewer, or a lead)",
  ),
  "POST /api/tasks/{taskId}/issues/{issueId}/status": task(
    ROLES,
    "Resolve (labeler), verify or reopen (reviewer) an issue; leads any",
  ),
  "GET /api/tasks/{taskId}/review-queue": task(
    ROLES,
    "The sampled boxes in review order (machine untouched, machine flagged, QA findings, rest) with verdicts and the acceptance figures",
  ),
  "GET /api/tasks/{taskId}/review-diff": task(
    ROLES,
    "Per-box BEV IoU, centre, heading and size change between two revisions (default: last submitted → now), summed per task and annotator",
  ),
  "GET /api/projects/{id}/error-types": project(ROLES, "The reasons a reviewer may reject a box with"),
  "GET /api/projects/{id}/review-stats": project(
    MANAGER_ROLES,
    "Review results per labeler: tasks by state, accepted and rejected boxes, rejections by reason",
  ),
  "PUT /api/projects/{id}/error-types": project(MANAGER_ROLES, "Replace the project's error types"),
  "GET /api/projects/{id}/plugin": project(
    MANAGER_ROLES,
    "The project's model server for pre-labels (the built-in one by default; the token only as a hint)",
  ),
  "PUT /api/projects/{id}/plugin": project(MANAGER_ROLES, "Use a model server: its URL and bearer token"),
  "DELETE /api/projects/{id}/plugin": project(MANAGER_ROLES, "Go back to the built-in pre-labeler"),
  "POST /api/plugins/builtin/detect": user("The built-in pre-labeler's detect (plugin contract)"),
  "POST /api/plugins/builtin/track": user("The built-in pre-labeler's track (plugin contract)"),
  "POST /api/plugins/builtin/segment-ground": user(
    "The built-in pre-labeler's ground segmentation (plugin contract)",
  ),
  "POST /api/sequences/{id}/prelabel-jobs": sequence(
    MANAGER_ROLES,
    "Queue a pre-label run of the sequence or of a task's frames through the project's model server",
  ),
  "GET /api/audit": admin("The audit log, newest first, filtered and paged (before=nextBefore)"),
  "GET /api/audit/csv": admin("The audit log as CSV"),
  "GET /api/sequences": user(
    "Sequences of the caller's projects (?projectId= narrows), paged: ?limit=&after=, Link rel=next",
  ),
  "GET /api/sequences/{id}": sequence(ROLES, "A sequence with its sensors and frames"),
  "PATCH /api/sequences/{id}": sequence(
    MANAGER_ROLES,
    "Rename a sequence and/or move it to another project the caller also leads (audited)",
  ),
  "DELETE /api/sequences/{id}": sequence(
    MANAGER_ROLES,
    "Delete a sequence whole (?confirm= its exact name): rows, then blobs no other sequence uses (audited)",
  ),
  "GET /api/sequences/{id}/qa": sequence(ROLES, "QA findings on the current annotations"),
  "GET /api/sequences/{id}/qa-config": sequence(ROLES, "The QA settings of the sequence's project"),
  "GET /api/sequences/{id}/issues": sequence(
    ROLES,
    "Review issues pinned anywhere in the sequence, with their threads",
  ),
  "POST /api/sequences/{id}/exports": sequence(
    MANAGER_ROLES,
    "Start an export job (openlabel, nuscenes, kitti-object, kitti-tracking, sustech, native)",
  ),
  // Checked in the route: leads and admins of the job's project (others get 404).
  "GET /api/exports/{jobId}": user("An export job's progress (any server answers)"),
  "GET /api/exports/{jobId}/download": user("A finished export as a zip (from the blob store)"),
  "GET /api/jobs/{jobId}": user("A queued job's state and progress (leads of its project)"),
  "POST /api/jobs/{jobId}/cancel": user("Cancel a queued or running job (leads of its project)"),
  "POST /api/jobs/{jobId}/retry": user("Queue a failed or cancelled job again (leads of its project)"),
  "GET /api/sequences/{id}/jobs": sequence(MANAGER_ROLES, "The sequence's newest jobs (exports, pre-labels)"),
  "GET /api/sequences/{id}/frames/{index}": sequence(ROLES, "One frame (pose, timestamp, blob hashes)"),
  "GET /api/sequences/{id}/annotations": sequence(ROLES, "Annotations now, or as of a past revision"),
  "POST /api/sequences/{id}/annotations/batches": sequence(
    WRITER_ROLES,
    "Apply a batch against a base revision (idempotent by batchId); the author is the caller; annotators and reviewers only inside their tasks' frames",
  ),
  "POST /api/sequences/{id}/track-ids": sequence(WRITER_ROLES, "Allocate fresh track ids"),
  "GET /api/sequences/{id}/history": sequence(
    ROLES,
    "The operation log (accepted batches) after a revision, a page at a time: {entries, nextAfterRevision}",
  ),
  "GET /api/sequences/{id}/live": sequence(
    ROLES,
    "Server-Sent Events: other people's accepted batches after ?afterRevision= (or Last-Event-ID), and presence",
  ),
  "POST /api/sequences/{id}/presence": sequence(ROLES, "Say who is here and which boxes they have selected"),
  "GET /api/blobs/{hash}": user("A point cloud or image of a sequence the caller may read (404 otherwise)"),
  "POST /api/imports": project(
    MANAGER_ROLES,
    "Upload a sequence folder or .zip into ?projectId= (default project)",
  ),
  "POST /api/imports/preview": project(
    MANAGER_ROLES,
    "The same upload, previewed: layout, counts, time span, warnings, duplicate; nothing stored",
  ),
  "POST /api/imports/uploads": project(
    MANAGER_ROLES,
    "Create a resumable (tus 1.0) upload of one .zip for ?projectId= (its Location keeps the project)",
  ),
  "GET /api/imports/uploads/{uploadId}": project(
    MANAGER_ROLES,
    "A resumable upload's offset (tus HEAD; Hono routes HEAD as GET)",
  ),
  "PATCH /api/imports/uploads/{uploadId}": project(MANAGER_ROLES, "Append to a resumable upload (tus)"),
  "DELETE /api/imports/uploads/{uploadId}": project(MANAGER_ROLES, "Abandon a resumable upload (tus)"),
  "POST /api/imports/uploads/{uploadId}/preview": project(
    MANAGER_ROLES,
    "Preview a finished resumable upload",
  ),
  "POST /api/imports/uploads/{uploadId}": project(
    MANAGER_ROLES,
    "Import a finished resumable upload into ?projectId= (the project it was created for; any other is refused)",
  ),
};
