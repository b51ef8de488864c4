import { afterAll, beforeAll, expect, it } from "vitest";
import { annotations, listSequences } from "./harness/api";
import { freePort } from "./harness/freePort";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { signInBrowser } from "./harness/signIn";
import { type RunningServer, startServer } from "./harness/startServer";
import { must } from "../core/model/must";

// The machine places, the person checks: select a sample box, auto-fit it (X), propagate it
// forward (P) through frames whose boxes were removed, and find the propagated boxes saved.
let server: RunningServer;
let session: BrowserSession;
let sequenceId: string;

beforeAll(async () => {
  server = await startServer({ env: { PORT: String(await freePort()) } });
  session = await launchBrowser();
  await signInBrowser(session.page, server.url);
  sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
});

afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

const waitForFrameDrawn = (frameIndex: number) =>
  session.page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${frameIndex}"]`, {
    timeout: 60_000,
  });

it("auto-fits a sample box, propagates it forward, and saves the boxes as propagated", async () => {
  const { page } = session;
  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  await waitForFrameDrawn(0);
  await page.keyboard.press("Tab");
  const trackId = must(
    await page.getByTestId("inspector-track").textContent(),
    'await page.getByTestId("inspector-track").textContent()',
  ).trim();
  const cell = (frame: number) =>
    page.locator(`[data-testid=span-cell][data-track="${trackId}"][data-frame="${frame}"]`);

  // The sample is fully labelled (imported boxes, which propagation never overwrites): clear the
  // track's boxes in frames 1 and 2 so there is room to propagate into.
  for (const frame of [1, 2]) {
    await cell(frame).click();
    await page.keyboard.press("Delete");
    await cell(frame).waitFor({ state: "detached" });
  }
  await cell(0).click();
  await waitForFrameDrawn(0);
  expect(
    must(
      await page.getByTestId("inspector-track").textContent(),
      'await page.getByTestId("inspector-track").textContent()',
    ).trim(),
  ).toBe(trackId);

  await page.keyboard.press("x");
  // Propagation seeds from the box as it is: let the auto-fit land first (a box edited while
  // propagation runs makes it drop its result).
  await page.waitForSelector('[data-testid=inspector-provenance]:text-is("auto-fit")', { timeout: 60_000 });
  await page.keyboard.press("p");
  await page.waitForFunction(
    () => /^Propagat(ed|ion)/.test(document.querySelector("[data-testid=fit-notice]")?.textContent ?? ""),
    undefined,
    { timeout: 120_000 },
  );
  const notice = must(
    await page.getByTestId("fit-notice").textContent(),
    'await page.getByTestId("fit-notice").textContent()',
  );
  expect(notice).toMatch(/^Propagated forward/);
  // Frame 1 at least is placed; the timeline shows it as machine-made.
  await cell(1).waitFor();
  expect(await cell(1).getAttribute("data-machine")).toBe("true");
  await page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 60_000 });

  const saved = (await annotations(server.url, sequenceId)).cuboids.filter((c) => c.trackId === trackId);
  const propagated = saved.filter((c) => c.provenance === "propagated").map((c) => c.frameIndex);
  expect(propagated.length, notice).toBeGreaterThanOrEqual(1);
  expect(propagated).toContain(1);
  expect(
    propagated.every((f) => f === 1 || f === 2),
    notice,
  ).toBe(true);
  expect(session.consoleErrors).toEqual([]);
});
