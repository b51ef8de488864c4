import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { describeRealData, realDataPath } from "../scripts/testing/realData";
import { adminHeaders, listSequences } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { signInBrowser } from "./harness/signIn";
import { must } from "../core/model/must";

// A customer brings their own recording in through the browser: chooses the project, picks the
// folder, sees what it holds, names it, imports it with a progress bar into that project and opens
// it; a lead of one project is offered only that project, and their folder with a broken sweep is
// refused naming the file and leaves nothing behind.

const journey = serverAndBrowserForFile();
const shotsDir = join(tmpdir(), "cuboidal-e2e-shots");

/** The SUSTechPOINTS example scene copied to a writable folder named `name`. */
function sceneFolder(name: string): string {
  const dir = join(tmpdir(), `cuboidal-e2e-upload-${process.pid}`, name);
  cpSync(realDataPath("sustechpoints/data/example"), dir, { recursive: true });
  return dir;
}

/** Through the admin API: POST, PUT or PATCH `path` with a JSON body. */
async function adminCall<T>(url: string, method: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { ...(await adminHeaders(url)), "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
/** The project "Fleet B", made once per server (both tests use it, each may run alone). */
let fleet: Promise<string> | null = null;
const fleetProject = (url: string) =>
  (fleet ??= adminCall<{ id: string }>(url, "POST", "/api/projects", { name: "Fleet B" }).then((p) => p.id));

const blobCount = (dataDir: string) =>
  readdirSync(join(dataDir, "blobs"))
    .filter((d) => d !== "tmp")
    .flatMap((d) => readdirSync(join(dataDir, "blobs", d))).length;

describeRealData("upload page", () => {
  it("uploads the SUSTechPOINTS scene folder, shows its summary, imports it with progress and opens it", async () => {
    const { server, session } = journey;
    const { page, consoleErrors } = session;
    mkdirSync(shotsDir, { recursive: true });
    const before = (await listSequences(server.url)).length;
    const fleetProjectId = await fleetProject(server.url);
    await page.goto(server.url);
    await page.getByTestId("upload-link").click();
    await page.waitForURL(/\/upload$/);
    // An admin may upload anywhere: every project is offered; the sequence goes where they choose.
    const picker = page.getByTestId("upload-project");
    await expect.poll(async () => picker.locator("option").allTextContents()).toContain("Fleet B");
    await picker.selectOption({ label: "Fleet B" });
    await page.getByTestId("pick-folder").setInputFiles(sceneFolder("example"));

    const summary = page.getByTestId("import-summary");
    await summary.waitFor({ timeout: 120_000 });
    expect(await page.getByTestId("summary-layout").textContent()).toBe("SUSTechPOINTS scene");
    expect(await page.getByTestId("summary-frames").textContent()).toBe("4");
    expect(await page.getByTestId("summary-cameras").textContent()).toMatch(/^3 \(front, left, right\)/);
    expect(await page.getByTestId("summary-boxes").textContent()).toBe("87");
    expect(await page.getByTestId("summary-tracks").textContent()).toBe("25");
    expect(await page.getByTestId("summary-span").textContent()).toBe("2.50 s");
    await page.screenshot({ path: join(shotsDir, "upload-summary.png") });

    await page.getByTestId("sequence-name").fill("Campus drive");
    // The progress bar may come and go between two polls on a fast import: a DOM observer notes it.
    await page.evaluate(() => {
      const w = window as unknown as { sawProgressBar?: boolean };
      w.sawProgressBar = false;
      new MutationObserver(() => {
        if (document.querySelector("[data-testid=upload-progress] progress")) w.sawProgressBar = true;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByTestId("import-button").click();
    const outcome = page.locator("[data-testid=import-done], [data-testid=upload-error]").first();
    await outcome.waitFor({ timeout: 180_000 });
    expect(await page.getByTestId("upload-error").count(), (await outcome.textContent()) ?? "").toBe(0);
    expect(
      await page.evaluate(() => (window as unknown as { sawProgressBar?: boolean }).sawProgressBar),
    ).toBe(true);
    await page.screenshot({ path: join(shotsDir, "upload-done.png") });
    const after = await listSequences(server.url);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ name: "Campus drive", frameCount: 4, projectId: fleetProjectId });

    await page.getByTestId("open-sequence").click();
    await page.waitForURL(new RegExp(`/sequences/${must(after.at(-1), "after.at(-1)").id}`));
    await expect
      .poll(async () => (await page.getByTestId("frame-status").textContent()) ?? "", { timeout: 60_000 })
      .toMatch(/[1-9][\d,]* points/);
    await page.screenshot({ path: join(shotsDir, "upload-opened.png") });
    // Recorded without ego poses: the header says they are being estimated, then that they are
    // (the badge reads the sequence again while the job runs) and offers the reload that uses them.
    const badge = page.getByTestId("ego-poses");
    await expect.poll(async () => badge.getAttribute("data-state"), { timeout: 120_000 }).toBe("estimated");
    const reload = page.getByRole("button", { name: "Reload to use them" });
    // (Absent when the estimate was done before the page opened.)
    if ((await reload.count()) > 0) {
      await reload.click();
      await page.waitForSelector('[data-testid=ego-poses][data-state="estimated"]', { timeout: 60_000 });
    }
    expect(await reload.count()).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it("offers a lead only the project they lead; refuses their folder holding one corrupt PCD, naming it, and leaves nothing behind", async () => {
    const { server, session } = journey;
    const { page } = session;
    const lead = await adminCall<{ user: { id: string } }>(server.url, "POST", "/api/users", {
      username: "fleetlead",
      password: "fleetlead-password-1",
    });
    await adminCall(
      server.url,
      "PUT",
      `/api/projects/${await fleetProject(server.url)}/members/${lead.user.id}`,
      { role: "lead" },
    );
    await signInBrowser(page, server.url, "fleetlead", "fleetlead-password-1");
    const dir = sceneFolder("broken");
    const pcd = join(dir, "lidar/000970.pcd");
    writeFileSync(pcd, readFileSync(pcd).subarray(0, 40_000));
    const sequencesBefore = await listSequences(server.url);
    const blobsBefore = blobCount(server.dataDir);

    await page.goto(`${server.url}/upload`);
    await expect
      .poll(async () => page.getByTestId("upload-project").locator("option").allTextContents())
      .toEqual(["Fleet B"]);
    await page.getByTestId("pick-folder").setInputFiles(dir);
    const error = page.getByTestId("upload-error");
    await error.waitFor({ timeout: 120_000 });
    expect(await error.textContent()).toMatch(/^Refused: lidar\/000970\.pcd: does not decode: /);
    await page.screenshot({ path: join(shotsDir, "upload-refused.png") });
    expect(await listSequences(server.url)).toEqual(sequencesBefore);
    expect(blobCount(server.dataDir)).toBe(blobsBefore);
    expect(readdirSync(join(server.dataDir, "uploads")).filter((f) => !f.endsWith(".json"))).toEqual([]);
  });
});
