import type { ColumnType, Generated } from "kysely";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import type { TaskState } from "../../core/review/TaskState";

/**
 * The database, as Kysely sees it. One schema for PGlite and PostgreSQL (migrations/).
 * jsonb columns are written as JSON text (node-postgres would turn a JS array into a Postgres
 * array literal) and read back parsed.
 */
type Json<T> = ColumnType<T, string, string>;

export interface SequencesTable {
  id: string;
  name: string;
  /** Where the sequence came from (e.g. "sample:v1"), so a first start can skip what it already imported. */
  source_key: string | null;
  created_at: ColumnType<Date, string | undefined, never>;
  lidar_name: string;
  /** CameraSensor[] */
  cameras: Json<unknown>;
  /** ClassDefinition[] */
  classes: Json<unknown>;
  /** The revision of the newest accepted batch; 0 before any. */
  head_revision: number;
  /** SHA-256 over the frames' names and blob hashes (importSequence): the same recording again. */
  source_fingerprint: ColumnType<string | null, string | null | undefined, string | null>;
  project_id: ColumnType<string, string | undefined, string>;
  /** The next server-allocated track number (POST /sequences/:id/track-ids). */
  next_track_number: ColumnType<number, number | undefined, number>;
  /** Where the frames' ego poses come from (EgoPosesState): recorded, or estimated from the lidar. */
  ego_poses: ColumnType<string, string | undefined, string>;
  /** Why estimated poses are unavailable (the failed consistency check), or null. */
  ego_poses_note: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FramesTable {
  sequence_id: string;
  frame_index: number;
  name: string;
  /** int8: node-postgres returns it as a string. */
  timestamp_us: ColumnType<string | number, number, number>;
  /** Pose3 as recorded (the identity when the source had none). */
  world_from_lidar: Json<unknown>;
  /** Pose3 estimated from the lidar when the source had none and the estimate passed its check. */
  estimated_world_from_lidar: ColumnType<unknown, string | null | undefined, string | null>;
  lidar_blob: string;
  lidar_format: string;
  /** camera name → blob hash */
  image_blobs: Json<unknown>;
  /** Format-specific extras the exporter needs (e.g. { kittiCalib }); null when none. */
  source_meta: Json<unknown> | null;
}

/** The operation log: one row per accepted batch. */
export interface BatchesTable {
  sequence_id: string;
  revision: number;
  batch_id: string;
  author: string;
  created_at: ColumnType<Date, string | undefined, never>;
  /** Distinct provenances of the cuboids the batch put, comma-separated ("human", "auto-fit,human"), or "" */
  provenance: string;
  /** AnnotationOperation[] as accepted (cuboids stamped with updatedBy/updatedAt). */
  operations: Json<unknown>;
}

/** Every version of every object; data null marks a deletion. Reads as of revision N come from here. */
export interface ObjectVersionsTable {
  sequence_id: string;
  kind: "cuboid" | "track";
  object_id: string;
  revision: number;
  data: Json<unknown> | null;
}

/** The newest version of each object (a deleted one is kept with data null so conflicts still see it). */
export interface ObjectsTable {
  sequence_id: string;
  kind: "cuboid" | "track";
  object_id: string;
  revision: number;
  data: Json<unknown> | null;
}

type Timestamp = ColumnType<Date, string | undefined, string>;

export interface UsersTable {
  id: string;
  /** Lower-case sign-in name. */
  username: string;
  display_name: string;
  /** argon2id PHC string. */
  password_hash: string;
  is_admin: ColumnType<boolean, boolean | undefined, boolean>;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: ColumnType<Date | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  /** UI language ("en", "zh-CN"); null: the client follows the browser. */
  locale: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A browser session; the cookie holds the token, the row only its SHA-256. */
export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, string, string>;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Timestamp;
  last_used_at: ColumnType<Date | null, string | null | undefined, string | null>;
  revoked_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface ProjectsTable {
  id: string;
  name: string;
  /** The project's class catalogue (names, colours, attributes, size priors); written only validated. */
  classes: Json<ClassDefinition[]>;
  /** QaConfigInput: overrides of the QA checks' defaults (core/qa/QaConfig), null for none. */
  qa_config: Json<unknown> | null;
  /** ErrorType[]: the reasons a reviewer may reject a box with (the defaults until a lead edits them). */
  error_types: ColumnType<unknown, string | undefined, string>;
  created_at: Timestamp;
}

export type ProjectRole = "admin" | "lead" | "annotator" | "reviewer" | "viewer";

export interface ProjectMembersTable {
  project_id: string;
  user_id: string;
  role: ProjectRole;
}

/** A sequence or a frame range of one (frame_start..frame_end inclusive; null = whole sequence). */
export interface TasksTable {
  id: string;
  project_id: string;
  sequence_id: string;
  name: string;
  frame_start: number | null;
  frame_end: number | null;
  labeler_id: string | null;
  reviewer_id: string | null;
  /** core/review/TaskState.ts: todo, labeling, submitted, in-review, accepted, rejected, rework. */
  state: ColumnType<TaskState, TaskState | undefined, TaskState>;
  /** Share of the frames a review samples, 1–100. */
  sample_percent: ColumnType<number, number | undefined, number>;
  /** Accept is refused above this share of rejected sampled boxes, 0–100. */
  max_rejected_percent: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
}

/** Append-only (a trigger refuses update and delete). */
export interface AuditLogTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target: string;
  detail: Json<unknown> | null;
  ip: string | null;
}

/** One box in one accepted batch (server/analytics/recordBoxEvents.ts; core/analytics/BoxEvent.ts). */
export interface BoxEventsTable {
  sequence_id: string;
  revision: number;
  cuboid_id: string;
  author: string;
  at: ColumnType<Date, string, never>;
  /** Start of the quarter-hour slot holding `at` (core/analytics/localDay SLOT_MS). */
  slot: ColumnType<Date, string, never>;
  frame_index: number;
  class_name: string;
  /** Null when the batch deleted the box. */
  provenance: string | null;
  /** Null when the box did not exist before the batch. */
  prev_provenance: string | null;
  /** The box's newest event: the box as it is now (deleted when provenance is null). */
  latest: boolean;
  /** False for boxes an import wrote: not anyone's work. */
  work: boolean;
}

/**
 * Sums of box_events per sequence, author and quarter-hour slot (the classification of
 * core/analytics/BoxEvent); read as days of the asked time zone.
 */
export interface BoxSlotCountsTable {
  sequence_id: string;
  author: string;
  slot: ColumnType<Date, string, never>;
  created: number;
  edited: number;
  deleted: number;
  machine_created: number;
  machine_corrected: number;
  finished: number;
  machine_unchanged: number;
}

/** Per frame: boxes now, the quarter-hour it was first labeled in, and box work on it (tasks, progress). */
export interface FrameCountsTable {
  sequence_id: string;
  frame_index: number;
  boxes_now: number;
  first_slot: ColumnType<Date | null, string | null, string | null>;
  /** Whether its first box was a person's or the machine's work (false: an import). */
  first_by_work: boolean | null;
  created: number;
  edited: number;
  machine_created: number;
  machine_corrected: number;
}

/** Continuous work stretches at the project's idle gap (server/analytics/recordWorkTime.ts). */
export interface WorkStretchesTable {
  project_id: string;
  author: string;
  start_at: ColumnType<Date, string, string>;
  end_at: ColumnType<Date, string, string>;
  saves: number;
}

/** Active time per person and quarter-hour slot (the slot of the later save of each gap). */
export interface ActiveSlotsTable {
  project_id: string;
  author: string;
  slot: ColumnType<Date, string, never>;
  /** int8: node-postgres returns it as a string. */
  active_ms: ColumnType<string | number, number, number>;
}

export interface AnalyticsSettingsTable {
  project_id: string;
  /** AnalyticsSettings (core/analytics). */
  settings: Json<unknown>;
  updated_at: Timestamp;
}

/** Every move of a task through the review workflow: who, when, at which revision. */
export interface TaskTransitionsTable {
  id: string;
  task_id: string;
  from_state: TaskState | null;
  to_state: TaskState;
  /** A TaskAction, or "set" (a lead set the state with PATCH /tasks/:taskId). */
  action: string;
  actor_id: string | null;
  /** The display name at the time (kept when the user is deleted). */
  actor_name: string;
  /** The sequence's head revision when the move was made. */
  revision: number;
  note: string | null;
  at: Timestamp;
}

/** A reviewer's verdict on one box (cuboid_id, frame_index set) or a whole track. */
export interface BoxVerdictsTable {
  id: string;
  task_id: string;
  target_kind: "box" | "track";
  cuboid_id: string | null;
  track_id: string;
  frame_index: number | null;
  verdict: "accepted" | "rejected";
  reason_code: string | null;
  note: string | null;
  reviewer_id: string | null;
  reviewer_name: string;
  revision: number;
  created_at: Timestamp;
}

/** An issue pinned to a box, a track or a point at a frame (anchor: core/review/ReviewIssue.ts). */
export interface ReviewIssuesTable {
  id: string;
  task_id: string;
  sequence_id: string;
  anchor: Json<unknown>;
  frame_index: number;
  track_id: string | null;
  status: "open" | "resolved" | "verified" | "reopened";
  reason_code: string | null;
  body: string;
  author_id: string | null;
  author_name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ReviewIssueRepliesTable {
  id: string;
  issue_id: string;
  author_id: string | null;
  author_name: string;
  body: string;
  /** resolve / verify / reopen when the reply records a status change; null for a comment. */
  action: string | null;
  created_at: Timestamp;
}

/** One job of the queue (server/jobs): its owner, input, progress and result; its state is pg-boss's. */
export interface JobsTable {
  /** The job's id for clients; its first attempt's pg-boss job id. */
  id: string;
  /** The pg-boss job id of the current attempt (a retry makes a new one): only it writes the row. */
  attempt_id: string;
  /** The pg-boss queue: "export", "prelabel". */
  kind: string;
  project_id: string;
  sequence_id: string | null;
  /** User id of who started it. */
  created_by: string;
  input: Json<unknown>;
  done: ColumnType<number, number | undefined, number>;
  total: ColumnType<number, number | undefined, number>;
  /** Why it failed, or what it is doing. */
  message: string | null;
  result: Json<unknown> | null;
  created_at: Timestamp;
  updated_at: ColumnType<Date, string | undefined, string>;
}

/** A project's model server for pre-labels (#14): absent means the built-in plugin. */
export interface ProjectPluginsTable {
  project_id: string;
  url: string;
  /** Sent as `Authorization: Bearer`; never returned to clients whole. */
  token: string;
  updated_by: string;
  updated_at: ColumnType<Date, string | undefined, string>;
}

export interface Schema {
  jobs: JobsTable;
  project_plugins: ProjectPluginsTable;
  task_transitions: TaskTransitionsTable;
  box_verdicts: BoxVerdictsTable;
  review_issues: ReviewIssuesTable;
  review_issue_replies: ReviewIssueRepliesTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
  sequences: SequencesTable;
  frames: FramesTable;
  batches: BatchesTable;
  object_versions: ObjectVersionsTable;
  objects: ObjectsTable;
  box_events: BoxEventsTable;
  box_slot_counts: BoxSlotCountsTable;
  frame_counts: FrameCountsTable;
  work_stretches: WorkStretchesTable;
  active_slots: ActiveSlotsTable;
  analytics_settings: AnalyticsSettingsTable;
}

export type { Generated };
