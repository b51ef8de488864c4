import { writeFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { spawnServerProcess } from "./testing/spawnServerProcess";
import { tempDirsForFile } from "./testing/tempDirsForFile";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

const tempDir = tempDirsForFile();

/** Runs `server/main.ts` with the given environment and returns its exit code and output. */
async function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A stand-in built client keeps these tests independent of the client build.
  const clientDir = tempDir("cuboidal-client-");
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>test</title>");
  const server = spawnServerProcess({ CLIENT_DIR: clientDir, ...env });
  const code = await server.exited;
  const stdout = server.output();
  return { code, stdout, stderr: stdout };
}

describe("loadConfig", () => {
  it("defaults to port 8080 and ./data", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config.port).toBe(8080);
    expect(config.dataDir).toBe("/srv/app/data");
    expect(config.databaseUrl).toBeUndefined();
    expect(config.sampleDir).toBe("/srv/app/sample-data/default");
  });

  it("reads BLOB_URL, METRICS_TOKEN and SHUTDOWN_GRACE_MS, and names what is wrong with them", () => {
    const config = loadConfig({ BLOB_URL: "s3://my-bucket/cuboidal", METRICS_TOKEN: "t".repeat(20) }, "/");
    expect([config.blobUrl, config.metricsToken, config.shutdownGraceMs]).toEqual([
      "s3://my-bucket/cuboidal",
      "t".repeat(20),
      10000,
    ]);
    expect(() => loadConfig({ BLOB_URL: "s3://B_ad" }, "/")).toThrow(
      /BLOB_URL=s3:\/\/B_ad is not s3:\/\/bucket/,
    );
    expect(() => loadConfig({ BLOB_URL: "s3://ok-bucket", AWS_ENDPOINT_URL: "minio:9000" }, "/")).toThrow(
      /endpoint minio:9000 must start with http/,
    );
    expect(() => loadConfig({ METRICS_TOKEN: "short" }, "/")).toThrow(/METRICS_TOKEN is too short/);
    expect(() => loadConfig({ SHUTDOWN_GRACE_MS: "soon" }, "/")).toThrow(/SHUTDOWN_GRACE_MS=soon/);
  });

  it("rejects a port that is not a number and a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => loadConfig({ PORT: "80a" }, "/")).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" }, "/")).toThrow(/PORT=70000/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" }, "/")).toThrow(/DATABASE_URL/);
  });

  it("reads DATABASE_POOL_SIZE, a whole number of connections", () => {
    expect(loadConfig({ DATABASE_POOL_SIZE: "40" }, "/").databasePoolSize).toBe(40);
    expect(loadConfig({}, "/").databasePoolSize).toBeUndefined();
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "0" }, "/")).toThrow(/DATABASE_POOL_SIZE=0/);
    expect(() => loadConfig({ DATABASE_POOL_SIZE: "many" }, "/")).toThrow(/DATABASE_POOL_SIZE=many/);
  });
});

describe("bad configuration ends with one clear line and a non-zero exit", () => {
  it("DATA_DIR that cannot be a directory", async () => {
    const file = path.join(tempDir("cuboidal-cfg-"), "a-file");
    writeFileSync(file, "not a directory");
    const result = await runMain({ DATA_DIR: path.join(file, "data"), PORT: "0" });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/DATA_DIR .*a-file\/data is not a writable directory/);
  });

  it("PORT already in use", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const result = await runMain({
        DATA_DIR: tempDir("cuboidal-cfg-"),
        PORT: String(port),
      });
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toContain(`PORT ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it("DATABASE_URL that nothing answers", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, resolve));
    const deadPort = (blocker.address() as { port: number }).port;
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
    const result = await runMain({
      DATA_DIR: tempDir("cuboidal-cfg-"),
      PORT: "0",
      DATABASE_URL: `postgres://app:secret@127.0.0.1:${deadPort}/labels`,
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/cannot reach PostgreSQL at DATABASE_URL=.*127\.0\.0\.1:\d+/);
    expect(result.stderr).not.toContain("secret");
  });
});
