import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFileBlobStore } from "../server/blobs/createFileBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { seedAnalyticsHistory } from "../server/testing/seedAnalyticsHistory";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { type RunningServer, startServer } from "./harness/startServer";

// A lead opens the Team page of a project with a seeded history (server/testing/seedAnalyticsHistory:
// three people, three days, machine boxes, an accepted task) and sees its charts drawn and its
// tables filled; an annotator sees only their own figures. The screenshot is kept in
// test-output/team-page.png.
const SCREENSHOT = path.resolve("test-output/team-page.png");
let server: RunningServer;
let session: BrowserSession;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cuboidal-e2e-team-"));
  const store = await openDatabase({ dataDir });
  try {
    await seedAnalyticsHistory({ store, blobs: createFileBlobStore(path.join(dataDir, "blobs")) });
  } finally {
    await store.close();
  }
  server = await startServer({ dataDir });
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

async function signIn(username: string) {
  const { page } = session;
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(username);
  await page.getByTestId("signin-password").fill(`${username}-password`);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("user-menu").waitFor({ timeout: 30_000 });
}

/** The drawn marks of an SVG chart: paths with a real outline, and the legend's texts. */
async function drawn(testId: string) {
  const chart = session.page.getByTestId(testId);
  await chart.locator("svg text").first().waitFor({ state: "attached", timeout: 30_000 });
  return chart.evaluate((el) => {
    const paths = [...el.querySelectorAll("svg path")].filter((p) => {
      const box = (p as SVGGraphicsElement).getBBox();
      return box.width > 0 && box.height > 0;
    });
    return {
      paths: paths.length,
      texts: [...el.querySelectorAll("svg text")].map((t) => t.textContent ?? ""),
    };
  });
}

it("a lead sees the team's charts and tables; an annotator only their own", async () => {
  const { page, consoleErrors } = session;
  await signIn("lena");
  await page.getByTestId("team-link").click();
  await page.getByTestId("team-page").waitFor();
  await page.getByTestId("table-ledger").waitFor();
  await page.getByTestId("chart-progress").waitFor();
  await page.getByTestId("chart-reasons").waitFor();
  await page.getByTestId("table-corrections").waitFor();
  mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT, fullPage: true });

  const throughput = await drawn("chart-throughput");
  expect(throughput.texts).toEqual(
    expect.arrayContaining(["alice", "bob", "rita", "2026-03-02", "2026-03-04"]),
  );
  expect(throughput.paths).toBeGreaterThanOrEqual(3);
  const perBox = await drawn("chart-seconds-per-box");
  expect(perBox.texts).toEqual(expect.arrayContaining(["Seconds per box", "alice", "bob"]));
  const machine = await drawn("chart-machine");
  expect(machine.texts).toEqual(
    expect.arrayContaining(["Machine boxes corrected", "Machine boxes unchanged"]),
  );
  const reasons = await drawn("chart-reasons");
  expect(reasons.texts).toEqual(expect.arrayContaining(["Rejections", "wrong-heading", "box-too-loose"]));
  expect(reasons.paths).toBeGreaterThanOrEqual(2);
  expect(await page.getByTestId("table-corrections").locator("tbody td").allTextContents()).toEqual(
    expect.arrayContaining(["rita", "alice", "0.738", "17.2"]),
  );
  const progress = await drawn("chart-progress");
  expect(progress.texts).toEqual(
    expect.arrayContaining(["Labeled", "In review", "Accepted", "Frames", "Boxes"]),
  );
  // Bars with a height: alice's and bob's seconds per box, and the progress stages.
  expect(perBox.paths).toBeGreaterThanOrEqual(2);
  expect(progress.paths).toBeGreaterThanOrEqual(5);

  const peopleRows = page.getByTestId("table-people").locator("tbody tr");
  expect(await peopleRows.count()).toBe(5);
  expect(await peopleRows.first().locator("td").allTextContents()).toEqual(
    expect.arrayContaining(["2026-03-02", "alice", "82.5"]),
  );
  expect(await page.getByTestId("ledger-total").textContent()).toContain("0.18 EUR");
  expect(await page.getByTestId("table-ledger-csv").getAttribute("href")).toMatch(/ledger\?format=csv$/);
  expect(await page.getByTestId("analytics-settings").count()).toBe(1);

  await page.getByTestId("sign-out").click();
  await signIn("alice");
  await page.getByTestId("team-link").click();
  await page.getByTestId("team-page").waitFor();
  const own = await drawn("chart-throughput");
  expect(own.texts).toContain("alice");
  expect(own.texts).not.toContain("bob");
  expect(await page.getByTestId("table-people").locator("tbody tr").count()).toBe(1);
  expect(await page.getByTestId("analytics-settings").count()).toBe(0);
  // Signed out, the app asks who is signed in and is told 401: not an error of this page.
  expect(consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
}, 180_000);
