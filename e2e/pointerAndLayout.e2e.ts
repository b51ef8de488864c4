import { expect, it } from "vitest";
import { listSequences } from "./harness/api";
import { drawBoxInTopView } from "./harness/drawBoxInTopView";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// Two defects an annotator met in the workspace: a box-view drag that started a text selection and,
// after a pointercancel, stayed stuck (later drags misapplied); and a notice that made the top bar
// wrap, moving the 3D view under the pointer.
const journey = serverAndBrowserForFile();

const openFirstSequence = async () => {
  const { server, session } = journey;
  const sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
  await session.page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  await session.page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
};
const height = async () => Number(await journey.session.page.getByTestId("inspector-height").inputValue());

it("rolls a box-view drag back on pointercancel, selects no text, and the next drag works", async () => {
  const { page } = journey.session;
  await openFirstSequence();
  await drawBoxInTopView(page);
  const start = await height();
  const edge = must(
    await page.locator('[data-testid=box-view-side] [data-handle="edge-v+"]').boundingBox(),
    "await page.locator('[data-testid=box-view-side] [data-han...",
  );
  const at = { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 };

  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y - 15, { steps: 4 });
  await page.mouse.move(at.x, at.y - 30, { steps: 4 });
  expect(await height()).toBeGreaterThan(start + 0.05);
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? "")).toBe("");
  // The browser takes the pointer away mid-drag (as a touch turned scroll or a system gesture does).
  await page.evaluate(() => {
    const svg = document.querySelector("[data-testid=box-view-side] svg");
    if (!svg) throw new Error("no svg in the side box view");
    svg.dispatchEvent(new PointerEvent("pointercancel", { pointerId: 1, bubbles: true }));
  });
  expect(await height()).toBeCloseTo(start, 6);
  await page.mouse.move(at.x, at.y - 60, { steps: 4 });
  await page.mouse.up();
  expect(await height()).toBeCloseTo(start, 6);

  // A fresh drag is taken as usual.
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x, at.y - 25, { steps: 5 });
  await page.mouse.up();
  expect(await height()).toBeGreaterThan(start + 0.05);
  expect(journey.session.consoleErrors).toEqual([]);
});

it("keeps the 3D view where it is when a notice appears, on a narrow window", async () => {
  const { page } = journey.session;
  await page.setViewportSize({ width: 1024, height: 768 });
  await openFirstSequence();
  await drawBoxInTopView(page);
  const before = must(
    await page.getByTestId("viewer-3d").boundingBox(),
    'await page.getByTestId("viewer-3d").boundingBox()',
  );
  const barBefore = must(
    await page.locator(".topbar").boundingBox(),
    'await page.locator(".topbar").boundingBox()',
  );
  // Propagation reports where it stopped in a notice.
  await page.keyboard.press("p");
  await page.getByTestId("fit-notice").waitFor({ timeout: 60_000 });
  await page.waitForSelector('[data-testid=fit-notice]:has-text("Propagated")', { timeout: 60_000 });
  expect(await page.getByTestId("viewer-3d").boundingBox()).toEqual(before);
  expect(await page.locator(".topbar").boundingBox()).toEqual(barBefore);
});
