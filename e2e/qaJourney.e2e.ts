import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { adminHeaders, annotations, listSequences } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// A reviewer's finding caught before review: a box lifted off its car shows in the QA panel and on
// the timeline; a click goes there, Fix puts it back on the ground, the fix is saved.
const journey = serverAndBrowserForFile();

it("lists a floating box, marks its frame, and snaps it to the ground in one click", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
  const before = await annotations(server.url, sequenceId);
  const box = must(
    before.cuboids.find((c) => c.frameIndex === 10 && c.trackId === "1"),
    "before.cuboids.find((c) => c.frameIndex === 10 && c.track...",
  );
  const res = await fetch(`${server.url}/api/sequences/${sequenceId}/annotations/batches`, {
    method: "POST",
    headers: { ...(await adminHeaders(server.url)), "Content-Type": "application/json" },
    body: JSON.stringify({
      batchId: `qa-journey-${process.pid}`,
      baseRevision: before.revision,
      author: "reviewer",
      operations: [
        { op: "putCuboid", cuboid: { ...box, centerM: { ...box.centerM, z: box.centerM.z + 1.2 } } },
      ],
    }),
  });
  expect(res.status).toBe(200);

  await page.goto(`${server.url}/sequences/${sequenceId}?frame=10`);
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="10"]', { timeout: 60_000 });
  const finding = page.locator('[data-testid=qa-finding][data-kind="floating"]', { hasText: "track 1" });
  await finding.waitFor({ timeout: 30_000 });
  await page.waitForSelector('[data-testid=qa-marks] rect[data-frame="10"]');
  const shot = join(process.env.QA_SCREENSHOT_DIR ?? tmpdir(), "qa-panel.png");
  writeFileSync(shot, await page.screenshot());

  await finding.getByTestId("qa-fix").click();
  await page.waitForSelector('[data-testid=fit-notice]:has-text("onto the ground")');
  await finding.waitFor({ state: "detached", timeout: 30_000 });
  await page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: 60_000 });
  const after = must(
    (await annotations(server.url, sequenceId)).cuboids.find((c) => c.id === box.id),
    "(await annotations(server.url, sequenceId)).cuboids.find(...",
  );
  expect(after.provenance).toBe("qa-fix");
  expect(Math.abs(after.centerM.z - box.centerM.z)).toBeLessThan(0.25);
  expect(session.consoleErrors).toEqual([]);
});

it("follows the project's QA settings: a lead makes floating boxes errors that block submission", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequenceId = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]").id;
  const before = await annotations(server.url, sequenceId);
  const box = must(
    before.cuboids.find((c) => c.frameIndex === 12 && c.trackId === "1"),
    "before.cuboids.find((c) => c.frameIndex === 12 && c.track...",
  );
  const res = await fetch(`${server.url}/api/sequences/${sequenceId}/annotations/batches`, {
    method: "POST",
    headers: { ...(await adminHeaders(server.url)), "Content-Type": "application/json" },
    body: JSON.stringify({
      batchId: `qa-settings-${process.pid}`,
      baseRevision: before.revision,
      author: "reviewer",
      operations: [
        { op: "putCuboid", cuboid: { ...box, centerM: { ...box.centerM, z: box.centerM.z + 1.2 } } },
      ],
    }),
  });
  expect(res.status).toBe(200);

  await page.goto(`${server.url}/admin/projects/default`);
  const row = page.getByTestId("qa-setting-floating");
  await row.waitFor({ timeout: 30_000 });
  await row.locator("select").selectOption("error");
  await page.getByTestId("qa-blocks-floating").check();
  await page.getByTestId("qa-settings-save").click();
  await expect
    .poll(
      async () =>
        (
          await (
            await fetch(`${server.url}/api/projects/default/qa-config`, {
              headers: await adminHeaders(server.url),
            })
          ).json()
        ).overrides,
    )
    .toEqual({ floating: { severity: "error", blocksSubmission: true } });

  await page.goto(`${server.url}/sequences/${sequenceId}?frame=12`);
  await page.waitForSelector('[data-testid=frame-status][data-drawn-frame="12"]', { timeout: 60_000 });
  await page
    .locator('[data-testid=qa-finding][data-kind="floating"][data-severity="error"]', { hasText: "track 1" })
    .waitFor({ timeout: 30_000 });
  expect(session.consoleErrors).toEqual([]);
});
