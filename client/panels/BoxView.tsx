import {
  type PointerEvent as ReactPointerEvent,
  useEffect,
  useMemo,
  useRef,
  useState,
  type WheelEvent as ReactWheelEvent,
} from "react";
import type { Cuboid } from "../../core/model/Cuboid";
import { t } from "../i18n/i18n";
import type { LoadedPoints } from "../app/frameLoader";
import {
  BOX_VIEW_AXES,
  type BoxViewName,
  fromBoxLocal,
  halfExtent,
  toBoxLocal,
} from "../editor/boxViews/boxViewAxes";
import type { BoxHandle, ViewPoint } from "../editor/boxViews/dragHandle";
import type { ToolMachine } from "../editor/tools/createToolMachine";

/** The views' size in the side panel, and enlarged. */
export const BOX_VIEW_PX = { normal: { w: 260, h: 190 }, large: { w: 560, h: 400 } } as const;
export type BoxViewSize = { w: number; h: number };
/** Wheel zoom limits (× the fitted framing) and step per notch. */
const MAX_ZOOM = 24;
const ZOOM_STEP = 1.25;
/** Extra room around the box, so edges can be dragged outwards: 40 % plus 0.6 m. */
const MARGIN_FACTOR = 1.4;
const MARGIN_M = 0.6;
/** Points this far outside the box along the view's hidden axis still show (context). */
const SLAB_MARGIN_M = 0.3;

/** Where the view is looking: zoom over the fitted framing and the view point at the centre. */
interface Framing {
  size: BoxViewSize;
  s: number;
  pan: ViewPoint;
}

/** Screen mapping of view coordinates: the top view puts the heading up; the others put +z up. */
function viewToScreen(view: BoxViewName, u: number, v: number, f: Framing): [number, number] {
  const du = u - f.pan.u;
  const dv = v - f.pan.v;
  return view === "top"
    ? [f.size.w / 2 - dv * f.s, f.size.h / 2 - du * f.s]
    : [f.size.w / 2 + du * f.s, f.size.h / 2 - dv * f.s];
}
function screenToView(view: BoxViewName, x: number, y: number, f: Framing): ViewPoint {
  const dx = x - f.size.w / 2;
  const dy = y - f.size.h / 2;
  return view === "top"
    ? { u: f.pan.u - dy / f.s, v: f.pan.v - dx / f.s }
    : { u: f.pan.u + dx / f.s, v: f.pan.v - dy / f.s };
}

/** The box axis a view looks along (its points are cut to the box's slab on it). */
const hiddenAxis = (axes: { u: "x" | "y" | "z"; v: "x" | "y" | "z" }): "x" | "y" | "z" =>
  axes.u !== "z" && axes.v !== "z" ? "z" : axes.u !== "y" && axes.v !== "y" ? "y" : "x";

export const handleName = (h: BoxHandle): string =>
  h.kind === "edge"
    ? `edge-${h.axis}${h.sign > 0 ? "+" : "-"}`
    : h.kind === "corner"
      ? `corner-${h.uSign > 0 ? "+" : "-"}${h.vSign > 0 ? "+" : "-"}`
      : h.kind;

/**
 * One orthographic view of the selected box (top, side or front), zoomed to fit it; the wheel
 * zooms about the pointer (up to 24×, to set an edge to the centimetre), a double click frames the
 * box again, and a new selection starts framed. Points in the box's slab are drawn on a canvas; the box, its edges, corners and (top view) rotation handle are SVG
 * elements that start drags in the tool machine. While a drag runs, the framing stays on the box as it
 * was at the press, so the pointer and the box move together.
 */
const VIEW_LABEL: Record<BoxViewName, () => string> = {
  top: () => t("boxViews.top"),
  side: () => t("boxViews.side"),
  front: () => t("boxViews.front"),
};

export function BoxView({
  view,
  cuboid,
  tool,
  dragStart,
  points,
  color,
  size = BOX_VIEW_PX.normal,
}: {
  view: BoxViewName;
  cuboid: Cuboid;
  tool: ToolMachine;
  /** The box the running drag started from (the machine's `boxViewDragStart`), else null. */
  dragStart: Cuboid | null;
  points: LoadedPoints | null;
  color: string;
  size?: BoxViewSize;
}) {
  const [zoom, setZoom] = useState({ factor: 1, pan: { u: 0, v: 0 } as ViewPoint, id: cuboid.id });
  const current = zoom.id === cuboid.id ? zoom : { factor: 1, pan: { u: 0, v: 0 }, id: cuboid.id };
  const ref = dragStart ?? cuboid;
  const axes = BOX_VIEW_AXES[view];
  const hu = halfExtent(ref, axes.u);
  const hv = halfExtent(ref, axes.v);
  const [spanX, spanY] = view === "top" ? [hv, hu] : [hu, hv];
  const fitted = Math.min(
    size.w / 2 / (spanX * MARGIN_FACTOR + MARGIN_M),
    size.h / 2 / (spanY * MARGIN_FACTOR + MARGIN_M),
  );
  const scale = fitted * current.factor;
  const framing: Framing = { size, s: scale, pan: current.pan };
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const hidden = hiddenAxis(axes);

  // The current box in the reference box's view coordinates.
  const uvOf = (l: { x: number; y: number; z: number }) => {
    const p = toBoxLocal(ref, fromBoxLocal(cuboid, l));
    return { u: p[axes.u], v: p[axes.v] };
  };
  const cu = halfExtent(cuboid, axes.u);
  const cv = halfExtent(cuboid, axes.v);
  const at = (su: number, sv: number) => {
    const l = { x: 0, y: 0, z: 0 };
    l[axes.u] = su * cu;
    l[axes.v] = sv * cv;
    const p = uvOf(l);
    return viewToScreen(view, p.u, p.v, framing);
  };

  const localPoints = useMemo(() => {
    if (!points) return null;
    const out: number[] = [];
    const inside: boolean[] = [];
    const hh = halfExtent(ref, hidden) + SLAB_MARGIN_M;
    const rangeU = hu * MARGIN_FACTOR + MARGIN_M + 1;
    const rangeV = hv * MARGIN_FACTOR + MARGIN_M + 1;
    const { positions, originM, displayCount } = points;
    // Inlined toBoxLocal: this loop sees every displayed point (up to 1.5 M) on each box change.
    const cos = Math.cos(ref.yawRad);
    const sin = Math.sin(ref.yawRad);
    const ox = originM.x - ref.centerM.x;
    const oy = originM.y - ref.centerM.y;
    const oz = originM.z - ref.centerM.z;
    const l = { x: 0, y: 0, z: 0 };
    const reach = Math.max(hh, rangeU, rangeV) * 1.5;
    for (let i = 0; i < displayCount; i++) {
      const dx = (positions[3 * i] ?? 0) + ox;
      const dy = (positions[3 * i + 1] ?? 0) + oy;
      if (dx > reach || dx < -reach || dy > reach || dy < -reach) continue;
      l.x = dx * cos + dy * sin;
      l.y = -dx * sin + dy * cos;
      l.z = (positions[3 * i + 2] ?? 0) + oz;
      if (Math.abs(l[hidden]) > hh || Math.abs(l[axes.u]) > rangeU || Math.abs(l[axes.v]) > rangeV) continue;
      out.push(l[axes.u], l[axes.v]);
      inside.push(
        Math.abs(l[hidden]) <= hh - SLAB_MARGIN_M && Math.abs(l[axes.u]) <= hu && Math.abs(l[axes.v]) <= hv,
      );
    }
    return { uv: out, inside };
  }, [points, ref, hidden, axes, hu, hv]);

  useEffect(() => {
    const ctx = canvas.current?.getContext("2d");
    if (!ctx) return;
    ctx.fillStyle = "#0b0e13";
    ctx.fillRect(0, 0, size.w, size.h);
    if (!localPoints) return;
    const f: Framing = { size, s: scale, pan: current.pan };
    const dot = current.factor >= 4 ? 3 : 2;
    for (let i = 0; i < localPoints.inside.length; i++) {
      const [x, y] = viewToScreen(view, localPoints.uv[2 * i] ?? 0, localPoints.uv[2 * i + 1] ?? 0, f);
      ctx.fillStyle = localPoints.inside[i] ? "#ffe066" : "#7d8896";
      ctx.fillRect(x - dot / 2, y - dot / 2, dot, dot);
    }
  }, [localPoints, view, scale, size, current.pan, current.factor]);

  // The wheel zooms here; the side panel must not scroll as well (React's wheel listener is passive).
  useEffect(() => {
    const el = svg.current;
    const stop = (e: WheelEvent) => e.preventDefault();
    el?.addEventListener("wheel", stop, { passive: false });
    return () => el?.removeEventListener("wheel", stop);
  }, []);
  /** The view point under the pointer; null while the view is not mounted. */
  const toView = (e: { clientX: number; clientY: number }): ViewPoint | null => {
    const r = svg.current?.getBoundingClientRect();
    if (!r) return null;
    return screenToView(view, e.clientX - r.left, e.clientY - r.top, framing);
  };
  // Zoom about the pointer: the view point under it stays under it.
  const onWheel = (e: ReactWheelEvent) => {
    if (dragStart) return;
    const at = toView(e);
    if (!at) return;
    const factor = Math.max(
      1,
      Math.min(MAX_ZOOM, current.factor * (e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP)),
    );
    const k = current.factor / factor;
    setZoom({
      id: cuboid.id,
      factor,
      pan:
        factor === 1
          ? { u: 0, v: 0 }
          : { u: at.u - (at.u - current.pan.u) * k, v: at.v - (at.v - current.pan.v) * k },
    });
  };
  const start = (h: BoxHandle) => (e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    // No text selection and no native drag from a press on a handle.
    e.preventDefault();
    const p = toView(e);
    if (!p) return;
    svg.current?.setPointerCapture(e.pointerId);
    tool.boxViewDown(view, h, p);
  };

  const corners = [at(1, 1), at(1, -1), at(-1, -1), at(-1, 1)];
  const edges: Array<{ h: BoxHandle; a: [number, number]; b: [number, number] }> = [
    { h: { kind: "edge", axis: "u", sign: 1 }, a: at(1, -1), b: at(1, 1) },
    { h: { kind: "edge", axis: "u", sign: -1 }, a: at(-1, -1), b: at(-1, 1) },
    { h: { kind: "edge", axis: "v", sign: 1 }, a: at(-1, 1), b: at(1, 1) },
    { h: { kind: "edge", axis: "v", sign: -1 }, a: at(-1, -1), b: at(1, -1) },
  ];
  const cornerHandles: Array<{ h: BoxHandle; p: [number, number] }> = [
    { h: { kind: "corner", uSign: 1, vSign: 1 }, p: at(1, 1) },
    { h: { kind: "corner", uSign: 1, vSign: -1 }, p: at(1, -1) },
    { h: { kind: "corner", uSign: -1, vSign: -1 }, p: at(-1, -1) },
    { h: { kind: "corner", uSign: -1, vSign: 1 }, p: at(-1, 1) },
  ];
  // The rotation handle sits 18 px beyond the middle of the front edge (top view only).
  const rot = (() => {
    if (view !== "top") return null;
    const [fx, fy] = at(1, 0);
    const [cx, cy] = at(0, 0);
    const d = Math.hypot(fx - cx, fy - cy) || 1;
    return [fx + ((fx - cx) / d) * 18, fy + ((fy - cy) / d) * 18] as const;
  })();
  const front: [[number, number], [number, number]] | null =
    view !== "front" ? [at(1, 0), at(1 + 0.25, 0)] : null;

  return (
    <div className="box-view" data-testid={`box-view-${view}`} style={{ width: size.w, height: size.h }}>
      <span className="box-view-label">
        {VIEW_LABEL[view]()}
        {current.factor > 1 ? ` ×${current.factor.toFixed(1)}` : ""}
      </span>
      <canvas ref={canvas} width={size.w} height={size.h} />
      <svg
        ref={svg}
        width={size.w}
        height={size.h}
        data-scale-px-per-m={scale}
        onWheel={onWheel}
        onDoubleClick={() => setZoom({ id: cuboid.id, factor: 1, pan: { u: 0, v: 0 } })}
        onPointerMove={(e) => {
          const p = tool.state === "boxView.dragging" ? toView(e) : null;
          if (p) tool.boxViewMove(p);
        }}
        onPointerUp={() => tool.boxViewUp()}
        // The browser took the pointer away (a touch turned into a scroll, a system gesture): the
        // drag is rolled back, never left running for the next press to stumble on.
        onPointerCancel={() => tool.state === "boxView.dragging" && tool.cancel()}
        onLostPointerCapture={() => tool.state === "boxView.dragging" && tool.cancel()}
      >
        <polygon
          points={corners.map((c) => c.join(",")).join(" ")}
          fill={`${color}22`}
          stroke="none"
          data-handle="body"
          className="handle-body"
          onPointerDown={start({ kind: "body" })}
        />
        {edges.map(({ h, a, b }) => (
          <g
            key={handleName(h)}
            className={`handle-edge handle-${h.kind === "edge" ? h.axis : ""}`}
            data-handle={handleName(h)}
            onPointerDown={start(h)}
          >
            <line x1={a[0]} y1={a[1]} x2={b[0]} y2={b[1]} stroke="transparent" strokeWidth={10} />
            <line
              x1={a[0]}
              y1={a[1]}
              x2={b[0]}
              y2={b[1]}
              stroke={color}
              strokeWidth={1.5}
              pointerEvents="none"
            />
          </g>
        ))}
        {front && (
          <line
            x1={front[0][0]}
            y1={front[0][1]}
            x2={front[1][0]}
            y2={front[1][1]}
            stroke={color}
            strokeWidth={2}
            pointerEvents="none"
          />
        )}
        {cornerHandles.map(({ h, p }) => (
          <rect
            key={handleName(h)}
            x={p[0] - 4}
            y={p[1] - 4}
            width={8}
            height={8}
            fill="#0b0e13"
            stroke={color}
            className="handle-corner"
            data-handle={handleName(h)}
            onPointerDown={start(h)}
          />
        ))}
        {rot && (
          <circle
            cx={rot[0]}
            cy={rot[1]}
            r={6}
            fill={color}
            className="handle-rotate"
            data-handle="rotate"
            onPointerDown={start({ kind: "rotate" })}
          />
        )}
      </svg>
    </div>
  );
}
