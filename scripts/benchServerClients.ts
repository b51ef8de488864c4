import { randomUUID } from "node:crypto";
import type { Cuboid } from "../core/model/Cuboid";
import { must } from "../core/model/must";

// The client side of bench:server, in a process of its own: `node --import tsx scripts/benchServerClients.ts
// '<json ClientPlan>'`. Each simulated annotator waits 1–2 s, saves a one-cuboid batch (moving its own
// cuboid, so no conflicts are expected), steps to the next frame, and again, until the deadline. One live
// subscriber per sequence listens on a server other than most of its writers' (across processes) and
// notes when each revision reaches it; the delay is counted from the writer's acknowledgement, both
// clocks being this process's. The last stdout line is a ClientReport as JSON.

/** One sequence under load; annotator i works on sequences[i % sequences.length]. */
export interface PlanSequence {
  /** Batch route path ("/api/sequences/ID/annotations/batches", or the bare route). */
  batchPath: string;
  /** Frame detail path prefix ("/api/sequences/ID/frames/", or the bare route's). */
  framePath: string;
  frameCount: number;
  /** Server-Sent Events path of the sequence ("/api/sequences/ID/live"), or null (the bare route). */
  livePath: string | null;
  baseRevision: number;
}

export interface ClientPlan {
  /** Servers the annotators are spread over (a load balancer's round robin). */
  urls: string[];
  sequences: PlanSequence[];
  /** The live subscribers' (an admin's) bearer headers. */
  headers: Record<string, string>;
  /** Annotator i's own bearer headers (a team: one account per person). */
  annotatorHeaders: Array<Record<string, string>>;
  clients: number;
  seconds: number;
  /** The cuboid each annotator moves: `${idPrefix}${i}` on track `${idPrefix}${i}`. */
  template: Cuboid;
  idPrefix: string;
}

export interface ClientReport {
  saveMs: number[];
  /** When each of saveMs's saves started, ms after the clock started (same order as saveMs). */
  saveAtMs: number[];
  frameMs: number[];
  /** Acknowledged save → the live subscriber of its sequence received it, ms (at most 0 floors to 0). */
  liveMs: number[];
  /** Acknowledged revisions no subscriber received before the end (+ a 2 s grace). */
  liveMissed: number;
  errors: number;
  errorSamples: string[];
  /** Annotator index → the x of its last acknowledged save, and how many saves were acknowledged. */
  acked: Array<{ x: number | null; count: number }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Reads a text/event-stream, calling `onBatch(revision)` for each `batch` event. */
async function subscribe(
  url: string,
  headers: Record<string, string>,
  afterRevision: number,
  signal: AbortSignal,
  onBatch: (revision: number) => void,
  onReady: () => void,
): Promise<void> {
  const res = await fetch(`${url}?afterRevision=${afterRevision}`, { headers, signal });
  if (res.status !== 200 || !res.body) throw new Error(`live: HTTP ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
    if (done) return;
    buffer += value;
    for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^event: hello$/m.test(block)) onReady();
      if (/^event: batch$/m.test(block)) {
        const id = /^id: (\d+)$/m.exec(block);
        if (id) onBatch(Number(id[1]));
      }
    }
  }
}

async function run(plan: ClientPlan): Promise<ClientReport> {
  const report: ClientReport = {
    saveMs: [],
    saveAtMs: [],
    frameMs: [],
    liveMs: [],
    liveMissed: 0,
    errors: 0,
    errorSamples: [],
    acked: [],
  };
  const fail = (what: string) => {
    report.errors++;
    if (report.errorSamples.length < 5) report.errorSamples.push(what);
  };
  // Per sequence: revision → when its writer was acknowledged / when the subscriber received it.
  const tracks = plan.sequences.map((seq) => ({
    seq,
    ackedAt: new Map<number, number>(),
    receivedAt: new Map<number, number>(),
  }));
  const stop = new AbortController();
  const readyAll = Promise.all(
    tracks.map(
      ({ seq: s, receivedAt }, k) =>
        new Promise<void>((ready) => {
          if (!s.livePath) return ready();
          // The server after the one the sequence's first writer uses: its notices cross processes.
          const url = must(plan.urls[(k + 1) % plan.urls.length], "a server URL");
          subscribe(
            url + s.livePath,
            plan.headers,
            s.baseRevision,
            stop.signal,
            (revision) => {
              if (!receivedAt.has(revision)) receivedAt.set(revision, performance.now());
            },
            ready,
          ).catch((e: Error) => {
            if (!stop.signal.aborted) fail(`live: ${e.message}`);
            ready();
          });
        }),
    ),
  );
  await readyAll;
  // Each annotator's first request, before the clock: a token's first use on a server process
  // writes its last-used time and an audit entry (once an hour), which a team at work has long done.
  await Promise.all(
    Array.from({ length: plan.clients }, async (_, i) => {
      const url = must(plan.urls[i % plan.urls.length], "a server URL");
      const seq = must(tracks[i % tracks.length], "the client's sequence").seq;
      const res = await fetch(`${url}${seq.framePath}0`, {
        headers: must(plan.annotatorHeaders[i], "headers"),
      });
      await res.arrayBuffer();
      if (res.status !== 200) fail(`first request: HTTP ${res.status}`);
    }),
  );
  const started = performance.now();
  const deadline = started + plan.seconds * 1000;
  await Promise.all(
    Array.from({ length: plan.clients }, async (_, i) => {
      const url = must(plan.urls[i % plan.urls.length], "a server URL");
      const track = must(tracks[i % tracks.length], "the client's sequence");
      const seq = track.seq;
      const headers = must(plan.annotatorHeaders[i], `annotator ${i}'s headers`);
      const mine = { x: null as number | null, count: 0 };
      report.acked[i] = mine;
      let revision = seq.baseRevision;
      await sleep(Math.random() * 2000);
      for (let n = 1; performance.now() < deadline; n++) {
        const x = plan.template.centerM.x + n * 0.001;
        const cuboid = {
          ...plan.template,
          id: `${plan.idPrefix}${i}`,
          trackId: `${plan.idPrefix}${i}`,
          centerM: { ...plan.template.centerM, x },
          provenance: "human",
        };
        const t0 = performance.now();
        try {
          const res = await fetch(url + seq.batchPath, {
            method: "POST",
            headers: { ...headers, "Content-Type": "application/json" },
            body: JSON.stringify({
              batchId: randomUUID(),
              baseRevision: revision,
              operations: [{ op: "putCuboid", cuboid }],
            }),
          });
          const body = await res.text();
          const t1 = performance.now();
          if (res.status !== 200) fail(`save: HTTP ${res.status} ${body.slice(0, 120)}`);
          else {
            report.saveMs.push(t1 - t0);
            report.saveAtMs.push(t0 - started);
            const acked = (JSON.parse(body) as { revision?: number }).revision ?? revision;
            if (seq.livePath) track.ackedAt.set(acked, t1);
            revision = Math.max(revision, acked);
            mine.x = x;
            mine.count++;
          }
        } catch (e) {
          fail(`save: ${(e as Error).message}`);
        }
        const t2 = performance.now();
        try {
          const res = await fetch(`${url}${seq.framePath}${n % seq.frameCount}`, { headers });
          await res.arrayBuffer();
          if (res.status !== 200) fail(`frame: HTTP ${res.status}`);
          else report.frameMs.push(performance.now() - t2);
        } catch (e) {
          fail(`frame: ${(e as Error).message}`);
        }
        await sleep(1000 + Math.random() * 1000);
      }
    }),
  );
  // The last saves' notices get a moment to arrive; then every acknowledged revision is counted.
  const expected = tracks.reduce((n, t) => n + t.ackedAt.size, 0);
  for (let waited = 0; waited < 2000; waited += 50) {
    if (
      tracks.reduce((n, t) => n + [...t.ackedAt.keys()].filter((r) => t.receivedAt.has(r)).length, 0) >=
      expected
    )
      break;
    await sleep(50);
  }
  stop.abort();
  for (const { ackedAt, receivedAt } of tracks) {
    for (const [revision, ackMs] of ackedAt) {
      const got = receivedAt.get(revision);
      if (got === undefined) report.liveMissed++;
      else report.liveMs.push(Math.max(0, got - ackMs));
    }
  }
  return report;
}

if (process.argv[2]) {
  run(JSON.parse(process.argv[2]) as ClientPlan).then(
    (r) => {
      console.log(JSON.stringify(r));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(`bench clients failed: ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
