import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type AnnotationSnapshot, batchAcceptedSchema } from "../../../core/api/annotationBatch";
import { adminHeaders, annotations } from "../../../e2e/harness/api";
import { repoRoot } from "../../../e2e/harness/clientBuildDir";
import { spawnServerProcess } from "../../../server/testing/spawnServerProcess";

export interface BenchServer {
  url: string;
  dispose(): Promise<void>;
}

/**
 * The real server (`server/main.ts`) on a free port over a temporary data folder, serving a client
 * built into a temporary folder (or `clientDir` when it already holds a build). Both folders are
 * removed by dispose() (a given clientDir is kept).
 */
export async function startBenchServer(clientDir?: string): Promise<BenchServer> {
  const built = clientDir ?? mkdtempSync(path.join(tmpdir(), "cuboidal-effort-client-"));
  if (!existsSync(path.join(built, "index.html")))
    execFileSync(
      path.join(repoRoot, "node_modules/.bin/vite"),
      ["build", "--logLevel", "warn", "--outDir", built, "--emptyOutDir"],
      { cwd: repoRoot, stdio: "inherit" },
    );
  const dataDir = mkdtempSync(path.join(tmpdir(), "cuboidal-effort-data-"));
  const server = spawnServerProcess({ DATA_DIR: dataDir, CLIENT_DIR: built, SAMPLE_DIR: "none" });
  const url = await server.ready();
  return {
    url,
    dispose: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
      if (!clientDir) rmSync(built, { recursive: true, force: true });
    },
  };
}

/** Removes every box and track of a sequence through the annotation API (set-up, not a person's work). */
export async function clearAnnotations(url: string, sequenceId: string): Promise<AnnotationSnapshot> {
  const snapshot = await annotations(url, sequenceId);
  const operations = [
    ...snapshot.cuboids.map((c) => ({ op: "deleteCuboid" as const, id: c.id })),
    ...snapshot.tracks.map((t) => ({ op: "deleteTrack" as const, trackId: t.trackId })),
  ];
  let revision = snapshot.revision;
  for (let i = 0; i < operations.length; i += 5000) {
    const res = await fetch(`${url}/api/sequences/${sequenceId}/annotations/batches`, {
      method: "POST",
      headers: { ...(await adminHeaders(url)), "Content-Type": "application/json" },
      body: JSON.stringify({
        batchId: `effort-clear-${revision}-${i}`,
        baseRevision: revision,
        operations: operations.slice(i, i + 5000),
      }),
    });
    if (!res.ok) throw new Error(`clearing sequence ${sequenceId}: HTTP ${res.status} ${await res.text()}`);
    revision = batchAcceptedSchema.parse(await res.json()).revision;
  }
  return snapshot;
}
