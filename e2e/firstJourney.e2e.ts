import { expect, it } from "vitest";
import { listSequences } from "./harness/api";
import { countDrawnPixels } from "./harness/countDrawnPixels";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// The first thing a newcomer does: open the app, see the sample sequence, open it, see its points.

const journey = serverAndBrowserForFile();

it("lists the sample sequence, opens it and draws the first frame's points without console errors", async () => {
  const { server, session } = journey;
  const { page, consoleErrors } = session;
  await page.goto(server.url);
  const link = page.getByTestId("sequence-link").first();
  await link.waitFor({ timeout: 30_000 });
  expect(await link.textContent()).toMatch(/\S/);
  await link.click();
  await page.waitForURL(/\/sequences\/[^/?]+/);

  const status = page.getByTestId("frame-status");
  await expect
    .poll(async () => (await status.textContent()) ?? "", { timeout: 60_000 })
    .toMatch(/[1-9][\d,]* points/);

  const canvas = page.locator("canvas").first();
  const shot = await canvas.screenshot();
  const background = await page.evaluate(() => {
    const el = document.querySelector("[data-testid=viewer-3d]") ?? document.body;
    return getComputedStyle(el).backgroundColor;
  });
  const [r, g, b] = (background.match(/\d+/g) ?? ["0", "0", "0"]).map(Number) as [number, number, number];
  const drawn = countDrawnPixels(shot, [r, g, b]);
  // Tens of thousands of points land on at least a few thousand distinct pixels.
  expect(drawn).toBeGreaterThan(2_000);
  expect(consoleErrors).toEqual([]);
});

it("opens a deep link at a given frame", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequences = await listSequences(server.url);
  expect(sequences.length).toBe(1);
  const target = Math.min(3, must(sequences[0], "sequences[0]").frameCount - 1);
  await page.goto(`${server.url}/sequences/${must(sequences[0], "sequences[0]").id}?frame=${target}`);
  await expect
    .poll(async () => (await page.getByTestId("frame-status").textContent()) ?? "", { timeout: 60_000 })
    .toMatch(new RegExp(`frame ${target + 1}/${must(sequences[0], "sequences[0]").frameCount}`));
});
