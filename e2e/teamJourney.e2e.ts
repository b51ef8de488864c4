import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFileBlobStore } from "../server/blobs/createFileBlobStore";
import { openDatabase } from "../server/db/openDatabase";
import { type SeededHistory, seedAnalyticsHistory } from "../server/testing/seedAnalyticsHistory";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { type RunningServer, startServer } from "./harness/startServer";

// A lead opens the Team page of a project with a seeded history (server/testing/seedAnalyticsHistory:
// three people, three days, machine boxes, an accepted task) and sees its charts drawn and its
// tables filled; an annotator sees only their own figures. The screenshot is kept in
// test-output/team-page.png. Then the lead shortens the continuous-work length to 5 minutes and
// sees the stretches over it; an annotator who works 5 minutes without a pause is reminded to take
// a break (Playwright's clock stands in for the 5 minutes).
const SCREENSHOT = path.resolve("test-output/team-page.png");
let server: RunningServer;
let session: BrowserSession;
let seeded: SeededHistory;

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "cuboidal-e2e-team-"));
  const store = await openDatabase({ dataDir });
  try {
    seeded = await seedAnalyticsHistory({ store, blobs: createFileBlobStore(path.join(dataDir, "blobs")) });
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
  // Reasons by the project's error-type names: the built-in one, and the one the lead renamed.
  const reasons = await drawn("chart-reasons");
  expect(reasons.texts).toEqual(
    expect.arrayContaining(["Rejections", "Wrong heading", "Loose box, check the corners"]),
  );
  expect(await page.getByTestId("table-reasons").locator("tbody td").allTextContents()).toEqual([
    "Wrong heading",
    "2",
    "Loose box, check the corners",
    "1",
  ]);
  const reasonsCsv = await page
    .getByTestId("table-reasons-csv")
    .evaluate(async (a) => (await fetch((a as HTMLAnchorElement).href)).text());
  expect(reasonsCsv).toBe(
    'reason,label,count\r\nwrong-heading,Wrong heading,2\r\nbox-too-loose,"Loose box, check the corners",1\r\n',
  );
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

it("the lead sets a 5-minute continuous-work length; after 5 minutes of work an annotator is reminded", async () => {
  const { page, consoleErrors } = session;
  await page.getByTestId("sign-out").click();
  await signIn("lena");
  await page.getByTestId("team-link").click();
  await page.getByTestId("analytics-settings").waitFor();
  await page.getByTestId("break-after").fill("5");
  const saved = page.waitForResponse(
    (r) => r.url().endsWith("/analytics/settings") && r.request().method() === "PUT",
  );
  await page.getByTestId("analytics-settings-save").click();
  expect((await saved).status()).toBe(200);
  // The continuous-work figure in the lead's view: bob's 23:58–00:03 stretch, now over the length.
  const bobStretch = page.getByTestId("table-stretches").locator("tbody tr", { hasText: "bob" }).first();
  await bobStretch.locator("td", { hasText: "yes" }).waitFor();
  expect(await bobStretch.locator("td").allTextContents()).toEqual(
    expect.arrayContaining(["bob", "5", "3", "yes"]),
  );
  const bobDay = page
    .getByTestId("table-people")
    .locator("tbody tr", { hasText: "2026-03-03" })
    .filter({ hasText: "bob" });
  expect((await bobDay.locator("td").allTextContents()).at(-1)).toBe("5");

  await page.getByTestId("sign-out").click();
  await signIn("alice");
  // From here the page's clock is Playwright's: time jumps by fastForward, timers due fire once.
  await page.clock.install({ time: new Date("2026-03-05T09:00:00Z") });
  const settings = page.waitForResponse((r) => r.url().endsWith("/analytics/settings"));
  await page.goto(`${server.url}/sequences/${encodeURIComponent(seeded.sequenceId)}`);
  expect(await (await settings).json()).toMatchObject({ breakAfterMinutes: 5, idleGapMinutes: 5 });
  await page.locator("[data-testid=frame-status][data-drawn-frame]").waitFor({ timeout: 60_000 });
  const reminder = page.getByTestId("break-reminder");
  // A key every minute: 4 minutes in (and checked at 5), no reminder yet.
  for (let minute = 0; minute < 5; minute++) {
    await page.keyboard.press("Shift");
    await page.clock.fastForward("01:00");
  }
  expect(await reminder.count()).toBe(0);
  // The fifth minute's input makes a 5-minute stretch; the next check (every 30 s) shows the reminder.
  await page.keyboard.press("Shift");
  await page.clock.fastForward("00:30");
  await reminder.waitFor();
  expect(await reminder.textContent()).toContain("5 minutes");
  // "Later": the count starts again, so a minute on there is no reminder.
  await reminder.getByRole("button").click();
  await page.keyboard.press("Shift");
  await page.clock.fastForward("01:00");
  expect(await reminder.count()).toBe(0);
  expect(consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
}, 180_000);
