import { afterAll, beforeAll, expect, it } from "vitest";
import { annotations, listSequences } from "./harness/api";
import { dragBetween } from "./harness/dragBetween";
import { drawBoxInTopView } from "./harness/drawBoxInTopView";
import { freePort } from "./harness/freePort";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { signInBrowser } from "./harness/signIn";
import { type RunningServer, startServer } from "./harness/startServer";
import { must } from "../core/model/must";

// An annotator's minute: draw a box, refine it in a side view, classify it, undo/redo, carry it to the
// next frame, reload: everything is there. Then the server goes away mid-edit and comes back.
let server: RunningServer;
let session: BrowserSession;
let port: number;
let sequenceId: string;

beforeAll(async () => {
  port = await freePort();
  server = await startServer({ env: { PORT: String(port) } });
  session = await launchBrowser();
  await signInBrowser(session.page, server.url);
  sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
});

afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

const inspectorNumber = async (field: string) =>
  Number(await session.page.getByTestId(`inspector-${field}`).inputValue());

async function waitForFrameDrawn(frameIndex: number) {
  await session.page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${frameIndex}"]`, {
    timeout: 60_000,
  });
}

async function waitForSaved() {
  await session.page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 60_000 });
}

it("creates, adjusts, classifies, undoes/redoes, copies forward, and keeps every edit across a reload", async () => {
  const { page } = session;
  const before = await annotations(server.url, sequenceId);
  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  await waitForFrameDrawn(0);

  // Draw a box in the top-down view with the create tool.
  await drawBoxInTopView(page);
  const trackId = must(
    await page.getByTestId("inspector-track").textContent(),
    'await page.getByTestId("inspector-track").textContent()',
  ).trim();
  expect(trackId).not.toBe("");

  // Refine its height in the side view: drag the top edge up.
  const heightBefore = await inspectorNumber("height");
  const topEdge = page.locator('[data-testid=box-view-side] [data-handle="edge-v+"]');
  const edge = must(await topEdge.boundingBox(), "await topEdge.boundingBox()");
  await dragBetween(
    page,
    { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 },
    { x: edge.x + edge.width / 2, y: edge.y + edge.height / 2 - 25 },
  );
  const heightAfter = await inspectorNumber("height");
  expect(heightAfter).toBeGreaterThan(heightBefore + 0.05);

  // Class, then undo and redo it.
  await page.getByTestId("class-select").selectOption("Van");
  expect(await page.getByTestId("class-select").inputValue()).toBe("Van");
  await page.keyboard.press("Control+z");
  expect(await page.getByTestId("class-select").inputValue()).not.toBe("Van");
  await page.keyboard.press("Control+Shift+z");
  expect(await page.getByTestId("class-select").inputValue()).toBe("Van");

  // Carry it to the next frame.
  await page.keyboard.press("]");
  await waitForFrameDrawn(1);
  expect(
    must(
      await page.getByTestId("inspector-track").textContent(),
      'await page.getByTestId("inspector-track").textContent()',
    ).trim(),
  ).toBe(trackId);

  await waitForSaved();
  await page.reload();
  await waitForFrameDrawn(1);

  const after = await annotations(server.url, sequenceId);
  const ours = after.cuboids.filter((c) => c.trackId === trackId).sort((a, b) => a.frameIndex - b.frameIndex);
  expect(ours.map((c) => c.frameIndex)).toEqual([0, 1]);
  for (const c of ours) {
    expect(c.className).toBe("Van");
    expect(c.provenance).toBe("human");
    expect(c.size.heightM).toBeCloseTo(heightAfter, 1);
  }
  expect(after.cuboids.length).toBe(before.cuboids.length + 2);
  expect(session.consoleErrors).toEqual([]);
});

it("keeps edits made while the server is down and sends them when it is back", async () => {
  const { page } = session;
  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  await waitForFrameDrawn(0);
  await page.keyboard.press("Tab");
  const trackId = must(
    await page.getByTestId("inspector-track").textContent(),
    'await page.getByTestId("inspector-track").textContent()',
  ).trim();
  const xBefore = await inspectorNumber("x");

  await server.stop();
  await page.keyboard.press("Shift+w"); // 0.5 m forward along the heading
  await page.keyboard.press("Shift+w");
  await page.waitForSelector('[data-testid=save-state]:not([data-status="saved"])', { timeout: 30_000 });
  const xMoved = await inspectorNumber("x");
  expect(Math.abs(xMoved - xBefore)).toBeGreaterThan(0.01);

  server = await startServer({ dataDir: server.dataDir, env: { PORT: String(port) } });
  await waitForSaved();
  const snapshot = await annotations(server.url, sequenceId);
  const moved = must(
    snapshot.cuboids.find((c) => c.trackId === trackId && c.frameIndex === 0),
    "snapshot.cuboids.find((c) => c.trackId === trackId && c.f...",
  );
  expect(moved.centerM.x).toBeCloseTo(xMoved, 2);
});
