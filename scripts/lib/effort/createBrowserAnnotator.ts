import type { Page } from "playwright-core";
import { dragBetween } from "../../../e2e/harness/dragBetween";
import { type BevBox, nextFixDrag } from "./nextFixDrag";

/** The box the inspector shows (what a person reads there), with its track. */
export interface SelectedBox {
  trackId: string;
  box: BevBox;
}

/** Keeps a point this far inside the BEV canvas before clicking it; otherwise the view is panned. */
const EDGE_MARGIN_PX = 40;
/** The rotation handle sits this far beyond the front edge in the top view (client/panels/BoxView.tsx). */
const ROTATE_HANDLE_PX = 18;
/** At most this many drags on one box (each is planned to land exactly; more means it cannot). */
const MAX_FIX_DRAGS = 5;
const TIMEOUT_MS = 120_000;

/** The fit notice's recent texts, recorded in the page so a quick notice is not missed. */
const NOTICE_LOG = `(() => {
  if (window.__effortNotices) return;
  const log = [];
  let last = "";
  window.__effortNotices = log;
  new MutationObserver(() => {
    const text = document.querySelector("[data-testid=fit-notice]")?.textContent ?? "";
    if (text !== last) { last = text; if (text) log.push(text); }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * A person at the workspace, scripted: every key press, click and drag goes through Playwright's
 * mouse and keyboard onto the real UI and is counted as one action. What the person reads off the
 * screen — the selected box's numbers (inspector), where the ground lies in the BEV view
 * (`data-bev-view` on its canvas), the box view's scale, the frame shown — the script reads from
 * the DOM; reading costs no action.
 */
export function createBrowserAnnotator(page: Page) {
  let actions = 0;
  const byKind = new Map<string, number>();
  const count = (kind: string) => {
    actions++;
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  };
  const bevCanvas = page.locator("[data-testid=viewer-3d] canvas").first();
  const settle = () =>
    page.evaluate("new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))");

  async function frameShown(): Promise<number> {
    return Number(await page.getByTestId("frame-slider").inputValue());
  }
  const waitDrawn = (k: number) =>
    page.waitForSelector(`[data-testid=frame-status][data-drawn-frame="${k}"]`, { timeout: TIMEOUT_MS });

  async function bevMapping() {
    const rect = await bevCanvas.boundingBox();
    const attr = await bevCanvas.getAttribute("data-bev-view");
    if (!rect || !attr) throw new Error("the BEV view is not on screen (no canvas or no data-bev-view)");
    const [centerXM = 0, centerYM = 0, pxPerM = 1] = attr.split(" ").map(Number);
    // Screen up is lidar +x, screen right is lidar −y (client/viewer/BevCamera.tsx).
    const toScreen = (xM: number, yM: number) => ({
      x: rect.x + rect.width / 2 - (yM - centerYM) * pxPerM,
      y: rect.y + rect.height / 2 - (xM - centerXM) * pxPerM,
    });
    const inside = (p: { x: number; y: number }) =>
      p.x > rect.x + EDGE_MARGIN_PX &&
      p.x < rect.x + rect.width - EDGE_MARGIN_PX &&
      p.y > rect.y + EDGE_MARGIN_PX &&
      p.y < rect.y + rect.height - EDGE_MARGIN_PX;
    return { rect, toScreen, inside };
  }

  /** Pans (right drag, as a person does) until the ground point is well inside the view; its screen point. */
  async function onScreen(xM: number, yM: number) {
    for (let tries = 0; tries < 6; tries++) {
      const m = await bevMapping();
      const p = m.toScreen(xM, yM);
      if (m.inside(p)) return p;
      const cx = m.rect.x + m.rect.width / 2;
      const cy = m.rect.y + m.rect.height / 2;
      // Drag the ground under the pointer towards the centre, at most a third of the view at a time.
      const reach = Math.min(m.rect.width, m.rect.height) / 3;
      const dx = cx - p.x;
      const dy = cy - p.y;
      const k = Math.min(1, reach / Math.max(1e-9, Math.hypot(dx, dy)));
      count("BEV pan drag");
      await page.mouse.move(cx - (dx * k) / 2, cy - (dy * k) / 2);
      await page.mouse.down({ button: "right" });
      await page.mouse.move(cx + (dx * k) / 2, cy + (dy * k) / 2, { steps: 8 });
      await page.mouse.up({ button: "right" });
    }
    throw new Error(`could not bring ground point (${xM.toFixed(1)}, ${yM.toFixed(1)}) m into the BEV view`);
  }

  async function readSelected(): Promise<SelectedBox | null> {
    const track = page.getByTestId("inspector-track");
    if ((await track.count()) === 0) return null;
    const num = async (id: string) => Number(await page.getByTestId(`inspector-${id}`).inputValue());
    return {
      trackId: (await track.getAttribute("data-track")) ?? "",
      box: {
        centerM: { x: await num("x"), y: await num("y"), z: await num("z") },
        size: { lengthM: await num("length"), widthM: await num("width"), heightM: await num("height") },
        yawRad: ((await num("yaw")) * Math.PI) / 180,
      },
    };
  }

  async function press(key: string) {
    count(`key ${key}`);
    await page.keyboard.press(key);
  }

  /** Goes to frame k: a click on the slider where k lies, then the frame keys for what it missed. */
  async function goTo(k: number) {
    if ((await frameShown()) === k) return;
    const slider = await page.getByTestId("frame-slider").boundingBox();
    const max = Number(await page.getByTestId("frame-slider").getAttribute("max"));
    if (!slider) throw new Error("no frame slider on screen");
    // Chromium's range thumb is about 16 px: values span the track less half a thumb each side.
    const thumb = 16;
    count("timeline click");
    await page.mouse.click(
      slider.x + thumb / 2 + (max > 0 ? (k / max) * (slider.width - thumb) : 0),
      slider.y + slider.height / 2,
    );
    for (let step = 0; step < 20; step++) {
      const at = await frameShown();
      if (at === k) break;
      await press(at < k ? "." : ",");
    }
    await waitDrawn(k);
  }

  /** Goes to frame k with `trackId` selected: its cell in the timeline when shown, else the slider and a click on the box. */
  async function selectTrackAt(trackId: string, k: number, boxAt: { x: number; y: number }) {
    const cell = page.locator(`[data-testid=span-cell][data-track="${trackId}"][data-frame="${k}"]`);
    const cellBox = (await cell.count()) > 0 ? await cell.first().boundingBox() : null;
    const spans = await page.getByTestId("track-spans").boundingBox();
    // The middle of the cell's visible part: the last frame's cell reaches past the strip's end.
    const at = cellBox &&
      spans && {
        x: (Math.max(cellBox.x, spans.x) + Math.min(cellBox.x + cellBox.width, spans.x + spans.width)) / 2,
        y: cellBox.y + cellBox.height / 2,
      };
    // Only where the person can see that cell (a row scrolled away or covered is not clicked).
    const seen =
      at &&
      (await page.evaluate(
        ({ x, y, track, frame }) => {
          const hit = document.elementFromPoint(x, y)?.closest("[data-testid=span-cell]");
          return hit?.getAttribute("data-track") === track && hit.getAttribute("data-frame") === frame;
        },
        { x: at.x, y: at.y, track: trackId, frame: String(k) },
      ));
    if (at && seen) {
      count("timeline click");
      await page.mouse.click(at.x, at.y);
      await waitDrawn(k);
    } else {
      await goTo(k);
    }
    if ((await readSelected())?.trackId !== trackId) await clickGround(boxAt.x, boxAt.y);
    await settle();
  }

  async function clickGround(xM: number, yM: number) {
    const p = await onScreen(xM, yM);
    count("BEV click");
    await page.mouse.click(p.x, p.y);
  }

  async function dragGround(x0: number, y0: number, x1: number, y1: number) {
    await onScreen((x0 + x1) / 2, (y0 + y1) / 2);
    const m = await bevMapping();
    count("BEV drag");
    await dragBetween(page, m.toScreen(x0, y0), m.toScreen(x1, y1));
    await settle();
  }

  /** One-click creation, the create tool on (N): a click on the object; resolves when the new box is selected. */
  async function oneClick(xM: number, yM: number, before: string | null): Promise<SelectedBox> {
    await clickGround(xM, yM);
    await page.waitForFunction(
      (prior) => {
        const t = document.querySelector("[data-testid=inspector-track]")?.getAttribute("data-track");
        return Boolean(t) && t !== prior;
      },
      before,
      { timeout: TIMEOUT_MS },
    );
    const s = await readSelected();
    if (!s) throw new Error("one-click creation selected nothing");
    return s;
  }

  /** Drags in the selected box's top view until it matches `truth` (nextFixDrag plans each drag). */
  async function fix(truth: BevBox) {
    for (let i = 0; i < MAX_FIX_DRAGS; i++) {
      const s = await readSelected();
      if (!s) throw new Error("fix: nothing selected");
      const svg = page.locator("[data-testid=box-view-top] svg");
      const rect = await svg.boundingBox();
      const scale = Number(await svg.getAttribute("data-scale-px-per-m"));
      if (!rect || !(scale > 0)) throw new Error("fix: the top view of the selected box is not on screen");
      const d = nextFixDrag(s.box, truth, ROTATE_HANDLE_PX / scale);
      if (!d) return;
      // Top view: heading (u) up, left (v) to the screen's left (client/panels/BoxView.tsx).
      const screen = (p: { u: number; v: number }) => ({
        x: rect.x + rect.width / 2 - p.v * scale,
        y: rect.y + rect.height / 2 - p.u * scale,
      });
      count("fix drag");
      await dragBetween(page, screen(d.press), screen(d.to));
      await settle();
    }
  }

  async function noticeCount(): Promise<number> {
    await page.evaluate(NOTICE_LOG);
    return Number(await page.evaluate("window.__effortNotices.length"));
  }

  /** P, then waits for propagation's outcome notice. */
  async function propagate() {
    const n0 = await noticeCount();
    await press("p");
    // A function, not a string: the app's CSP forbids eval.
    await page.waitForFunction(
      (n) => {
        const log: unknown = Reflect.get(window, "__effortNotices");
        return (
          Array.isArray(log) &&
          log.slice(n).some((t) => typeof t === "string" && /^Propagat(ed|ion (failed|dropped))/.test(t))
        );
      },
      n0,
      { timeout: TIMEOUT_MS },
    );
  }

  const waitSaved = () =>
    page.waitForSelector('[data-testid=save-state][data-status="saved"]', { timeout: TIMEOUT_MS });

  return {
    press,
    goTo,
    selectTrackAt,
    clickGround,
    dragGround,
    oneClick,
    fix,
    propagate,
    readSelected,
    waitDrawn,
    waitSaved,
    frameShown,
    get actions() {
      return actions;
    },
    breakdown: () => [...byKind].map(([k, n]) => `${k} ${n}`).join(", "),
  };
}

export type BrowserAnnotator = ReturnType<typeof createBrowserAnnotator>;
