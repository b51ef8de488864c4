import { type MouseEvent, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { cuboidCorners } from "../../../core/geometry/cuboidCorners";
import { projectLidarPoint } from "../../../core/geometry/projectCamera";
import type { CameraSensor } from "../../../core/model/CameraSensor";
import type { Cuboid } from "../../../core/model/Cuboid";
import type { LoadedPoints } from "../../app/frameLoader";
import { colormapTurbo } from "../../viewer/colormapTurbo";
import type { IssueMarker } from "../../viewer/IssueMarkersLayer";
import { projectPoints } from "./projectPoints";
import { projectWireframe } from "./projectWireframe";

export const CAMERA_PANEL_WIDTH_PX = 300;
/** Width of an enlarged panel: edges readable against the image while the main view keeps most of the height. */
export const CAMERA_PANEL_ENLARGED_WIDTH_PX = 560;
/** The "box" view: the image at its own resolution (1 canvas px per image px) around the selected box. */
export const CAMERA_BOX_VIEW_PX = { w: 640, h: 400 };
type PanelSize = "strip" | "large" | "box";
const NEXT_SIZE: Record<PanelSize, PanelSize> = { strip: "large", large: "box", box: "strip" };
const SIZE_LABEL: Record<PanelSize, string> = {
  strip: "camera.larger",
  large: "camera.actualSize",
  box: "camera.smaller",
};
const SIZE_TITLE: Record<PanelSize, string> = {
  strip: "camera.largerTitle",
  large: "camera.actualSizeTitle",
  box: "camera.smallerTitle",
};

let lutCache: Uint32Array | null = null;
/** Turbo colours for depth 0..DEPTH_RANGE_M as 256 RGBA words (little-endian ABGR, as ImageData holds them). */
function depthLut(): Uint32Array {
  if (lutCache) return lutCache;
  const lut = new Uint32Array(256);
  const rgb: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 256; i++) {
    colormapTurbo(i / 255, rgb);
    lut[i] = (255 << 24) | (((rgb[2] * 255) | 0) << 16) | (((rgb[1] * 255) | 0) << 8) | ((rgb[0] * 255) | 0);
  }
  return (lutCache = lut);
}
const DEPTH_RANGE_M = 50;

/**
 * One camera: its image for this frame, the lidar points projected onto it (coloured by depth) and
 * the frame's cuboid wireframes through the full camera model. A click selects the nearest box whose
 * projection contains it. The canvas carries `data-scale` (canvas px per image px) for pixel tests.
 */
export function CameraPanel({
  camera,
  imageUrl,
  points,
  cuboids,
  selectedTrackId,
  classColors,
  markers = [],
  onSelect,
}: {
  /** Pinned review issues at this frame: a diamond where each point projects. */
  markers?: readonly IssueMarker[];
  camera: CameraSensor;
  imageUrl: string | null;
  points: LoadedPoints | null;
  cuboids: readonly Cuboid[];
  selectedTrackId: string | null;
  classColors: ReadonlyMap<string, string>;
  onSelect: (trackId: string | null) => void;
}) {
  const { t } = useTranslation();
  const [panelSize, setPanelSize] = useState<PanelSize>("strip");
  const enlarged = panelSize !== "strip";
  // "box": full resolution, the canvas a window on the image centred on the selected box's
  // projection (clamped to the image); otherwise the whole image scaled to the panel's width.
  const selected = cuboids.find((c) => c.trackId === selectedTrackId) ?? null;
  const boxCentre = useMemo(() => {
    if (panelSize !== "box" || !selected) return null;
    const px = cuboidCorners(selected)
      .map((k) => projectLidarPoint(k, camera))
      .filter((p) => p !== null);
    if (px.length === 0) return null;
    return {
      u: px.reduce((a, p) => a + p.uPx, 0) / px.length,
      v: px.reduce((a, p) => a + p.vPx, 0) / px.length,
    };
  }, [panelSize, selected, camera]);
  const oneToOne = panelSize === "box";
  const widthPx = oneToOne
    ? Math.min(CAMERA_BOX_VIEW_PX.w, camera.imageWidthPx)
    : panelSize === "large"
      ? CAMERA_PANEL_ENLARGED_WIDTH_PX
      : CAMERA_PANEL_WIDTH_PX;
  const scale = oneToOne ? 1 : widthPx / camera.imageWidthPx;
  const heightPx = oneToOne
    ? Math.min(CAMERA_BOX_VIEW_PX.h, camera.imageHeightPx)
    : Math.round(camera.imageHeightPx * scale);
  const clampTo = (v: number, max: number) => Math.max(0, Math.min(max, v));
  const offX = boxCentre ? clampTo(Math.round(boxCentre.u - widthPx / 2), camera.imageWidthPx - widthPx) : 0;
  const offY = boxCentre
    ? clampTo(Math.round(boxCentre.v - heightPx / 2), camera.imageHeightPx - heightPx)
    : 0;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [image, setImage] = useState<HTMLImageElement | null>(null);
  const [showPoints, setShowPoints] = useState(true);

  useEffect(() => {
    setImage(null);
    if (!imageUrl) return;
    const img = new Image();
    let live = true;
    img.onload = () => live && setImage(img);
    img.src = imageUrl;
    return () => {
      live = false;
    };
  }, [imageUrl]);

  const projected = useMemo(
    () => (points ? projectPoints(points.positions, points.displayCount, points.originM, camera) : null),
    [points, camera],
  );
  const wireframes = useMemo(
    () => cuboids.map((c) => ({ c, lines: projectWireframe(c, camera) })).filter((w) => w.lines.length > 0),
    [cuboids, camera],
  );

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d", { willReadFrequently: true });
    if (!ctx) return;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, widthPx, heightPx);
    if (image && oneToOne) ctx.drawImage(image, offX, offY, widthPx, heightPx, 0, 0, widthPx, heightPx);
    else if (image) ctx.drawImage(image, 0, 0, widthPx, heightPx);
    if (projected && showPoints) {
      // Straight into the pixels: ~100k fillStyle/fillRect calls cost ~100 ms; this costs a few.
      const img = ctx.getImageData(0, 0, widthPx, heightPx);
      const px = new Uint32Array(img.data.buffer);
      const lut = depthLut();
      for (let i = 0; i < projected.length; i += 3) {
        // i + 2 < length: the loop steps over whole (u, v, depth) triples.
        const x = Math.round((projected[i] ?? 0) * scale - offX);
        const y = Math.round((projected[i + 1] ?? 0) * scale - offY);
        if (x < 0 || y < 0 || x + 1 >= widthPx || y + 1 >= heightPx) continue;
        const c = lut[Math.min(255, Math.max(0, (((projected[i + 2] ?? 0) / DEPTH_RANGE_M) * 255) | 0))] ?? 0;
        const o = y * widthPx + x;
        px[o] = c;
        px[o + 1] = c;
      }
      ctx.putImageData(img, 0, 0);
    }
    for (const { c, lines } of wireframes) {
      const selected = c.trackId === selectedTrackId;
      ctx.strokeStyle = selected ? "#ffffff" : (classColors.get(c.className) ?? "#cccccc");
      ctx.lineWidth = selected ? 2 : 1.25;
      ctx.beginPath();
      for (const line of lines)
        for (const [i, [u, v]] of line.entries()) {
          if (i === 0) ctx.moveTo(u * scale - offX, v * scale - offY);
          else ctx.lineTo(u * scale - offX, v * scale - offY);
        }
      ctx.stroke();
    }
    for (const m of markers) {
      const p = projectLidarPoint(m.pointM, camera);
      if (!p || p.depthM <= 0) continue;
      const x = p.uPx * scale - offX;
      const y = p.vPx * scale - offY;
      ctx.fillStyle = m.open ? "#ff8c1a" : "#999999";
      ctx.strokeStyle = "#000000";
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(x, y - 9);
      ctx.lineTo(x + 6, y - 3);
      ctx.lineTo(x, y + 3);
      ctx.lineTo(x - 6, y - 3);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
    }
  }, [
    markers,
    camera,
    image,
    projected,
    wireframes,
    selectedTrackId,
    classColors,
    scale,
    widthPx,
    heightPx,
    showPoints,
    oneToOne,
    offX,
    offY,
  ]);

  const onClick = (e: MouseEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const u = (e.clientX - r.left + offX) / scale;
    const v = (e.clientY - r.top + offY) / scale;
    let best: { trackId: string; depth: number } | null = null;
    for (const c of cuboids) {
      const corners = cuboidCorners(c);
      const px = corners.map((k) => projectLidarPoint(k, camera)).filter((p) => p !== null);
      if (px.length < corners.length) continue; // a corner behind the camera
      const us = px.map((p) => p.uPx);
      const vs = px.map((p) => p.vPx);
      if (u < Math.min(...us) || u > Math.max(...us) || v < Math.min(...vs) || v > Math.max(...vs)) continue;
      const depth = Math.min(...px.map((p) => p.depthM));
      if (!best || depth < best.depth) best = { trackId: c.trackId, depth };
    }
    onSelect(best?.trackId ?? null);
  };

  return (
    <figure className="camera-panel" data-testid="camera-panel" data-camera={camera.name}>
      <figcaption>
        {camera.name}
        <label className="muted">
          <input type="checkbox" checked={showPoints} onChange={(e) => setShowPoints(e.target.checked)} />{" "}
          {t("camera.points")}
        </label>
        {!imageUrl && <span className="muted"> · {t("camera.noImage")}</span>}
        <button
          type="button"
          className="link-button"
          data-testid={`camera-enlarge-${camera.name}`}
          aria-pressed={enlarged}
          data-size={panelSize}
          title={t(SIZE_TITLE[panelSize])}
          onClick={(e) => {
            setPanelSize((v) => NEXT_SIZE[v]);
            e.currentTarget.blur(); // give the keys back to the shortcuts
          }}
        >
          {t(SIZE_LABEL[panelSize])}
        </button>
      </figcaption>
      <canvas
        ref={canvas}
        width={widthPx}
        height={heightPx}
        data-testid={`camera-canvas-${camera.name}`}
        data-scale={scale}
        data-offset-px={`${offX},${offY}`}
        onClick={onClick}
      />
    </figure>
  );
}
