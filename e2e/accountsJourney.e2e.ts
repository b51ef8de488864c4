import { afterAll, beforeAll, expect, it } from "vitest";
import { signInForToken } from "../server/testing/testAuth";
import { drawBoxInTopView } from "./harness/drawBoxInTopView";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { type RunningServer, startServer } from "./harness/startServer";
import { must } from "../core/model/must";

// A team's first hour: the admin signs in with the printed password, creates a project, an annotator
// and a reviewer, assigns a task; the annotator signs in, sees only that task, labels a box; the
// history names the annotator; the audit log shows each step.
let server: RunningServer;
let session: BrowserSession;
let adminPassword: string;

beforeAll(async () => {
  server = await startServer({ env: { ADMIN_PASSWORD: "" } });
  adminPassword = must(
    must(
      /created user \\?"admin\\?" with password (\S+)/.exec(server.process.output()),
      '/created user \\\\?"admin\\\\?" with password (\\S+)/.exec(ser...',
    )[1],
    '/created user \\\\?"admin\\\\?" with password (\\S+)/.exec(ser...',
  );
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

async function signInAs(username: string, password: string) {
  const { page } = session;
  await page.goto(server.url);
  await page.getByTestId("signin-username").fill(username);
  await page.getByTestId("signin-password").fill(password);
  await page.getByTestId("signin-submit").click();
  await page.getByTestId("user-menu").waitFor({ timeout: 30_000 });
}

async function createUser(username: string): Promise<string> {
  const { page } = session;
  await page.getByTestId("new-username").fill(username);
  await page.getByTestId("create-user").click();
  const note = page.getByTestId("action-note");
  await note.waitFor();
  return must(
    must(
      /with password (\S+)/.exec(must(await note.textContent(), "await note.textContent()")),
      "/with password (\\S+)/.exec((await note.textContent()))",
    )[1],
    "/with password (\\S+)/.exec((await note.textContent()))[1]",
  );
}

it("admin sets up a project and a task; the annotator labels it; history and audit log say who did what", async () => {
  const { page, consoleErrors } = session;
  await signInAs("admin", adminPassword);

  await page.getByRole("link", { name: "Users" }).click();
  const annPassword = await createUser("ann");
  const revPassword = await createUser("rev");
  expect(revPassword).not.toBe(annPassword);

  await page.getByRole("link", { name: "Projects" }).click();
  await page.getByTestId("new-project-name").fill("Team A");
  await page.getByTestId("create-project").click();
  await expect.poll(async () => page.getByTestId("project-title").textContent()).toBe("Team A");
  await page.getByTestId("move-sequence").selectOption({ index: 1 });
  await page.getByTestId("move-sequence-submit").click();
  await page.getByTestId("task-sequence").locator("option").nth(1).waitFor({ state: "attached" });
  for (const [user, role] of [
    ["ann", "annotator"],
    ["rev", "reviewer"],
  ] as const) {
    await page.getByTestId("member-user").selectOption({ label: user });
    await page.getByTestId("member-role").selectOption(role);
    await page.getByTestId("add-member").click();
    await page.getByTestId("members").getByRole("cell", { name: user, exact: true }).waitFor();
  }
  await page.getByTestId("task-sequence").selectOption({ index: 1 });
  await page.getByTestId("task-frame-start").fill("0");
  await page.getByTestId("task-frame-end").fill("2");
  await page.getByTestId("new-task-labeler").selectOption({ label: "ann (annotator)" });
  await page.getByTestId("new-task-reviewer").selectOption({ label: "rev (reviewer)" });
  await page.getByTestId("create-task").click();
  await page.getByTestId("tasks").locator("tbody tr").first().waitFor();
  await page.getByTestId("sign-out").click();
  await page.getByTestId("signin-username").waitFor();

  // The annotator sees their one task, not the sequence list, and labels a box in it.
  await signInAs("ann", annPassword);
  await expect.poll(async () => page.getByTestId("my-task").count(), { timeout: 30_000 }).toBe(1);
  expect(await page.getByTestId("sequence-link").count()).toBe(0);
  await page.getByTestId("task-link").click();
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="0"]', { timeout: 60_000 });
  await drawBoxInTopView(page);
  await page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 60_000 });

  const admin = await signInForToken(server.url, "admin", adminPassword);
  const sequences = (await (await fetch(`${server.url}/api/sequences`, { headers: admin })).json()) as Array<{
    id: string;
  }>;
  const history = (
    (await (
      await fetch(
        `${server.url}/api/sequences/${must(sequences[0], "sequences[0]").id}/history?afterRevision=1`,
        {
          headers: admin,
        },
      )
    ).json()) as { entries: Array<{ author: string }> }
  ).entries;
  expect(history.length).toBeGreaterThan(0);
  expect([...new Set(history.map((h) => h.author))]).toEqual(["ann"]);

  // The admin reads every step in the audit log.
  await page.goto(server.url);
  await page.getByTestId("sign-out").click();
  await signInAs("admin", adminPassword);
  await page.getByRole("link", { name: "Audit log" }).click();
  // Filtered by who did it (ann's frame downloads alone fill pages).
  const entriesBy = async (actor: string) => {
    await page.getByTestId("audit-actor").fill(actor);
    await page.getByRole("button", { name: "Filter" }).click();
    await expect
      .poll(async () =>
        (await page.getByTestId("audit-entry").allTextContents()).every((r) => r.includes(actor)),
      )
      .toBe(true);
    return page.getByTestId("audit-entry").allTextContents();
  };
  let rows = await entriesBy("admin");
  const has = (pattern: RegExp) =>
    expect(
      rows.some((r) => pattern.test(r)),
      String(pattern),
    ).toBe(true);
  has(/adminauth\.sign-inuser:admin/);
  has(/adminuser\.createduser:ann/);
  has(/adminuser\.createduser:rev/);
  has(/adminproject\.created/);
  has(/adminsequence\.moved/);
  has(/adminmember\.set.*"role":"annotator","user":"ann"/);
  has(/adminmember\.set.*"role":"reviewer","user":"rev"/);
  has(/admintask\.created/);
  has(/adminauth\.sign-outuser:admin/);
  rows = await entriesBy("ann");
  has(/annauth\.sign-inuser:ann/);
  has(/annblob\.downloaded/);
  await page.screenshot({ path: `${server.dataDir}/../accounts-audit.png` }).catch(() => {});
  expect(consoleErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
});
