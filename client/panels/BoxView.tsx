import { type PointerEvent as ReactPointerEvent, useEffect, useMemo, useRef } from "react";
import type { Cuboid } from "../../core/model/Cuboid";
import type { LoadedPoints } from "../app/frameLoader";
import {
  BOX_VIEW_AXES,
  type BoxViewName,
  fromBoxLocal,
  halfExtent,
  toBoxLocal,
} from "../editor/boxViews/boxViewAxes";
import type { BoxHandle, ViewPoint } from "../editor/boxViews/dragHandle";
import type { BoxViewTool } from "../editor/tools/createBoxViewTool";

const SIZE_PX = { w: 260, h: 190 };
/** Extra room around the box, so edges can be dragged outwards: 40 % plus 0.6 m. */
const MARGIN_FACTOR = 1.4;
const MARGIN_M = 0.6;
/** Points this far outside the box along the view's hidden axis still show (context). */
const SLAB_MARGIN_M = 0.3;

/** Screen mapping of view coordinates: the top view puts the heading up; the others put +z up. */
function viewToScreen(view: BoxViewName, u: number, v: number, s: number): [number, number] {
  return view === "top"
    ? [SIZE_PX.w / 2 - v * s, SIZE_PX.h / 2 - u * s]
    : [SIZE_PX.w / 2 + u * s, SIZE_PX.h / 2 - v * s];
}
function screenToView(view: BoxViewName, x: number, y: number, s: number): ViewPoint {
  const dx = x - SIZE_PX.w / 2;
  const dy = y - SIZE_PX.h / 2;
  return view === "top" ? { u: -dy / s, v: -dx / s } : { u: dx / s, v: -dy / s };
}

export const handleName = (h: BoxHandle): string =>
  h.kind === "edge"
    ? `edge-${h.axis}${h.sign > 0 ? "+" : "-"}`
    : h.kind === "corner"
      ? `corner-${h.uSign > 0 ? "+" : "-"}${h.vSign > 0 ? "+" : "-"}`
      : h.kind;

/**
 * One orthographic view of the selected box (top, side or front), zoomed to fit it. Points in the
 * box's slab are drawn on a canvas; the box, its edges, corners and (top view) rotation handle are SVG
 * elements that start drags in the BoxViewTool. While a drag runs, the framing stays on the box as it
 * was at the press, so the pointer and the box move together.
 */
export function BoxView({
  view,
  cuboid,
  tool,
  points,
  color,
}: {
  view: BoxViewName;
  cuboid: Cuboid;
  tool: BoxViewTool;
  points: LoadedPoints | null;
  color: string;
}) {
  const ref = tool.dragStart ?? cuboid;
  const axes = BOX_VIEW_AXES[view];
  const hu = halfExtent(ref, axes.u);
  const hv = halfExtent(ref, axes.v);
  const [spanX, spanY] = view === "top" ? [hv, hu] : [hu, hv];
  const scale = Math.min(
    SIZE_PX.w / 2 / (spanX * MARGIN_FACTOR + MARGIN_M),
    SIZE_PX.h / 2 / (spanY * MARGIN_FACTOR + MARGIN_M),
  );
  const canvas = useRef<HTMLCanvasElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const hidden = (["x", "y", "z"] as const).find((a) => a !== axes.u && a !== axes.v)!;

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
    return viewToScreen(view, p.u, p.v, scale);
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
      const dx = positions[3 * i]! + ox;
      const dy = positions[3 * i + 1]! + oy;
      if (dx > reach || dx < -reach || dy > reach || dy < -reach) continue;
      l.x = dx * cos + dy * sin;
      l.y = -dx * sin + dy * cos;
      l.z = positions[3 * i + 2]! + oz;
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
    ctx.fillRect(0, 0, SIZE_PX.w, SIZE_PX.h);
    if (!localPoints) return;
    for (let i = 0; i < localPoints.inside.length; i++) {
      const [x, y] = viewToScreen(view, localPoints.uv[2 * i]!, localPoints.uv[2 * i + 1]!, scale);
      ctx.fillStyle = localPoints.inside[i] ? "#ffe066" : "#7d8896";
      ctx.fillRect(x - 1, y - 1, 2, 2);
    }
  }, [localPoints, view, scale]);

  const toView = (e: { clientX: number; clientY: number }): ViewPoint => {
    const r = svg.current!.getBoundingClientRect();
    return screenToView(view, e.clientX - r.left, e.clientY - r.top, scale);
  };
  const start = (h: BoxHandle) => (e: ReactPointerEvent) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    svg.current!.setPointerCapture(e.pointerId);
    tool.pointerDown(view, h, toView(e));
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
  const front = view !== "front" ? [at(1, 0), at(1 + 0.25, 0)] : null;

  return (
    <div className="box-view" data-testid={`box-view-${view}`}>
      <span className="box-view-label">{view}</span>
      <canvas ref={canvas} width={SIZE_PX.w} height={SIZE_PX.h} />
      <svg
        ref={svg}
        width={SIZE_PX.w}
        height={SIZE_PX.h}
        data-scale-px-per-m={scale}
        onPointerMove={(e) => tool.state === "dragging" && tool.pointerMove(toView(e))}
        onPointerUp={() => tool.pointerUp()}
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
            x1={front[0]![0]}
            y1={front[0]![1]}
            x2={front[1]![0]}
            y2={front[1]![1]}
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
