import type { Page } from "playwright-core";
import { dragBetween } from "./dragBetween";
import { must } from "../../core/model/must";

/** Draws a box with the create tool, right of the top-down view's centre, and waits for the inspector. */
export async function drawBoxInTopView(page: Page): Promise<void> {
  await page.getByTestId("tool-create").click();
  const view = must(
    await page.getByTestId("viewer-3d").boundingBox(),
    'await page.getByTestId("viewer-3d").boundingBox()',
  );
  const cx = view.x + view.width / 2;
  const cy = view.y + view.height / 2;
  await dragBetween(
    page,
    { x: cx + view.width * 0.3, y: cy - 60 },
    { x: cx + view.width * 0.3 + 40, y: cy - 20 },
  );
  await page.getByTestId("inspector-length").waitFor();
}
