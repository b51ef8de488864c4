import { readFileSync, writeFileSync } from "node:fs";
import { Zip, ZipDeflate } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ServerProcess, spawnServerProcess } from "../testing/spawnServerProcess";
import { signInForToken, TEST_ADMIN_PASSWORD } from "../testing/testAuth";
import { tempDirsForFile } from "../testing/tempDirsForFile";
import { must } from "../../core/model/must";

const MiB = 1024 ** 2;
/** The budget: the server's memory above idle through any upload or refusal. */
const BUDGET_BYTES = 300 * MiB;

const tempDir = tempDirsForFile();

/** Resident set size of a process, from /proc (Linux). */
const rssBytes = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
};

/** A zip holding one entry of `bytes` zeros, deflated as it is made (never whole in memory). */
function zipBomb(bytes: number): Uint8Array<ArrayBuffer> {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    out.push(chunk);
  });
  const entry = new ZipDeflate("scene/lidar/000000.pcd", { level: 9 });
  zip.add(entry);
  const zeros = new Uint8Array(MiB);
  for (let i = 0; i < bytes / MiB; i++) entry.push(zeros, i === bytes / MiB - 1);
  zip.end();
  return new Uint8Array(Buffer.concat(out));
}

/** A multipart body of one file part, streamed: `size` bytes produced chunk by chunk. */
function streamedMultipart(
  fileName: string,
  size: number,
  fill = 0x20,
): { body: ReadableStream<Uint8Array>; type: string } {
  const boundary = "----cuboidalMemoryTest";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const chunk = new Uint8Array(4 * MiB).fill(fill);
  let sent = 0;
  let stage = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 0) {
        stage = 1;
        return controller.enqueue(head);
      }
      if (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        sent += n;
        return controller.enqueue(chunk.subarray(0, n));
      }
      controller.enqueue(tail);
      controller.close();
    },
  });
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

/** Samples the server's RSS every 20 ms while `run` goes on; returns the peak. */
async function peakRssDuring(pid: number, run: () => Promise<void>): Promise<number> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 20);
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssBytes(pid));
}

describe("upload memory: a spawned server stays within 300 MB above idle", () => {
  let server: ServerProcess;
  let url: string;
  let idle: number;
  let auth: Record<string, string>;
  let bomb: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    // Made before any connection opens: building it blocks this process for seconds, and a
    // keep-alive socket the server closes meanwhile (after 5 s idle) would be reused unnoticed.
    bomb = zipBomb(1024 * MiB);
    const clientDir = tempDir("cuboidal-client-");
    writeFileSync(`${clientDir}/index.html`, "<!doctype html><title>test</title>");
    server = spawnServerProcess({ DATA_DIR: tempDir("cuboidal-memory-"), CLIENT_DIR: clientDir });
    url = await server.ready();
    auth = await signInForToken(url, "admin", TEST_ADMIN_PASSWORD);
    await fetch(`${url}/api/sequences`, { headers: auth });
    idle = rssBytes(must(server.child.pid, "server.child.pid"));
  });
  afterAll(async () => server?.stop());

  const post = async (body: BodyInit, type?: string) => {
    const res = await fetch(`${url}/api/imports`, {
      method: "POST",
      body,
      headers: { ...auth, ...(type ? { "content-type": type } : {}) },
      duplex: "half",
    } as RequestInit);
    return { status: res.status, reply: (await res.json()) as { message?: string } };
  };

  it("through a 1 GiB zip bomb and a plain 1 GiB upload (both refused with a reason)", async () => {
    const pid = must(server.child.pid, "server.child.pid");
    expect(bomb.length).toBeLessThan(2 * MiB);
    let outcome = { status: 0, reply: {} as { message?: string } };
    const bombPeak = await peakRssDuring(pid, async () => {
      const fd = new FormData();
      fd.append("files", new File([bomb], "bomb.zip"));
      outcome = await post(fd);
    });
    expect(outcome.status).toBe(400);
    expect(outcome.reply.message).toMatch(/^bomb\.zip: inflates more than 100×/);

    const plain = streamedMultipart("scene/lidar/000000.pcd", 1024 * MiB);
    const plainPeak = await peakRssDuring(pid, async () => {
      outcome = await post(plain.body, plain.type);
    });
    expect(outcome.status).toBe(400);
    expect(outcome.reply.message).toMatch(
      /^lidar\/000000\.pcd: 1073741824 bytes: larger than the 134217728-byte limit/,
    );
    console.log(
      `idle ${(idle / MiB).toFixed(0)} MiB; peak above idle: bomb ${((bombPeak - idle) / MiB).toFixed(0)} MiB, ` +
        `plain 1 GiB ${((plainPeak - idle) / MiB).toFixed(0)} MiB`,
    );
    expect(bombPeak - idle).toBeLessThan(BUDGET_BYTES);
    expect(plainPeak - idle).toBeLessThan(BUDGET_BYTES);
    expect(await (await fetch(`${url}/api/sequences`, { headers: auth })).json()).toEqual([]);
  }, 600_000);
});
