import { afterAll, beforeAll, expect, it } from "vitest";
import { bevIou } from "../core/geometry/iou";
import { must } from "../core/model/must";
import { createBrowserAnnotator } from "../scripts/lib/effort/createBrowserAnnotator";
import { isGoodBox } from "../scripts/lib/effort/nextFixDrag";
import { loadScene } from "../scripts/lib/loadScene";
import { annotations, listSequences } from "./harness/api";
import { freePort } from "./harness/freePort";
import { type BrowserSession, launchBrowser } from "./harness/launchBrowser";
import { signInBrowser } from "./harness/signIn";
import { type RunningServer, startServer } from "./harness/startServer";

// bench:effort's annotator on the synthetic sample: each key, click and drag it makes is one
// action, and the boxes it makes land where the ground truth is (read back through the API).
let server: RunningServer;
let session: BrowserSession;
let sequenceId: string;
const truthOf = (trackId: string) =>
  must(
    loadScene("sample-data/default").frames[0]?.labels.find((l) => l.trackId === trackId),
    `sample track ${trackId} at frame 0`,
  );

beforeAll(async () => {
  server = await startServer({ env: { PORT: String(await freePort()) } });
  session = await launchBrowser({ width: 1600, height: 1200 }, { locale: "en-US" });
  await signInBrowser(session.page, server.url);
  sequenceId = must((await listSequences(server.url))[0], "the sample sequence").id;
});

afterAll(async () => {
  await session?.close();
  await server?.dispose();
});

it("counts one action per key, click and drag, and its boxes land on the truth", async () => {
  const { page } = session;
  await page.goto(`${server.url}/sequences/${sequenceId}?frame=0`);
  const a = createBrowserAnnotator(page);
  await a.waitDrawn(0);

  // One-click: N, a click on sample car 1 (22 m ahead), then top-view drags until it is right.
  const car = truthOf("1");
  await a.press("n");
  const made = await a.oneClick(car.centerM.x + 0.2, car.centerM.y - 0.2, null);
  expect(a.actions).toBe(2);
  await a.fix(car);
  const drags = a.actions - 2;
  expect(drags).toBeLessThanOrEqual(3);
  const fixed = must((await a.readSelected()) ?? undefined, "the selected box");
  expect(fixed.trackId).toBe(made.trackId);
  expect(isGoodBox(fixed.box, car)).toBe(true);
  expect(a.breakdown()).toBe(`key n 1, BEV click 1${drags ? `, fix drag ${drags}` : ""}`);

  // Drawn by hand: N, a drag over the truck's extent (60 m ahead, off screen: panned to first).
  const truck = truthOf("3");
  const before = a.actions;
  await a.press("n");
  const hl = truck.size.lengthM / 2;
  const hw = truck.size.widthM / 2;
  await a.dragGround(truck.centerM.x - hl, truck.centerM.y - hw, truck.centerM.x + hl, truck.centerM.y + hw);
  const pans = Number(/BEV pan drag (\d+)/.exec(a.breakdown())?.[1] ?? 0);
  expect(a.actions - before).toBe(2 + pans);
  await a.fix(truck);
  const drawn = must((await a.readSelected()) ?? undefined, "the drawn box");
  expect(drawn.trackId).not.toBe(made.trackId);

  await a.waitSaved();
  const saved = (await annotations(server.url, sequenceId)).cuboids;
  const ours = (trackId: string) => saved.find((c) => c.trackId === trackId && c.frameIndex === 0);
  expect(bevIou(must(ours(made.trackId), "the one-click box"), car)).toBeGreaterThanOrEqual(0.8);
  expect(bevIou(must(ours(drawn.trackId), "the drawn box"), truck)).toBeGreaterThanOrEqual(0.8);

  // A click on the frame slider, then the frame keys still work (a focused slider swallowed them).
  await a.goTo(20);
  expect(await a.frameShown()).toBe(20);
  await page.keyboard.press(".");
  await a.waitDrawn(21);
  expect(await a.frameShown()).toBe(21);
  expect(session.consoleErrors).toEqual([]);
});
