import { zipSync } from "fflate";
import { beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../app";
import { addTestUser } from "../testing/testAuth";
import type { ServerDeps } from "../ServerDeps";
import { listSequences } from "../store/listSequences";
import { testStoreKinds } from "../testing/testStores";
import { useTestDeps } from "../testing/useTestDeps";
import { must } from "../../core/model/must";

const enc = new TextEncoder();
const form = (
  files: Array<[name: string, bytes: Uint8Array | string]>,
  fields: Record<string, string> = {},
) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  for (const [name, bytes] of files)
    fd.append("files", new File([typeof bytes === "string" ? bytes : new Uint8Array(bytes)], name));
  return fd;
};

/** A native-layout manifest with one frame whose sweep is `lidarPath`. */
const manifest = (lidarPath: string) =>
  JSON.stringify({
    format: "cuboidal-sequence",
    formatVersion: 1,
    name: "hostile",
    cameras: [],
    frames: [
      {
        name: "f0",
        timestampUs: 0,
        worldFromLidar: { translationM: { x: 0, y: 0, z: 0 }, rotation: { w: 1, x: 0, y: 0, z: 0 } },
        lidarPath,
      },
    ],
    tracks: [],
    cuboids: [],
  });

/** A LAS 1.2 public header block (227 bytes) with the fields a reader checks set from `fields`. */
function lasHeader(fields: {
  headerSize?: number;
  pointOffset?: number;
  format?: number;
  recordLength?: number;
  points?: number;
}) {
  const b = new Uint8Array(227 + 20);
  const dv = new DataView(b.buffer);
  b.set(enc.encode("LASF"), 0);
  b[24] = 1;
  b[25] = 2;
  dv.setUint16(94, fields.headerSize ?? 227, true);
  dv.setUint32(96, fields.pointOffset ?? 227, true);
  b[104] = fields.format ?? 0;
  dv.setUint16(105, fields.recordLength ?? 20, true);
  dv.setUint32(107, fields.points ?? 1, true);
  for (const [o, v] of [
    [131, 0.01],
    [139, 0.01],
    [147, 0.01],
  ] as const)
    dv.setFloat64(o, v, true);
  return b;
}

describe.each(testStoreKinds().slice(0, 1))(
  "hostile uploads on $name, each refused with a reason",
  (kind) => {
    const t = useTestDeps(kind, {
      importLimits: {
        maxUploadBytes: 256 * 1024 ** 2,
        maxUncompressedBytes: 64 * 1024 ** 2,
        maxEntries: 20_000,
      },
    });
    let deps: ServerDeps;
    let app: ReturnType<typeof createApp>;
    let auth: Record<string, string>;
    beforeEach(async () => {
      deps = t.deps;
      app = createApp(deps);
      auth = (await addTestUser(deps.store, "lead", { roles: { default: "lead" } })).headers;
    });
    const refusal = async (body: FormData, query = "") => {
      const res = await app.request(`/api/imports${query}`, { method: "POST", body, headers: auth });
      const reply = (await res.json()) as { error: string; message: string };
      expect(res.status, reply.message).toBe(400);
      expect(await listSequences(deps.store)).toEqual([]);
      return reply.message;
    };

    it("a PCD declaring 2³¹ points", async () => {
      const pcd =
        "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 2147483648\nHEIGHT 1\nPOINTS 2147483648\nDATA binary\n";
      expect(await refusal(form([["s/lidar/000000.pcd", pcd + "\0".repeat(120)]]))).toMatch(
        /^lidar\/000000\.pcd: does not decode: .*2147483648/,
      );
    });

    it("a PLY with a huge vertex count", async () => {
      const ply =
        "ply\nformat binary_little_endian 1.0\nelement vertex 4000000000\nproperty float x\nproperty float y\nproperty float z\nend_header\n";
      const message = await refusal(
        form([
          ["n/sequence.json", manifest("lidar/f0.ply")],
          ["n/lidar/f0.ply", ply + "\0".repeat(120)],
        ]),
      );
      expect(message).toMatch(/^lidar\/f0\.ply: does not decode: .*4000000000/);
    });

    it("a LAS with a bad header", async () => {
      for (const [header, reason] of [
        [lasHeader({ headerSize: 12 }), /header/i],
        [lasHeader({ pointOffset: 1 << 30 }), /offset|beyond|past|end/i],
        [lasHeader({ recordLength: 3 }), /record/i],
      ] as const) {
        const message = await refusal(
          form([
            ["n/sequence.json", manifest("lidar/f0.las")],
            ["n/lidar/f0.las", header],
          ]),
        );
        expect(message).toMatch(/^lidar\/f0\.las: does not decode: /);
        expect(message).toMatch(reason);
      }
    });

    it("a 20 MB sequence name, as a form field or in the query", async () => {
      const pcd =
        "VERSION 0.7\nFIELDS x y z\nSIZE 4 4 4\nTYPE F F F\nCOUNT 1 1 1\nWIDTH 1\nHEIGHT 1\nPOINTS 1\nDATA ascii\n1 2 3\n";
      const files: Array<[string, string]> = [["s/lidar/000000.pcd", pcd]];
      const long = "n".repeat(20 * 1024 ** 2);
      expect(await refusal(form(files, { name: long }))).toBe("field name: longer than 4096 bytes (refused)");
      expect(await refusal(form(files), `?name=${"m".repeat(300)}`)).toMatch(
        /^query parameter name: longer than 256 characters/,
      );
      expect(await refusal(form(files, { name: "m".repeat(300) }))).toMatch(
        /^name: a sequence name is at most 200 characters, got 300/,
      );
      const res = await app.request("/api/imports?name=%20ok%20", {
        method: "POST",
        body: form(files),
        headers: auth,
      });
      expect(res.status).toBe(200);
      expect(must((await listSequences(deps.store))[0], "(await listSequences(deps.store))[0]").name).toBe(
        "ok",
      );
    });

    it("10,000 tiny files, and a zip of 4,100 entries (no stack overflow)", async () => {
      const tiny = Array.from({ length: 10_000 }, (_, i): [string, string] => [
        `s/lidar/${String(i).padStart(6, "0")}.pcd`,
        "x",
      ]);
      expect(await refusal(form(tiny))).toMatch(/^lidar\/000000\.pcd: does not decode: /);

      const entries: Record<string, Uint8Array> = {};
      for (let i = 0; i < 4100; i++) entries[`s/lidar/${String(i).padStart(6, "0")}.pcd`] = enc.encode("y");
      const zip = zipSync(entries, { level: 0 });
      expect(await refusal(form([["many.zip", zip]]))).toMatch(/^lidar\/000000\.pcd: does not decode: /);
    });
  },
);
