import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestS3, type TestS3 } from "../testing/startTestS3";
import type { BlobStore } from "./BlobStore";
import { createFileBlobStore } from "./createFileBlobStore";
import { must } from "../../core/model/must";

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const bytesOf = async (s: ReadableStream<Uint8Array> | null) =>
  s ? new Uint8Array(await new Response(s).arrayBuffer()) : null;
async function* chunked(b: Uint8Array, size: number) {
  for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
}

let s3: TestS3;
const dirs: string[] = [];
beforeAll(async () => {
  s3 = await startTestS3();
});
afterAll(async () => {
  await s3.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const kinds: Array<{ name: string; make(): BlobStore }> = [
  {
    name: "file",
    make: () => {
      const d = mkdtempSync(path.join(tmpdir(), "cuboidal-contract-"));
      dirs.push(d);
      return createFileBlobStore(d);
    },
  },
  { name: "s3", make: () => s3.store(`contract/${Math.random().toString(36).slice(2)}`) },
];

describe.each(kinds)("BlobStore contract: $name", (kind) => {
  it("stores bytes under their SHA-256, once, and reads them back whole and by range", async () => {
    const store = kind.make();
    await store.check();
    const data = randomBytes(300_001);
    const hash = await store.put(chunked(data, 65_536));
    expect(hash).toBe(sha(data));
    expect(await store.put(data)).toBe(hash);
    expect(await store.has(hash)).toBe(true);
    expect(await store.size(hash)).toBe(data.length);
    expect(
      Buffer.compare(
        Buffer.from(must(await bytesOf(await store.get(hash)), "await bytesOf(await store.get(hash))")),
        data,
      ),
    ).toBe(0);
    const part = await bytesOf(await store.get(hash, { start: 1000, end: 1999 }));
    expect(part?.length).toBe(1000);
    expect(Buffer.compare(Buffer.from(must(part, "part")), data.subarray(1000, 2000))).toBe(0);
    const tail = await bytesOf(await store.get(hash, { start: data.length - 1, end: data.length - 1 }));
    expect([...must(tail, "tail")]).toEqual([data[data.length - 1]]);
  });

  it("answers absent blobs and malformed hashes with null/false, and deletes", async () => {
    const store = kind.make();
    const missing = sha(randomBytes(8));
    expect(await store.has(missing)).toBe(false);
    expect(await store.size(missing)).toBeNull();
    expect(await store.get(missing)).toBeNull();
    expect(await store.size("../etc/passwd")).toBeNull();
    await store.delete(missing);
    const hash = await store.put(new Uint8Array([1, 2, 3]));
    await store.delete(hash);
    expect(await store.has(hash)).toBe(false);
  });

  it("stores an empty blob", async () => {
    const store = kind.make();
    const hash = await store.put(new Uint8Array());
    expect(hash).toBe(sha(new Uint8Array()));
    expect(await store.size(hash)).toBe(0);
    expect((await bytesOf(await store.get(hash)))?.length).toBe(0);
  });

  it("writes nothing when the source fails half-way", async () => {
    const store = kind.make();
    const data = randomBytes(10_000);
    async function* failing() {
      yield data.subarray(0, 5000);
      throw new Error("source broke");
    }
    await expect(store.put(failing())).rejects.toThrow("source broke");
    expect(await store.has(sha(data.subarray(0, 5000)))).toBe(false);
    if (kind.name === "file") {
      const root = (store.location as string) ?? "";
      expect(readdirSync(path.join(root, "tmp"))).toEqual([]);
    }
  });
});
