import type { AnnotationBatch, AnnotationSnapshot } from "../../../core/api/annotationBatch";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { Track } from "../../../core/model/Track";
import type { RemoteBatch } from "../sync/remoteChanges";

/** A mock of the batches endpoint with the server's conflict rule: a batch touching an object changed after its base revision gets 409. */
export function mockServer() {
  const cuboids = new Map<string, Cuboid>();
  const tracks = new Map<string, Track>();
  const changedAt = new Map<string, number>();
  const seenBatches = new Map<string, number>();
  const server = {
    revision: 0,
    down: false,
    posts: [] as AnnotationBatch[],
    /** Accepted batches as the live stream would carry them. */
    accepted: [] as RemoteBatch[],
    cuboids,
    tracks,
    snapshot: (): AnnotationSnapshot => ({
      revision: server.revision,
      cuboids: structuredClone([...cuboids.values()]),
      tracks: structuredClone([...tracks.values()]),
    }),
    /** Another user's edit, committed directly. */
    commitOther(c: Cuboid) {
      server.revision++;
      cuboids.set(c.id, structuredClone(c));
      changedAt.set(`c:${c.id}`, server.revision);
    },
    fetch: async (_url: string, init?: RequestInit): Promise<Response> => {
      if (server.down) throw new TypeError("fetch failed");
      if (typeof init?.body !== "string")
        throw new Error(`mock batch server: POST ${_url} without a JSON body`);
      const batch = JSON.parse(init.body) as AnnotationBatch;
      server.posts.push(batch);
      const seen = seenBatches.get(batch.batchId);
      if (seen !== undefined) return Response.json({ revision: seen });
      const keys = batch.operations.map((o) =>
        o.op === "putCuboid"
          ? `c:${o.cuboid.id}`
          : o.op === "deleteCuboid"
            ? `c:${o.id}`
            : o.op === "putTrack"
              ? `t:${o.track.trackId}`
              : `t:${o.trackId}`,
      );
      const conflicting = keys.filter((k) => (changedAt.get(k) ?? 0) > batch.baseRevision);
      if (conflicting.length > 0)
        return Response.json(
          { error: "conflict", conflictingIds: conflicting, current: server.snapshot() },
          { status: 409 },
        );
      server.revision++;
      for (const o of batch.operations) {
        if (o.op === "putCuboid") cuboids.set(o.cuboid.id, o.cuboid);
        else if (o.op === "deleteCuboid") cuboids.delete(o.id);
        else if (o.op === "putTrack") tracks.set(o.track.trackId, o.track);
        else tracks.delete(o.trackId);
      }
      for (const k of keys) changedAt.set(k, server.revision);
      seenBatches.set(batch.batchId, server.revision);
      server.accepted.push({
        revision: server.revision,
        batchId: batch.batchId,
        author: batch.author ?? "someone",
        operations: structuredClone(batch.operations),
      });
      return Response.json({ revision: server.revision });
    },
  };
  return server;
}
