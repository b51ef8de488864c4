import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { TEST_ADMIN_PASSWORD } from "../server/testing/testAuth";
import { listSequences, sequenceDetail } from "./harness/api";
import { setUpReviewTask } from "./harness/setUpReviewTask";
import { signInBrowser } from "./harness/signIn";
import { signInForToken } from "../server/testing/testAuth";
import { drawBoxInTopView } from "./harness/drawBoxInTopView";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { type RunningServer, startServer } from "./harness/startServer";
import { must } from "../core/model/must";

// An annotator whose browser speaks Chinese: signs in, opens a sequence, draws and edits a box,
// opens the shortcut help. Every word on screen must be Chinese, save data (sequence, camera and
// user names), key names and format names.

const shotsDir = process.env.E2E_SHOTS_DIR ?? join(tmpdir(), "cuboidal-e2e-shots");
let server: RunningServer;
let session: BrowserSession;

beforeAll(async () => {
  server = await startServer();
  session = await launchBrowser({ width: 1600, height: 900 }, { locale: "zh-CN" });
  mkdirSync(shotsDir, { recursive: true });
});
afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

/** Latin words a Chinese UI shows on purpose: key names, proper names of formats and products. */
const ALLOWED_WORDS = new Set([
  "Esc",
  "Shift",
  "Ctrl",
  "Alt",
  "Tab",
  "Enter",
  "Space",
  "Delete",
  "Backspace",
  "BEV",
  "IoU", // intersection over union, as the review diff's column names it in every language
  "ID",
  "Cuboidal",
  "English", // the language switch names each language in itself
  "OpenLABEL",
  "nuScenes",
  "KITTI",
  "SUSTechPOINTS",
  "JSON", // a file format's name (the predictions panel's "本项目 JSON")
]);

/** Visible text and user-facing attributes of the page, with every allowed data string removed. */
async function englishWordsOnScreen(page: Page, data: string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const el = walker.currentNode.parentElement;
      if (!el || el.closest("script, style")) continue;
      const style = getComputedStyle(el);
      if (el.tagName !== "OPTION" && el.tagName.toLowerCase() !== "title" && style.display === "none")
        continue;
      out.push(walker.currentNode.textContent ?? "");
    }
    for (const el of document.querySelectorAll("[title], [placeholder], [aria-label], [alt]"))
      for (const a of ["title", "placeholder", "aria-label", "alt"]) out.push(el.getAttribute(a) ?? "");
    return out;
  });
  const words: string[] = [];
  const longestFirst = [...data].sort((a, b) => b.length - a.length);
  for (let text of texts) {
    for (const d of longestFirst) text = text.split(d).join(" ");
    text = text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, " "); // record ids
    for (const w of text.match(/[A-Za-z]{2,}/g) ?? []) if (!ALLOWED_WORDS.has(w)) words.push(w);
  }
  return [...new Set(words)];
}

it("shows sign-in, the sequence list and the workspace with its help entirely in Chinese", async () => {
  const { page, consoleErrors } = session;
  const sequences = await listSequences(server.url);
  const detail = await sequenceDetail(server.url, must(sequences[0], "sequences[0]").id);
  const data = [
    ...sequences.map((s) => s.name),
    ...detail.cameras.map((c) => c.name),
    "Administrator", // the admin's display name
    "admin",
    "Default", // the project's name
  ];

  await page.goto(server.url);
  await page.getByTestId("signin-username").waitFor();
  expect(await page.evaluate(() => navigator.language)).toBe("zh-CN");
  expect(await page.getByTestId("signin-submit").textContent()).toBe("登录");
  expect(await englishWordsOnScreen(page, [...data, "DATA_DIR", "admin-password.txt"])).toEqual([]);
  await page.getByTestId("signin-username").fill("admin");
  await page.getByTestId("signin-password").fill(TEST_ADMIN_PASSWORD);
  await page.getByTestId("signin-submit").click();

  const link = page.getByTestId("sequence-link").first();
  await link.waitFor({ timeout: 30_000 });
  expect(await englishWordsOnScreen(page, data)).toEqual([]);
  await page.screenshot({ path: join(shotsDir, "zh-CN-sequences.png") });

  await link.click();
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
  expect(await page.getByTestId("frame-status").textContent()).toMatch(/^第 1\/\d+ 帧 · [\d,]+ 个点/);

  // Create a box, then edit it: class (shown by its Chinese display name), length, an attribute.
  await drawBoxInTopView(page);
  await page.getByTestId("class-select").selectOption("Van");
  const selected = await page.$eval(
    "[data-testid=class-select]",
    (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent,
  );
  expect(selected).toContain("面包车");
  const length = page.getByTestId("inspector-length");
  await length.fill("5.40");
  await length.press("Enter");
  await expect.poll(async () => Number(await length.inputValue())).toBeCloseTo(5.4, 3);
  await page.getByTestId("attribute-occlusion").selectOption("partial");
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur()); // keys to the shortcuts
  await page.keyboard.press("Shift+Slash"); // "?"
  await page.getByTestId("help-overlay").waitFor();
  expect(await page.getByTestId("help-overlay").locator("h2").textContent()).toBe("快捷键");
  await page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 60_000 });

  const shot = join(shotsDir, "zh-CN-workspace-help.png");
  await page.screenshot({ path: shot });
  console.log(`screenshot: ${shot}`);
  expect(await englishWordsOnScreen(page, data)).toEqual([]);
  // Before signing in, /api/auth/me answers 401: that is how the app learns it is signed out.
  expect(consoleErrors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([]);
});

it("switches to English in the user menu and remembers it for the user over the browser's language", async () => {
  const { page } = session;
  await page.goto(server.url);
  await page.getByTestId("sign-out").waitFor({ timeout: 30_000 });
  expect(await page.getByTestId("sign-out").textContent()).toBe("退出登录");
  await page.getByTestId("language-select").selectOption("en");
  await expect.poll(() => page.getByTestId("sign-out").textContent()).toBe("Sign out");
  await expect
    .poll(async () => (await (await page.request.get(`${server.url}/api/auth/me`)).json()).user.locale)
    .toBe("en");
  await page.reload();
  await page.getByTestId("sign-out").waitFor({ timeout: 30_000 });
  expect(await page.getByTestId("sign-out").textContent()).toBe("Sign out");
  expect(await page.evaluate(() => navigator.language)).toBe("zh-CN");
});

it("a reviewer rejecting a box picks its reason from Chinese names, and the rejected list names it so", async () => {
  const { page, consoleErrors } = session;
  const sequences = await listSequences(server.url);
  const sequence = must(sequences[0], "sequences[0]");
  const team = await setUpReviewTask(
    server.url,
    sequence.id,
    { start: 0, end: 0 },
    { annotator: "zhang", reviewer: "li" },
  );
  for (const [who, action] of [
    [team.annotator, "submit"],
    [team.reviewer, "start-review"],
  ] as const) {
    const res = await fetch(`${server.url}/api/tasks/${team.taskId}/transitions`, {
      method: "POST",
      headers: {
        ...(await signInForToken(server.url, who.username, who.password)),
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ action }),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
  await page.context().clearCookies();
  await signInBrowser(page, server.url, team.reviewer.username, team.reviewer.password);
  await page.goto(`${server.url}/sequences/${sequence.id}?frame=0&task=${team.taskId}`);
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
  await page.getByTestId("review-mode").click();
  await page.getByTestId("review-current").waitFor();
  await page.keyboard.press("b");
  const picker = page.getByTestId("reject-picker");
  await picker.waitFor();
  // Before, the picker showed the built-in reasons by their English names ("Wrong heading").
  expect(await page.getByTestId("reject-reason").allTextContents()).toContain("7 朝向错误");
  const detail = await sequenceDetail(server.url, sequence.id);
  // Data on screen: the sequence, its cameras, the reviewer, the task, and "admin" who edited a box
  // in the first journey (the review diff names each box's last author).
  const data = [
    sequence.name,
    ...detail.cameras.map((c) => c.name),
    team.reviewer.username,
    "Review journey",
    "admin",
  ];
  expect(await englishWordsOnScreen(page, data)).toEqual([]);
  await page.keyboard.press("7");
  await page.keyboard.press("Enter");
  await picker.waitFor({ state: "detached" });
  await page.getByTestId("rejected-box").first().waitFor();
  expect(await page.getByTestId("rejected-box").first().textContent()).toContain("朝向错误");
  // The queue row of the judged box named the reason by its code ("wrong-heading").
  expect(await page.getByTestId("review-queue").textContent()).toContain("朝向错误");
  await page.screenshot({ path: join(shotsDir, "zh-CN-review-reject.png") });
  expect(await englishWordsOnScreen(page, data)).toEqual([]);
  expect(consoleErrors.filter((e) => !/favicon|status of 401/.test(e))).toEqual([]);
});
