import type { ColumnType, Generated } from "kysely";

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
}

/** Who renamed or deleted which sequence, and when (deletes are audited). */
export interface AuditEventsTable {
  id: Generated<number>;
  at: ColumnType<Date, string | undefined, never>;
  actor: string;
  /** "sequence.rename" | "sequence.delete" */
  action: string;
  subject_id: string;
  detail: Json<unknown>;
}

export interface FramesTable {
  sequence_id: string;
  frame_index: number;
  name: string;
  /** int8: node-postgres returns it as a string. */
  timestamp_us: ColumnType<string | number, number, number>;
  /** Pose3 */
  world_from_lidar: Json<unknown>;
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

export interface Schema {
  sequences: SequencesTable;
  frames: FramesTable;
  batches: BatchesTable;
  object_versions: ObjectVersionsTable;
  objects: ObjectsTable;
  audit_events: AuditEventsTable;
}

export type { Generated };
