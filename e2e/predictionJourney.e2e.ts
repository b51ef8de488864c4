import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { PredictionCounts } from "../core/api/predictions";
import type { PredictedBox } from "../core/prelabel/PredictionRun";
import { annotations, getJson, listSequences, sequenceDetail } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// Issue #14: a lead imports a model's output into the workspace, hides the weakest boxes with the
// threshold, and walks the rest lowest score first with the keys: accept, reject, fit-and-accept.
const journey = serverAndBrowserForFile();

it("imports predictions, hides those under the threshold, and checks the rest with J, H, L and Shift+H", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
  const frames = (await sequenceDetail(server.url, sequenceId)).frames;
  // Away from the sample's own objects, so none is left out as already labelled.
  const box = (frame: number, score: number, yM: number): PredictedBox => ({
    frame: must(frames[frame], "frames[frame]").name,
    trackId: `p${frame}-${score}`,
    class: "Car",
    score,
    center: [-35, yM, 0.8],
    size: [4.4, 1.8, 1.5],
    yaw: 0.2,
  });
  const file = join(tmpdir(), `predictions-${process.pid}.json`);
  writeFileSync(file, JSON.stringify([box(0, 0.9, 30), box(1, 0.3, 36), box(2, 0.6, 42), box(0, 0.05, 48)]));

  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
  await page.getByTestId("prediction-files").setInputFiles(file);
  await page.getByTestId("prediction-model").fill("journey-det@1.0");
  await page.getByTestId("prediction-import").click();
  await page.getByTestId("prediction-imported").waitFor({ timeout: 30_000 });
  // The boxes arrive through the live stream, like anyone's edit. The threshold starts at the
  // pre-labeler's operating point (0.5): the 0.9 and 0.6 boxes show, the 0.3 and 0.05 wait below it.
  await page.waitForSelector('[data-testid=prediction-pending][data-count="2"]', { timeout: 30_000 });
  expect(await page.getByTestId("prediction-threshold").inputValue()).toBe("0.5");
  await page.getByTestId("prediction-threshold").fill("0.1");
  await page.waitForSelector('[data-testid=prediction-pending][data-count="3"]');

  const selectedScore = () => page.getByTestId("prediction-selected").getAttribute("data-score");
  await page
    .locator("canvas")
    .first()
    .click({ position: { x: 5, y: 5 } });
  await page.keyboard.press("j");
  await expect.poll(selectedScore).toBe("0.3");
  expect(new URL(page.url()).searchParams.get("frame")).toBe("1");
  // The prediction is framed to be judged: centred, at least 24 px a metre (it stayed at the default
  // zoom before, where a walker far off is a few pixels).
  const bevView = async () =>
    (await page.locator("canvas[data-bev-view]").first().getAttribute("data-bev-view"))
      ?.split(" ")
      .map(Number);
  await expect.poll(async () => (await bevView())?.slice(0, 2)).toEqual([-35, 36]);
  expect(must(await bevView(), "the BEV view")[2]).toBeGreaterThanOrEqual(24);
  await page.keyboard.press("h");
  await expect.poll(selectedScore).toBe("0.6");
  await page.keyboard.press("l");
  await expect.poll(selectedScore).toBe("0.9");
  await page.keyboard.press("Shift+H");
  await page.waitForSelector('[data-testid=prediction-pending][data-count="0"]', { timeout: 30_000 });
  await page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 30_000 });

  // Stored: the hidden one kept (not deleted), the rejected one gone, two a person's now.
  const mine = (await annotations(server.url, sequenceId)).cuboids.filter(
    (c) => c.prediction?.model === "journey-det",
  );
  expect(mine.map((c) => [must(c.prediction, "c.prediction").score, c.provenance]).sort()).toEqual([
    [0.05, "model"],
    [0.3, "human"],
    [0.9, "human"],
  ]);
  const counts = await getJson<PredictionCounts>(`${server.url}/api/projects/default/prediction-counts`);
  const row = must(
    counts.models.find((m) => m.model === "journey-det"),
    'counts.models.find((m) => m.model === "journey-det")',
  );
  expect([row.accepted + row.corrected, row.rejected, row.pending]).toEqual([2, 1, 1]);
  expect(session.consoleErrors).toEqual([]);
}, 300_000);
