import { randomUUID } from "node:crypto";
import type { Cuboid } from "../core/model/Cuboid";

// The client side of bench:server, in a process of its own: `node --import tsx scripts/benchServerClients.ts
// '<json ClientPlan>'`. Each simulated annotator waits 1–2 s, saves a one-cuboid batch (moving its own
// cuboid, so no conflicts are expected), steps to the next frame, and again, until the deadline. The
// last stdout line is a ClientReport as JSON.

export interface ClientPlan {
  /** Servers the annotators are spread over (a load balancer's round robin). */
  urls: string[];
  /** Batch route path under each url ("/api/sequences/ID/annotations/batches", or the bare route). */
  batchPath: string;
  /** Frame detail path prefix ("/api/sequences/ID/frames/"), or null to skip stepping. */
  framePath: string | null;
  frameCount: number;
  headers: Record<string, string>;
  clients: number;
  seconds: number;
  baseRevision: number;
  /** The cuboid each annotator moves: `${idPrefix}${i}` on track `${idPrefix}${i}`. */
  template: Cuboid;
  idPrefix: string;
}

export interface ClientReport {
  saveMs: number[];
  frameMs: number[];
  errors: number;
  errorSamples: string[];
  /** Annotator index → the x of its last acknowledged save, and how many saves were acknowledged. */
  acked: Array<{ x: number | null; count: number }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(plan: ClientPlan): Promise<ClientReport> {
  const report: ClientReport = { saveMs: [], frameMs: [], errors: 0, errorSamples: [], acked: [] };
  const fail = (what: string) => {
    report.errors++;
    if (report.errorSamples.length < 5) report.errorSamples.push(what);
  };
  const deadline = performance.now() + plan.seconds * 1000;
  await Promise.all(
    Array.from({ length: plan.clients }, async (_, i) => {
      const url = plan.urls[i % plan.urls.length]!;
      const mine = { x: null as number | null, count: 0 };
      report.acked[i] = mine;
      let revision = plan.baseRevision;
      await sleep(Math.random() * 2000);
      for (let n = 1; performance.now() < deadline; n++) {
        const x = plan.template.centerM.x + n * 0.001;
        const cuboid = {
          ...plan.template,
          id: `${plan.idPrefix}${i}`,
          trackId: `${plan.idPrefix}${i}`,
          frameIndex: plan.template.frameIndex,
          centerM: { ...plan.template.centerM, x },
          provenance: "human",
        };
        const t0 = performance.now();
        try {
          const res = await fetch(url + plan.batchPath, {
            method: "POST",
            headers: { ...plan.headers, "Content-Type": "application/json" },
            body: JSON.stringify({
              batchId: randomUUID(),
              baseRevision: revision,
              operations: [{ op: "putCuboid", cuboid }],
            }),
          });
          const body = await res.text();
          if (res.status !== 200) fail(`save: HTTP ${res.status} ${body.slice(0, 120)}`);
          else {
            report.saveMs.push(performance.now() - t0);
            revision = Math.max(revision, (JSON.parse(body) as { revision?: number }).revision ?? revision);
            mine.x = x;
            mine.count++;
          }
        } catch (e) {
          fail(`save: ${(e as Error).message}`);
        }
        if (plan.framePath) {
          const t1 = performance.now();
          try {
            const res = await fetch(`${url}${plan.framePath}${n % plan.frameCount}`, {
              headers: plan.headers,
            });
            await res.arrayBuffer();
            if (res.status !== 200) fail(`frame: HTTP ${res.status}`);
            else report.frameMs.push(performance.now() - t1);
          } catch (e) {
            fail(`frame: ${(e as Error).message}`);
          }
        }
        await sleep(1000 + Math.random() * 1000);
      }
    }),
  );
  return report;
}

if (process.argv[2]) {
  run(JSON.parse(process.argv[2]) as ClientPlan).then(
    (r) => console.log(JSON.stringify(r)),
    (e: unknown) => {
      console.error(`bench clients failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
