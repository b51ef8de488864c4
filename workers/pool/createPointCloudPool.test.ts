import "@vitest/web-worker";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodePointCloud } from "../decode/decodePointCloud";
import { PointCloudDecodeError } from "../decode/PointCloudDecodeError";
import { describeRealData, readRealData } from "../../scripts/testing/realData";
import { createPointCloudPool } from "./createPointCloudPool";
import { frameBytes } from "./LoadedFrame";
import { must } from "../../core/model/must";

describeRealData("createPointCloudPool", () => {
  // A real HTTP server: the worker fetches frames itself, as in the browser.
  const files = new Map<string, Uint8Array>();
  let server: Server;
  let base = "";
  let requests: string[] = [];

  beforeAll(async () => {
    for (const frame of ["000950", "000965", "000970", "000975"]) {
      files.set(`/lidar/${frame}.pcd`, readRealData(`sustechpoints/data/example/lidar/${frame}.pcd`));
    }
    files.set("/kitti/000000.bin", readRealData("kitti_object_vis/data/object/training/velodyne/000000.bin"));
    files.set(
      "/bad/truncated.pcd",
      readRealData("sustechpoints/data/example/lidar/000965.pcd").subarray(0, 100_000),
    );
    server = createServer((req, res) => {
      requests.push(req.url ?? "");
      const body = files.get(req.url ?? "");
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(Buffer.from(body));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // @vitest/web-worker runs every worker in this process and shares module instances between
  // workers of the same URL, so a second worker would never expose its API: a query makes each a
  // module of its own (browsers need nothing of the kind).
  let workers = 0;
  const newWorker = () =>
    new Worker(new URL(`../decode.worker.ts?worker=${workers++}`, import.meta.url), { type: "module" });

  it("loads a frame through a worker: full cloud, decimated display arrays, bounds", async () => {
    const pool = createPointCloudPool({ workerCount: 1, displayBudget: 30_000, createWorker: newWorker });
    try {
      const frame = await pool.load(`${base}/lidar/000965.pcd`);
      const direct = decodePointCloud(must(files.get("/lidar/000965.pcd"), "000965.pcd"), "000965.pcd").cloud;
      expect(frame.format).toBe("pcd");
      expect(frame.pointCount).toBe(direct.pointCount);
      expect(frame.full.positions).toEqual(direct.positions);
      expect(frame.displayCount).toBeLessThanOrEqual(30_000);
      expect(frame.displayCount).toBeGreaterThan(25_000);
      expect(frame.positions.length).toBe(frame.displayCount * 3);
      expect(frame.intensity?.length).toBe(frame.displayCount);
      expect(frame.bounds.max.x).toBeGreaterThan(frame.bounds.min.x);
      expect(frame.warnings.some((w) => w.includes("3848 bytes"))).toBe(true);
      // The cache answers a second load without a request.
      requests = [];
      expect(await pool.load(`${base}/lidar/000965.pcd`)).toBe(frame);
      expect(requests).toEqual([]);
    } finally {
      pool.dispose();
    }
  });

  it("rejects a bad file with a PointCloudDecodeError that names the file, offset and reason", async () => {
    const pool = createPointCloudPool({ workerCount: 1, createWorker: newWorker });
    try {
      const error = await pool.load(`${base}/bad/truncated.pcd`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PointCloudDecodeError);
      expect((error as PointCloudDecodeError).message).toMatch(
        /truncated\.pcd: header declares POINTS 66781 but the data holds \d+ points \(byte \d+\)/,
      );
      const missing = await pool.load(`${base}/nope.pcd`).catch((e: unknown) => e);
      expect((missing as PointCloudDecodeError).reason).toMatch(/HTTP 404/);
    } finally {
      pool.dispose();
    }
  });

  it("prefetches neighbours, evicts by bytes and never evicts the frame on screen", async () => {
    const probe = createPointCloudPool({ workerCount: 1, createWorker: newWorker });
    const frameSize = frameBytes(await probe.load(`${base}/lidar/000975.pcd`));
    probe.dispose();
    // Room for four SUSTechPOINTS frames.
    const pool = createPointCloudPool({
      workerCount: 2,
      cacheBytes: frameSize * 4.2,
      createWorker: newWorker,
    });
    try {
      requests = [];
      await pool.load(`${base}/lidar/000950.pcd`);
      pool.prefetch([`${base}/lidar/000965.pcd`, `${base}/lidar/000970.pcd`, `${base}/lidar/000975.pcd`]);
      // Scrubbing forward: each load finds its frame prefetched (in flight or cached).
      for (const f of ["000965", "000970", "000975"]) await pool.load(`${base}/lidar/${f}.pcd`);
      expect(requests.sort()).toEqual(["950", "965", "970", "975"].map((f) => `/lidar/000${f}.pcd`));
      // A bigger frame (KITTI, ~115k points) pushes out the least recently used ones: 000950 first.
      requests = [];
      const kitti = await pool.load(`${base}/kitti/000000.bin`);
      await pool.load(`${base}/kitti/000000.bin`);
      expect(requests).toEqual(["/kitti/000000.bin"]);
      await pool.load(`${base}/lidar/000950.pcd`);
      expect(requests).toEqual(["/kitti/000000.bin", "/lidar/000950.pcd"]);
      // Loading 000950 made it the frame on screen; the KITTI frame before it is still intact.
      expect(kitti.full.positions.length).toBe(kitti.pointCount * 3);
    } finally {
      pool.dispose();
    }
  });

  it("cancels a load whose signal aborts, and the next load still works", async () => {
    const pool = createPointCloudPool({ workerCount: 1, createWorker: newWorker });
    try {
      const controller = new AbortController();
      const pending = pool.load(`${base}/kitti/000000.bin`, { signal: controller.signal });
      controller.abort();
      const error = await pending.catch((e: unknown) => e);
      expect((error as DOMException).name).toBe("AbortError");
      const frame = await pool.load(`${base}/lidar/000970.pcd`);
      expect(frame.pointCount).toBeGreaterThan(60_000);
      const kitti = await pool.load(`${base}/kitti/000000.bin`);
      expect(kitti.format).toBe("kitti-bin");
      expect(kitti.pointCount).toBe(must(files.get("/kitti/000000.bin"), "000000.bin").length / 16);
    } finally {
      pool.dispose();
    }
  });
});
