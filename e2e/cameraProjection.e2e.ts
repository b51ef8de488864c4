import { PNG } from "pngjs";
import { expect, it } from "vitest";
import { cuboidCorners, CUBOID_EDGES } from "../core/geometry/cuboidCorners";
import { isInsideImage, projectLidarPoint } from "../core/geometry/projectCamera";
import type { Cuboid } from "../core/model/Cuboid";
import { annotations, listSequences, sequenceDetail } from "./harness/api";
import { serverAndBrowserForFile } from "./harness/serverAndBrowserForFile";
import { must } from "../core/model/must";

// The wireframe an annotator sees over the image must be where core's camera model (extrinsics, lens
// distortion, intrinsics) puts the box: the pixels the box draws are found by deleting it and diffing.

const journey = serverAndBrowserForFile();

/** Pixels that differ between two same-size screenshots, as a set of "x,y". */
function differingPixels(
  a: Buffer,
  b: Buffer,
): { width: number; height: number; pixels: Array<[number, number]> } {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  const pixels: Array<[number, number]> = [];
  for (let y = 0; y < pa.height; y++) {
    for (let x = 0; x < pa.width; x++) {
      const i = (y * pa.width + x) * 4;
      const d = Math.max(
        Math.abs((pa.data[i] ?? 0) - (pb.data[i] ?? 0)),
        Math.abs((pa.data[i + 1] ?? 0) - (pb.data[i + 1] ?? 0)),
        Math.abs((pa.data[i + 2] ?? 0) - (pb.data[i + 2] ?? 0)),
      );
      if (d > 40) pixels.push([x, y]);
    }
  }
  return { width: pa.width, height: pa.height, pixels };
}

it("draws a cuboid's wireframe in the camera panel where core's projection puts it", async () => {
  const { server, session } = journey;
  const { page } = session;
  const sequence = must((await listSequences(server.url))[0], "(await listSequences(server.url))[0]");
  const detail = await sequenceDetail(server.url, sequence.id);
  const front = must(detail.cameras[0], "detail.cameras[0]");
  const snapshot = await annotations(server.url, sequence.id);
  const frameIndex = detail.frames.findIndex((f) => f.imageBlobs[front.name]);

  // The nearest box of that frame that the camera sees whole.
  const seen = snapshot.cuboids
    .filter((c) => c.frameIndex === frameIndex)
    .map((c) => ({ c, px: cuboidCorners(c).map((k) => projectLidarPoint(k, front)) }))
    .filter(({ px }) => px.every((p) => p && p.depthM > 2 && isInsideImage(p, front)))
    .sort(
      (a, b) =>
        Math.min(...a.px.map((p) => must(p, "p").depthM)) - Math.min(...b.px.map((p) => must(p, "p").depthM)),
    );
  expect(seen.length).toBeGreaterThan(0);
  const target: Cuboid = must(seen[0], "seen[0]").c;

  await page.goto(`${server.url}/sequences/${sequence.id}?frame=${frameIndex}`);
  await page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${frameIndex}"]`, {
    timeout: 60_000,
  });
  const panel = page.locator(`[data-testid=camera-panel][data-camera="${front.name}"]`);
  await panel.locator('input[type="checkbox"]').uncheck(); // projected points off: only image and boxes
  const canvas = page.getByTestId(`camera-canvas-${front.name}`);
  const stripScale = Number(await canvas.getAttribute("data-scale"));
  await page.getByTestId(`camera-enlarge-${front.name}`).click(); // the annotator's close look
  const scale = Number(await canvas.getAttribute("data-scale"));
  expect(scale).toBeGreaterThan(stripScale * 1.5);

  // Selecting in the image selects in 3D: click the box's projected centre.
  const centre = must(projectLidarPoint(target.centerM, front), "projectLidarPoint(target.centerM, front)");
  await canvas.click({ position: { x: centre.uPx * scale, y: centre.vPx * scale } });
  await expect
    .poll(async () => (await page.getByTestId("inspector-track").textContent())?.trim())
    .toBe(target.trackId);
  await page.waitForTimeout(300);
  const withBox = await canvas.screenshot();
  await page.keyboard.press("Delete");
  await page.waitForTimeout(300);
  const withoutBox = await canvas.screenshot();
  await page.keyboard.press("Control+z");

  const drawn = differingPixels(withBox, withoutBox);
  expect(drawn.pixels.length).toBeGreaterThan(50);

  // Core's projection of the box edges, sampled densely (edges curve under lens distortion).
  const corners = cuboidCorners(target);
  const expected: Array<[number, number]> = [];
  for (const [a, b] of CUBOID_EDGES) {
    for (let t = 0; t <= 1; t += 1 / 40) {
      const p = {
        x:
          must(corners[a], "corners[a]").x +
          (must(corners[b], "corners[b]").x - must(corners[a], "corners[a]").x) * t,
        y:
          must(corners[a], "corners[a]").y +
          (must(corners[b], "corners[b]").y - must(corners[a], "corners[a]").y) * t,
        z:
          must(corners[a], "corners[a]").z +
          (must(corners[b], "corners[b]").z - must(corners[a], "corners[a]").z) * t,
      };
      const px = must(projectLidarPoint(p, front), "projectLidarPoint(p, front)");
      expected.push([px.uPx * scale, px.vPx * scale]);
    }
  }
  const near = (x: number, y: number, set: Array<[number, number]>, radius: number) =>
    set.some(([u, v]) => Math.abs(u - x) <= radius && Math.abs(v - y) <= radius);

  // Nearly every changed pixel lies on the projected edges, and the projected edges are drawn.
  const onEdges =
    drawn.pixels.filter(([x, y]) => near(x + 0.5, y + 0.5, expected, 2.5)).length / drawn.pixels.length;
  const covered =
    expected.filter(([u, v]) => near(u - 0.5, v - 0.5, drawn.pixels, 2)).length / expected.length;
  console.log(
    `camera wireframe: ${drawn.pixels.length} px changed, ${(onEdges * 100).toFixed(1)}% on core's edges, ${(covered * 100).toFixed(1)}% of edge samples drawn`,
  );
  expect(onEdges).toBeGreaterThan(0.9);
  expect(covered).toBeGreaterThan(0.8);

  // The same check against a projection shifted by 6 px fails: the check can tell.
  const shifted = expected.map(([u, v]) => [u + 6, v] as [number, number]);
  const onShifted =
    drawn.pixels.filter(([x, y]) => near(x + 0.5, y + 0.5, shifted, 2.5)).length / drawn.pixels.length;
  expect(onShifted).toBeLessThan(0.7);
});
