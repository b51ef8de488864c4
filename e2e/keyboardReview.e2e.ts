import { expect, it } from "vitest";
import type { VerdictListJson } from "../core/api/review";
import { signInForToken } from "../server/testing/testAuth";
import { listSequences } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { setUpReviewTask } from "./harness/setUpReviewTask";
import { signInBrowser } from "./harness/signIn";
import { must } from "../core/model/must";

// Issue #12's keyboard budget: a reviewer goes through 50 boxes of the synthetic sample with the keys
// alone; the page counts every keydown: 1 per accepted box, 3 per box rejected with a reason.
const journey = serverAndBrowserForFile();

it("reviews 50 boxes with the keyboard alone: 1 key per accept, 3 per reject with a reason", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
  const team = await setUpReviewTask(server.url, sequenceId, { start: 0, end: 1 });
  const post = async (who: { username: string; password: string }, path: string, body: unknown) => {
    const headers = await signInForToken(server.url, who.username, who.password);
    const res = await fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    return res;
  };
  await post(team.annotator, `/api/tasks/${team.taskId}/transitions`, { action: "submit" });
  await post(team.reviewer, `/api/tasks/${team.taskId}/transitions`, { action: "start-review" });

  await page.context().clearCookies();
  await signInBrowser(page, server.url, team.reviewer.username, team.reviewer.password);
  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0&task=${team.taskId}`);
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
  await page.getByTestId("review-mode").click();
  await page.getByTestId("review-current").waitFor();
  await page.evaluate(() => {
    const w = window as unknown as { keyCount: number };
    w.keyCount = 0;
    window.addEventListener("keydown", () => w.keyCount++, true);
  });
  const keyCount = () => page.evaluate(() => (window as unknown as { keyCount: number }).keyCount);

  const perAccept: number[] = [];
  const perReject: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const id = must(
      await page.getByTestId("review-current").getAttribute("data-cuboid"),
      'await page.getByTestId("review-current").getAttribute("da...',
    );
    expect(seen.has(id), `box ${id} came twice`).toBe(false);
    seen.add(id);
    const k0 = await keyCount();
    const reject = i % 10 === 3;
    if (reject) {
      await page.keyboard.press("b");
      await page.keyboard.press(String(1 + (i % 9)));
      await page.keyboard.press("Enter");
    } else await page.keyboard.press("y");
    await page.waitForFunction(
      (prev) => document.querySelector("[data-testid=review-current]")?.getAttribute("data-cuboid") !== prev,
      id,
    );
    (reject ? perReject : perAccept).push((await keyCount()) - k0);
  }
  console.log(
    `keyboard review: ${perAccept.length} accepts at ${Math.max(...perAccept)} key each, ${perReject.length} rejects at ${Math.max(...perReject)} keys each`,
  );
  expect(perAccept.every((n) => n === 1)).toBe(true);
  expect(perReject.every((n) => n <= 3)).toBe(true);
  await expect.poll(() => page.getByTestId("review-progress").getAttribute("data-accepted")).toBe("45");

  const headers = await signInForToken(server.url, team.reviewer.username, team.reviewer.password);
  const { verdicts } = (await (
    await fetch(`${server.url}/api/tasks/${team.taskId}/verdicts`, { headers })
  ).json()) as VerdictListJson;
  expect(verdicts.filter((v) => v.verdict === "accepted")).toHaveLength(45);
  const rejects = verdicts.filter((v) => v.verdict === "rejected");
  expect(rejects.map((v) => v.reasonCode)).toEqual([
    "wrong-attributes",
    "box-too-loose",
    "box-too-tight",
    "wrong-heading",
    "wrong-position",
  ]);
  expect(new Set(verdicts.map((v) => (v.target.kind === "box" ? v.target.cuboidId : "")))).toEqual(seen);
  expect(session.consoleErrors).toEqual([]);
}, 600_000); // 50 boxes, each a render in software WebGL: about 2 minutes on a busy 2-core machine
