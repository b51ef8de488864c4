import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestModelServer, type TestModelServer } from "../server/testing/startTestModelServer";
import { adminHeaders, annotations, listSequences } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// A lead exports a sequence and pre-labels it from the sequence list: both are queued jobs with a
// progress bar; a pre-label run is cancelled half-way, retried, and its boxes land.

// The test's model server listens on loopback, which the server refuses unless told otherwise.
const journey = serverAndBrowserForFile({ env: { PLUGIN_ALLOW_PRIVATE: "1" } });
const TOKEN = "journey-model-token-1234";

describe("jobs in the browser", () => {
  let model: TestModelServer;
  beforeAll(async () => {
    model = await startTestModelServer(TOKEN);
  });
  afterAll(async () => model?.close());

  it("exports with progress and downloads the zip", async () => {
    const { server, session } = journey;
    const { page, consoleErrors } = session;
    await page.goto(server.url);
    await page.getByLabel("Export format").selectOption("native");
    // The sample's 50 frames export in about a second: a DOM observer notes the progress row.
    await page.evaluate(() => {
      const w = window as unknown as { sawExportProgress?: boolean };
      w.sawExportProgress = false;
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=export-progress-bar]")) w.sawExportProgress = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId("export-start").click();
    const link = page.getByTestId("export-download");
    await link.waitFor({ timeout: 120_000 });
    const href = must(await link.getAttribute("href"), 'await link.getAttribute("href")');
    const zip = await page.evaluate(async (url) => {
      const res = await fetch(url);
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get("content-type"), magic: [bytes[0], bytes[1]] };
    }, href);
    // "PK": a zip.
    expect(zip).toEqual({ status: 200, type: "application/zip", magic: [0x50, 0x4b] });
    expect(
      await page.evaluate(() => (window as unknown as { sawExportProgress?: boolean }).sawExportProgress),
    ).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  it("pre-labels through the project's model server: progress, cancel, retry, boxes stored", async () => {
    const { server, session } = journey;
    const { page, consoleErrors } = session;
    // The lead points the project at the model server on its page; the token is shown by its end only.
    await page.goto(`${server.url}/admin/projects/default`);
    const current = page.getByTestId("model-plugin-current");
    await expect.poll(() => current.textContent(), { timeout: 30_000 }).toContain("built-in");
    await page.getByTestId("model-plugin-url").fill(model.url);
    await page.getByTestId("model-plugin-token").fill(TOKEN);
    await page.getByTestId("model-plugin-save").click();
    await expect
      .poll(() => current.textContent())
      .toBe(`Pre-label runs call ${model.url} with the token ending …1234.`);
    expect(await page.getByTestId("model-plugin-token").inputValue()).toBe("");
    expect(await page.content()).not.toContain(TOKEN);
    const [sequence] = await listSequences(server.url);
    const boxesBefore = (await annotations(server.url, must(sequence, "sequence").id)).cuboids.length;

    // The model server holds its third frame: the run shows progress, then is cancelled there.
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    model.hold = null;
    const calls = model.calls.length;
    await page.goto(server.url);
    await page.getByTestId("prelabel-start").click();
    const progress = page.getByTestId("prelabel-progress");
    await expect.poll(async () => model.calls.length - calls, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    model.hold = held;
    await expect
      .poll(async () => Number(await page.getByTestId("prelabel-progress-bar").getAttribute("value")), {
        timeout: 30_000,
      })
      .toBeGreaterThanOrEqual(1);
    expect(await progress.getAttribute("data-state")).toBe("running");
    await page.getByTestId("prelabel-progress-cancel").click();
    await expect.poll(() => progress.getAttribute("data-state"), { timeout: 30_000 }).toBe("cancelled");
    model.hold = null;
    release();
    expect((await annotations(server.url, must(sequence, "sequence").id)).cuboids.length).toBe(boxesBefore);

    await page.getByTestId("prelabel-progress-retry").click();
    const done = page.getByTestId("prelabel-done");
    await done.waitFor({ timeout: 180_000 });
    const frames = must(sequence, "sequence").frameCount;
    expect(await done.textContent()).toBe(`${frames} boxes pre-labelled`);
    const snap = await annotations(server.url, must(sequence, "sequence").id);
    expect(snap.cuboids.filter((c) => c.prediction?.model === "test-detector")).toHaveLength(frames);
    // The per-model counts beside the list follow the finished run without a reload.
    await expect
      .poll(async () => page.getByTestId("prediction-counts").locator("tbody tr").first().textContent(), {
        timeout: 20_000,
      })
      .toContain(`${frames}`);

    // Back to the built-in pre-labeler, as a lead would after trying a model.
    await page.goto(`${server.url}/admin/projects/default`);
    await page.getByTestId("model-plugin-builtin").click();
    await expect.poll(() => page.getByTestId("model-plugin-current").textContent()).toContain("built-in");
    const plugin = await fetch(`${server.url}/api/projects/default/plugin`, {
      headers: await adminHeaders(server.url),
    });
    expect(await plugin.json()).toMatchObject({ kind: "builtin", tokenHint: null });
    expect(consoleErrors).toEqual([]);
  });
});
