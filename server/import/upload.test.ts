import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describeRealData } from "../../scripts/testing/realData";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "fflate";
import { beforeEach, expect, it } from "vitest";
import { createApp } from "../app";
import type { ServerDeps } from "../ServerDeps";
import { listSequences } from "../store/listSequences";
import { addTestUser } from "../testing/testAuth";
import { sharedData, testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";

const SUSTECH = sharedData("sustechpoints/data/example");
const KITTI_OBJECT = sharedData("kitti_object_vis/data/object/training");

/** The SUSTechPOINTS scene without its camera images (keeps the zip small), wrapped in a folder. */
function sustechZipEntries(): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const dir of ["lidar", "label", "calib/camera"])
    for (const f of readdirSync(join(SUSTECH, dir)))
      entries[`example/${dir}/${f}`] = readFileSync(join(SUSTECH, dir, f));
  return entries;
}

/** A two-frame SUSTechPOINTS scene of a few hundred bytes, for the refusals. */
function tinySustechEntries(): Record<string, Uint8Array> {
  const enc = new TextEncoder();
  const box = {
    psr: { position: { x: 5, y: 0, z: 0 }, scale: { x: 4, y: 2, z: 1.5 }, rotation: { x: 0, y: 0, z: 0.2 } },
    obj_type: "Car",
    obj_id: "1",
  };
  return {
    "example/lidar/000950.pcd": enc.encode("VERSION 0.7\nFIELDS x y z\nPOINTS 0\nDATA ascii\n"),
    "example/lidar/000951.pcd": enc.encode("VERSION 0.7\nFIELDS x y z\nPOINTS 0\nDATA ascii\n"),
    "example/label/000950.json": enc.encode(JSON.stringify([box])),
  };
}

const form = (files: Array<[name: string, bytes: Uint8Array]>) => {
  const fd = new FormData();
  for (const [name, bytes] of files) fd.append("files", new File([new Uint8Array(bytes)], name));
  return fd;
};

const uploadsLeft = () => readdirSync(tmpdir()).filter((d) => d.startsWith("cuboidal-upload-"));

describeRealData.each(testStoreKinds())("upload on $name", (kind) => {
  const t = useTestDeps(kind, {
    importLimits: { maxUploadBytes: 64 * 1024 ** 2, maxUncompressedBytes: 32 * 1024 ** 2, maxEntries: 1000 },
  });
  let deps: ServerDeps;
  let app: ReturnType<typeof createApp>;
  let uploadsBefore: string[];
  let auth: Record<string, string>;
  beforeEach(async () => {
    deps = t.deps;
    app = createApp(deps);
    uploadsBefore = uploadsLeft();
    auth = (await addTestUser(deps.store, "lead", { roles: { default: "lead" } })).headers;
  });
  const upload = (fd: FormData, headers: Record<string, string> = {}) =>
    app.request("/api/imports", { method: "POST", body: fd, headers: { ...auth, ...headers } });
  /** Nothing behind: no sequence, no blob, no temporary upload folder. */
  const expectNothingLeft = async () => {
    expect(await listSequences(deps.store)).toEqual([]);
    expect(readdirSync(t.blobsDir).filter((d) => d !== "tmp")).toEqual([]);
    expect(uploadsLeft().filter((d) => !uploadsBefore.includes(d))).toEqual([]);
  };

  it("imports a zipped SUSTechPOINTS scene, with NDJSON progress on request", async () => {
    const zip = zipSync(sustechZipEntries(), { level: 1 }); // deflated, to exercise inflation
    const res = await upload(form([["example.zip", zip]]), { Accept: "application/x-ndjson" });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[0]).toEqual({ phase: "reading" });
    expect(lines).toContainEqual({ phase: "blobs", done: 4, total: 4 });
    expect(lines.at(-1)).toEqual({ result: expect.objectContaining({ frames: 4, cuboids: 87, tracks: 25 }) });
    expect((await listSequences(deps.store))[0]).toMatchObject({ name: "example", frameCount: 4 });
    expect(uploadsLeft().filter((d) => !uploadsBefore.includes(d))).toEqual([]);
  });

  it("imports a folder uploaded file by file (KITTI object)", async () => {
    const files: Array<[string, Uint8Array]> = [];
    for (const dir of ["velodyne", "label_2", "calib", "image_2"])
      for (const f of readdirSync(join(KITTI_OBJECT, dir)))
        files.push([`training/${dir}/${f}`, readFileSync(join(KITTI_OBJECT, dir, f))]);
    const res = await upload(form(files));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ frames: 3, cuboids: 6 });
  });

  it("refuses a zip entry that climbs out of the upload folder", async () => {
    const zip = zipSync(
      { ...sustechZipEntries(), "../../escaped.txt": new TextEncoder().encode("gotcha") },
      { level: 0 },
    );
    const res = await upload(form([["evil.zip", zip]]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /escaped\.txt" would leave the upload folder/,
    );
    expect(existsSync(join(tmpdir(), "escaped.txt"))).toBe(false);
    await expectNothingLeft();
  });

  it("refuses a zip bomb by its ratio, once past 16 MiB, while inflating", async () => {
    // 48 MiB of zeros deflate to ~48 KiB: past the 32 MiB cap.
    const zip = zipSync({ "lidar/000001.pcd": new Uint8Array(48 * 1024 ** 2) }, { level: 9 });
    expect(zip.length).toBeLessThan(1024 ** 2);
    const res = await upload(form([["bomb.zip", zip]]));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(
      /^bomb\.zip: inflates more than 100× \(\d+ bytes from \d+; refused as a zip bomb at entry lidar\/000001\.pcd\)/,
    );
    await expectNothingLeft();
  });

  it("refuses a 0-byte sweep, a wrong layout, a label for a missing frame, and a multipart path with ..", async () => {
    const entries = tinySustechEntries();
    const cases: Array<[FormData, RegExp]> = [
      [
        form([["s.zip", zipSync({ ...entries, "example/lidar/000950.pcd": new Uint8Array(0) })]]),
        /lidar\/000950\.pcd: empty file \(0 bytes\)/,
      ],
      [
        form([["w.zip", zipSync({ "photos/cat.jpg": new Uint8Array([1, 2, 3]) })]]),
        /not a sequence layout this tool knows/,
      ],
      [
        form([
          [
            "m.zip",
            zipSync(
              { ...entries, "example/label/000999.json": new TextEncoder().encode("[]") },
              { level: 0 },
            ),
          ],
        ]),
        /label\/000999\.json: labels frame 000999, but there is no lidar\/000999\.pcd/,
      ],
      [form([["../x/label/1.json", new Uint8Array([1])]]), /would leave the upload folder/],
      [form([["garbage.zip", new Uint8Array([1, 2, 3, 4, 5])]]), /garbage\.zip/],
    ];
    for (const [fd, message] of cases) {
      const res = await upload(fd);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toMatch(message);
    }
    await expectNothingLeft();
  });
});
