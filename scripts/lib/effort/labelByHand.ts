import type { BoxLabel } from "../../../core/formats/BoxLabel";
import type { BrowserAnnotator } from "./createBrowserAnnotator";
import type { ClassKeys } from "./classKeys";

/**
 * The manual baseline: every box drawn and adjusted. Per frame, per box: N, its class key, a drag
 * over its extent as seen from above (axis-aligned), then drags in the top view until it is right.
 */
export async function labelByHand(
  a: BrowserAnnotator,
  classKeys: ClassKeys,
  boxes: ReadonlyArray<{ frameIndex: number; truth: BoxLabel }>,
): Promise<void> {
  const ordered = [...boxes].sort((p, q) => p.frameIndex - q.frameIndex);
  for (const { frameIndex, truth } of ordered) {
    await a.goTo(frameIndex);
    await a.press("n");
    await classKeys.choose(truth.className);
    const { x, y } = truth.centerM;
    const hl = truth.size.lengthM / 2;
    const hw = truth.size.widthM / 2;
    await a.dragGround(x - hl, y - hw, x + hl, y + hw);
    await a.fix(truth);
  }
  await a.waitSaved();
}
