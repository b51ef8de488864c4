import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { serveClient } from "./serveClient";

function builtClient(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cuboidal-client-"));
  mkdirSync(path.join(dir, "assets"));
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>v1</title>");
  writeFileSync(path.join(dir, "assets", "app-abc.js"), "console.log(1)");
  return dir;
}

it("serves assets immutable, deep links as index.html, and a missing asset as 404 rather than HTML", async () => {
  const dir = builtClient();
  const app = serveClient(dir);
  const asset = await app.request("/assets/app-abc.js");
  expect(asset.status).toBe(200);
  expect(asset.headers.get("cache-control")).toContain("immutable");
  const deepLink = await app.request("/sequences/abc?frame=3");
  expect(deepLink.status).toBe(200);
  expect(await deepLink.text()).toContain("v1");
  const missing = await app.request("/assets/app-old.js");
  expect(missing.status).toBe(404);
  expect(missing.headers.get("content-type")).not.toContain("text/html");
  expect((await app.request("/api/nothing")).status).toBe(404);
});

it("picks up a rebuilt index.html without a restart", async () => {
  const dir = builtClient();
  const app = serveClient(dir);
  writeFileSync(path.join(dir, "index.html"), "<!doctype html><title>v2</title>");
  expect(await (await app.request("/")).text()).toContain("v2");
});

it("serves the app at / (not the directory listing bytes)", async () => {
  const response = await serveClient(builtClient()).request("/");
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(await response.text()).toContain("<title>v1</title>");
});
