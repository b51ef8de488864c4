import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientBuildDir, repoRoot } from "./harness/clientBuildDir";
import { type RunningServer, startServer } from "./harness/startServer";

// `npm test` once left its client build in dist/client, where a later `npm run dev:server` served it.
describe("the browser tests' client build", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ env: { SAMPLE_DIR: "none" } });
  });
  afterAll(() => server.dispose());

  it("lives outside the checkout, and is what the test server serves", async () => {
    expect(path.relative(repoRoot, clientBuildDir).startsWith("..")).toBe(true);
    const built = readFileSync(path.join(clientBuildDir, "index.html"), "utf8");
    const served = await (await fetch(server.url)).text();
    expect(served).toBe(built);
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(served)?.[1];
    expect(script && existsSync(path.join(clientBuildDir, script))).toBe(true);
  });
});
