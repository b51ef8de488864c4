import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchRealData, parseRealDataManifest, type RealDataEntry } from "./fetchRealData";
import { describeRealData, REAL_DATA_DIR } from "./realData";
import { must } from "../../core/model/must";

const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** A local HTTP server answering `/<repo>/<commit>/<path>` from a table of bodies. */
async function serve(bodies: Map<string, Uint8Array>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const body = bodies.get(decodeURIComponent(req.url ?? ""));
    if (body) res.writeHead(200).end(Buffer.from(body));
    else res.writeHead(404, "Not Found").end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const manifestOf = (entries: RealDataEntry[]) =>
  ["source\trepo\tcommit\tpath\tbytes\tsha256", ...entries.map((e) => Object.values(e).join("\t"))].join(
    "\n",
  );

describe("fetchRealData", () => {
  const files = {
    "data/a.pcd": new TextEncoder().encode("# .PCD v0.7\n"),
    "data/sub/b.bin": new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]),
  };
  const entries = Object.entries(files).map(([p, b]) => ({
    source: "fixtures",
    repo: "someone/recordings",
    commit: COMMIT,
    path: p,
    bytes: b.length,
    sha256: sha(b),
  }));
  const bodies = new Map(Object.entries(files).map(([p, b]) => [`/someone/recordings/${COMMIT}/${p}`, b]));
  let http: { url: string; server: Server };
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-fetch-"));
  beforeAll(async () => {
    http = await serve(bodies);
  });
  afterAll(() => {
    http.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("downloads every file to source/path, verified, and keeps what is already right", async () => {
    const parsed = parseRealDataManifest(manifestOf(entries), "m.tsv");
    expect(parsed).toEqual(entries);
    expect(await fetchRealData(parsed, dir, http.url)).toEqual({ fetched: 2, present: 0 });
    expect(readFileSync(path.join(dir, "fixtures/data/sub/b.bin"))).toEqual(
      Buffer.from(files["data/sub/b.bin"]),
    );
    expect(await fetchRealData(parsed, dir, http.url)).toEqual({ fetched: 0, present: 2 });
  });

  it("refuses a file whose bytes do not match the manifest and leaves nothing where tests read", async () => {
    const wrong = { ...must(entries[0], "entries[0]"), path: "data/c.pcd", sha256: "0".repeat(64) };
    bodies.set(`/someone/recordings/${COMMIT}/data/c.pcd`, new Uint8Array([9]));
    await expect(fetchRealData([wrong], dir, http.url)).rejects.toThrow(
      /data\/c\.pcd: sha256 [0-9a-f]{64} does not match/,
    );
    expect(existsSync(path.join(dir, "fixtures/data/c.pcd"))).toBe(false);
    expect(existsSync(path.join(dir, "fixtures/data/c.pcd.partial"))).toBe(false);
    await expect(fetchRealData([{ ...wrong, path: "data/none" }], dir, http.url)).rejects.toThrow(/HTTP 404/);
  });

  it("names the line of a bad manifest, and refuses paths that leave the folder", () => {
    expect(() => parseRealDataManifest("source\trepo\n", "m.tsv")).toThrow(/m\.tsv: line 1/);
    const climbing = manifestOf([{ ...must(entries[0], "entries[0]"), path: "../../etc/passwd" }]);
    expect(() => parseRealDataManifest(climbing, "m.tsv")).toThrow(
      /m\.tsv: line 2: \.\.\/\.\.\/etc\/passwd leaves/,
    );
  });
});

describeRealData("fetch:test-data's own manifest", () => {
  it("fetches every pinned recording from a server holding the same files, all hashes verified", async () => {
    const manifest = path.join(import.meta.dirname, "realData.manifest.tsv");
    const entries = parseRealDataManifest(readFileSync(manifest, "utf8"), manifest);
    const bodies = new Map(
      entries.map((e) => [
        `/${e.repo}/${e.commit}/${e.path}`,
        new Uint8Array(readFileSync(path.join(REAL_DATA_DIR, e.source, e.path))),
      ]),
    );
    const http = await serve(bodies);
    const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-fetch-real-"));
    try {
      expect(await fetchRealData(entries, dir, http.url)).toEqual({ fetched: entries.length, present: 0 });
    } finally {
      http.server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
