import type { EgoPosesState, SequenceDetail } from "../../core/api/sequenceDetail";
import type { CameraSensor } from "../../core/model/CameraSensor";
import type { ClassDefinition } from "../../core/model/ClassDefinition";
import type { Pose3 } from "../../core/geometry/pose";
import type { Selectable } from "kysely";
import type { Database } from "../db/openDatabase";
import type { Schema } from "../db/Schema";

/** Format-specific extras kept per frame for the exporter. */
export interface FrameSourceMeta {
  /** KITTI calibration text of this frame (KITTI object frames each have their own). */
  kittiCalib?: string;
  /** Cameras whose calibration differs at this frame from the sequence's (KITTI object). */
  cameras?: CameraSensor[];
}

export interface StoredSequence {
  /** Frames' worldFromLidar: the estimate where one is stored (detail.egoPoses says which). */
  detail: SequenceDetail;
  /** The poses as recorded (the identity where the source had none): what exports write. */
  recordedPoses: Pose3[];
  headRevision: number;
  sourceMeta: Array<FrameSourceMeta | null>;
}

/**
 * The project's class catalogue is what the workspace offers (names, colours, attributes, and the
 * default sizes the fit takes as size priors); classes the sequence's labels use that the catalogue
 * lacks follow it, so no label loses its class.
 */
function withCatalogue(catalogue: ClassDefinition[], own: ClassDefinition[]): ClassDefinition[] {
  const names = new Set(catalogue.map((c) => c.name));
  return [...catalogue, ...own.filter((c) => !names.has(c.name))];
}

/** A stored frame row as the API shows it. */
export function frameDetailOf(f: Selectable<Schema["frames"]>): SequenceDetail["frames"][number] {
  const meta = f.source_meta as FrameSourceMeta | null;
  return {
    index: f.frame_index,
    name: f.name,
    timestampUs: Number(f.timestamp_us),
    worldFromLidar: (f.estimated_world_from_lidar ?? f.world_from_lidar) as Pose3,
    lidarBlob: f.lidar_blob,
    lidarFormat: f.lidar_format,
    imageBlobs: f.image_blobs as Record<string, string>,
    ...(meta?.cameras ? { cameras: meta.cameras } : {}),
  };
}

/** The sequence with its frames (by index), or null when there is no such sequence. */
export async function getStoredSequence(store: Database, id: string): Promise<StoredSequence | null> {
  const s = await store.db.selectFrom("sequences").selectAll().where("id", "=", id).executeTakeFirst();
  if (!s) return null;
  const project = await store.db
    .selectFrom("projects")
    .select("classes")
    .where("id", "=", s.project_id)
    .executeTakeFirst();
  const frames = await store.db
    .selectFrom("frames")
    .selectAll()
    .where("sequence_id", "=", id)
    .orderBy("frame_index")
    .execute();
  return {
    headRevision: s.head_revision,
    sourceMeta: frames.map((f) => (f.source_meta as FrameSourceMeta | null) ?? null),
    recordedPoses: frames.map((f) => f.world_from_lidar as Pose3),
    detail: {
      id: s.id,
      name: s.name,
      createdAt: s.created_at.toISOString(),
      lidarName: s.lidar_name,
      cameras: s.cameras as CameraSensor[],
      classes: withCatalogue(
        (project?.classes as ClassDefinition[] | undefined) ?? [],
        s.classes as ClassDefinition[],
      ),
      frames: frames.map(frameDetailOf),
      egoPoses: { state: s.ego_poses as EgoPosesState, note: s.ego_poses_note },
    },
  };
}

/**
 * The sequence with its frames' poses as recorded (the identity where the source had none), for
 * what must not pass an estimate off as data: exports, and inputs given in world coordinates.
 */
export function withRecordedPoses(seq: StoredSequence): StoredSequence {
  return {
    ...seq,
    detail: {
      ...seq.detail,
      frames: seq.detail.frames.map((f, i) => ({
        ...f,
        worldFromLidar: seq.recordedPoses[i] ?? f.worldFromLidar,
      })),
    },
  };
}

export async function getSequenceDetail(store: Database, id: string): Promise<SequenceDetail | null> {
  return (await getStoredSequence(store, id))?.detail ?? null;
}
