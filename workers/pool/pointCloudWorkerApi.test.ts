import { describe, expect, it } from "vitest";
import { describeRealData, readRealData } from "../../scripts/testing/realData";
import { frameBuffers } from "./LoadedFrame";
import { createPointCloudWorkerApi } from "./pointCloudWorkerApi";

const frames: Record<string, () => Uint8Array> = {
  "/a.pcd": () => readRealData("sustechpoints/data/example/lidar/000965.pcd"),
  "/b.pcd": () => readRealData("sustechpoints/data/example/lidar/000970.pcd"),
};

// Mocked fetch: the pure worker API, without a worker or a server.
const fetchFrame = (async (url: string | URL | Request) => {
  const body = frames[String(url)];
  return body ? new Response(body().slice()) : new Response(null, { status: 404, statusText: "Not Found" });
}) as typeof fetch;

describeRealData("createPointCloudWorkerApi on real frames", () => {
  it("reuses released buffers for the next frame instead of allocating", async () => {
    const api = createPointCloudWorkerApi({ fetch: fetchFrame });
    const first = await api.load("/a.pcd", 20_000, 1);
    if (!first.ok) throw new Error(first.failure.reason);
    const released = frameBuffers(first.frame);
    expect(released.length).toBeGreaterThanOrEqual(5);
    api.release(released);
    const second = await api.load("/b.pcd", 20_000, 2);
    if (!second.ok) throw new Error(second.failure.reason);
    const reused = frameBuffers(second.frame).filter((b) => released.includes(b));
    // Full positions, intensity, timestamp, ring and the two display arrays all come back.
    expect(reused.length).toBe(released.length);
    expect(second.frame.pointCount).toBe(66_899);
  });
});

describe("createPointCloudWorkerApi", () => {
  it("reports an HTTP failure as data naming the URL", async () => {
    const api = createPointCloudWorkerApi({ fetch: fetchFrame });
    const outcome = await api.load("/missing.pcd", 1000, 3);
    expect(outcome).toEqual({
      ok: false,
      failure: { file: "/missing.pcd", byteOffset: 0, reason: "HTTP 404 Not Found" },
    });
  });

  it("cancel aborts the fetch of a request", async () => {
    let aborted = false;
    const slowFetch = ((_: string, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      })) as unknown as typeof fetch;
    const api = createPointCloudWorkerApi({ fetch: slowFetch });
    const pending = api.load("/a.pcd", 1000, 7);
    api.cancel(7);
    await expect(pending).rejects.toThrow();
    expect(aborted).toBe(true);
  });
});
