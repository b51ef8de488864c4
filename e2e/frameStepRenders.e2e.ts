import { expect, it } from "vitest";
import type { RenderCounts } from "../client/app/countRender";
import { listSequences } from "./harness/api";
import { drawBoxInTopView } from "./harness/drawBoxInTopView";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";

// A frame step, a playback tick or an edit re-renders what shows it (the frame status, the views),
// never the whole workspace page; a frame step writes the URL once, in place. The client built for the browser tests
// counts renders per component (client/app/countRender.ts).
const journey = serverAndBrowserForFile();

const counts = () =>
  journey.session.page.evaluate(() => ({
    ...((window as unknown as { __renderCounts?: RenderCounts }).__renderCounts ?? {}),
  }));
const drawnFrame = (frame: number) =>
  journey.session.page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${frame}"]`, {
    timeout: 60_000,
  });

it("re-renders the frame status, not the page, on a step, playback or an edit; one URL write per step", async () => {
  const { page } = journey.session;
  const sequenceId = (await listSequences(journey.server.url))[0]?.id;
  if (!sequenceId) throw new Error("the server imported no sample sequence");
  await page.goto(`${journey.server.url}/sequences/${sequenceId}?frame=0`);
  await drawnFrame(0);
  await page.evaluate(() => {
    const w = window as unknown as { __urlWrites: string[] };
    w.__urlWrites = [];
    const replace = history.replaceState.bind(history);
    history.replaceState = (data, unused, url) => {
      w.__urlWrites.push(String(url));
      replace(data, unused, url);
    };
  });
  const historyLength = await page.evaluate(() => history.length);
  const before = await counts();
  expect(before.WorkspacePage).toBeGreaterThanOrEqual(1);

  await page.keyboard.press("ArrowRight");
  await drawnFrame(1);
  const afterStep = await counts();
  expect(afterStep.WorkspacePage).toBe(before.WorkspacePage);
  expect(afterStep.FrameStatus).toBeGreaterThan(before.FrameStatus ?? 0);
  const writes = await page.evaluate(() => (window as unknown as { __urlWrites: string[] }).__urlWrites);
  expect(writes).toEqual([`/sequences/${encodeURIComponent(sequenceId)}?frame=1`]);
  expect(await page.evaluate(() => window.location.search)).toBe("?frame=1");
  expect(await page.evaluate(() => history.length)).toBe(historyLength);

  // Playback (Space) steps on by itself; stop it after two ticks or more.
  await page.keyboard.press(" ");
  await page.waitForFunction(
    () => Number(new URLSearchParams(window.location.search).get("frame")) >= 3,
    null,
    {
      timeout: 60_000,
    },
  );
  await page.keyboard.press(" ");
  const afterPlay = await counts();
  expect(afterPlay.WorkspacePage).toBe(before.WorkspacePage);

  // An edit (a new box, selected, saved) re-renders the panels that show boxes, not the page either.
  await drawBoxInTopView(page);
  await page.waitForSelector("[data-testid=save-state][data-status=saved]", { timeout: 60_000 });
  expect((await counts()).WorkspacePage).toBe(before.WorkspacePage);
  expect(journey.session.consoleErrors).toEqual([]);
});
