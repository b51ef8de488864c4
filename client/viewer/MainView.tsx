import { OrbitControls } from "@react-three/drei";
import { Canvas } from "@react-three/fiber";
import { type PointerEvent as ReactPointerEvent, useEffect, useMemo, useRef } from "react";
import type { Cuboid } from "../../core/model/Cuboid";
import type { LoadedPoints } from "../app/frameLoader";
import { useEditorState } from "../app/useEditorState";
import type { Editor } from "../editor/createEditor";
import { cuboidsInFrame, isPendingPrediction, selectedCuboid } from "../editor/selectors";
import type { ToolMachine } from "../editor/tools/createToolMachine";
import { BevCamera, createBevView } from "./BevCamera";
import { centerToKeepInView } from "./centerToKeepInView";
import { CuboidsLayer } from "./CuboidsLayer";
import { GroundGrid } from "./GroundGrid";
import { type IssueMarker, IssueMarkersLayer } from "./IssueMarkersLayer";
import { PointsLayer } from "./PointsLayer";

export interface MainViewProps {
  editor: Editor;
  tools: ToolMachine;
  frame: LoadedPoints | null;
  classColors: ReadonlyMap<string, [number, number, number]>;
  /** The frame whose points are on screen: its boxes are drawn with them, so a frame step renders once, when the points arrive. */
  frameIndexShown: number;
  onDrawn: (drawnCount: number, frame: LoadedPoints) => void;
  /** Earlier versions of changed boxes (review's ghosts), all frames; those of the frame shown are drawn. */
  ghosts?: readonly Cuboid[];
  /** Pinned review issues, all frames. */
  issueMarkers?: ReadonlyArray<IssueMarker & { frameIndex: number }>;
}

/** Linear RGB: pure magenta, a colour no class uses, for the earlier version of a box. */
const GHOST_RGB = [1, 0, 1] as const;
/** Review frames each box at least this close (px per metre) so its edges can be judged. */
const REVIEW_PX_PER_M = 24;

/**
 * The main lidar view: BEV (orthographic, top-down, the editing view) or perspective (orbit).
 * In BEV the primary button drives the tools; the other buttons, or a primary drag on empty ground
 * with the select tool, pan; the wheel zooms about the cursor.
 */
const isBevMode = (editor: Editor) => editor.store.get().view.mainView === "bev";

export function MainView({
  editor,
  tools,
  frame,
  frameIndexShown,
  classColors,
  onDrawn,
  ghosts = [],
  issueMarkers = [],
}: MainViewProps) {
  const view = useEditorState(editor, (s) => s.view);
  const cuboids = useEditorState(editor, (s) =>
    cuboidsInFrame(s, frameIndexShown < 0 ? s.frameIndex : frameIndexShown),
  );
  const selectedTrackId = useEditorState(editor, (s) => s.selectedTrackId);
  const focus = useEditorState(editor, (s) => (s.view.focusMode ? selectedCuboid(s) : null));
  const tool = useEditorState(editor, (s) => s.tool);
  const shownFrame = useEditorState(editor, (s) => (frameIndexShown < 0 ? s.frameIndex : frameIndexShown));
  const frameGhosts = useMemo(() => ghosts.filter((g) => g.frameIndex === shownFrame), [ghosts, shownFrame]);
  const frameMarkers = useMemo(
    () => issueMarkers.filter((m) => m.frameIndex === shownFrame),
    [issueMarkers, shownFrame],
  );
  const bev = useMemo(createBevView, []);
  const container = useRef<HTMLDivElement>(null);

  // A box selected off screen (Tab, timeline, camera panel) is brought into the BEV; one the annotator
  // can already see never moves the view. A box being judged (reviewer mode, or a pending prediction
  // walked with J) is framed: centred and close enough to judge its edges (at the default zoom a
  // predicted walker 40 m off was 4 px across).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the selection and the frame shown are the triggers; the effect reads the store itself.
  useEffect(() => {
    if (!isBevMode(editor)) return;
    const c = selectedCuboid(editor.store.get());
    const el = container.current;
    if (!c || !el || !bev.apply) return;
    if (editor.review?.store.get().reviewing || isPendingPrediction(c)) {
      bev.centerXM = c.centerM.x;
      bev.centerYM = c.centerM.y;
      bev.pxPerM = Math.max(bev.pxPerM, REVIEW_PX_PER_M);
      bev.apply();
      return;
    }
    const next = centerToKeepInView(bev, { width: el.clientWidth, height: el.clientHeight }, c.centerM);
    if (!next) return;
    bev.centerXM = next.centerXM;
    bev.centerYM = next.centerYM;
    bev.apply();
  }, [selectedTrackId, frameIndexShown, editor, bev]);
  const pan = useRef<{ x: number; y: number } | null>(null);
  const isBev = view.mainView === "bev";

  useEffect(() => {
    const el = container.current;
    if (!el || !isBev) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (!bev.toGround) return;
      const before = bev.toGround(e.clientX, e.clientY);
      bev.pxPerM = Math.min(400, Math.max(0.5, bev.pxPerM * Math.exp(-e.deltaY * 0.0015)));
      bev.apply?.();
      const after = bev.toGround(e.clientX, e.clientY);
      bev.centerXM += before.xM - after.xM;
      bev.centerYM += before.yM - after.yM;
      bev.apply?.();
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [bev, isBev]);

  type ToGround = NonNullable<typeof bev.toGround>;
  const groundEvent = (toGround: ToGround, e: ReactPointerEvent) => {
    const g = toGround(e.clientX, e.clientY);
    return { xM: g.xM, yM: g.yM, button: e.button, shiftKey: e.shiftKey, altKey: e.altKey };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.currentTarget.dataset.toolState = `${tools.state}${bev.toGround ? "" : " (no ground mapping)"}`;
    const toGround = bev.toGround;
    if (!isBev || !toGround) return;
    const review = editor.review;
    const pin = review?.store.get().pinDraft;
    if (review && pin && !pin.anchor && e.button === 0) {
      // A point pin: the clicked ground spot, on the lowest points there (the ground) when loaded.
      const g = toGround(e.clientX, e.clientY);
      const square = [
        [-0.5, -0.5],
        [-0.5, 0.5],
        [0.5, 0.5],
        [0.5, -0.5],
      ].map(([dx = 0, dy = 0]) => ({ x: g.xM + dx, y: g.yM + dy }));
      const stats = editor.pointStats?.(square);
      review.pinAtPoint({ x: g.xM, y: g.yM, z: stats && stats.count > 0 ? stats.minZM : 0 });
      return;
    }
    e.currentTarget.setPointerCapture(e.pointerId);
    if (e.button === 0) {
      tools.pointerDown(groundEvent(toGround, e));
      if (tools.state !== "select.idle") return;
    }
    pan.current = { x: e.clientX, y: e.clientY };
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const toGround = bev.toGround;
    if (!isBev || !toGround) return;
    if (pan.current) {
      // Screen right is lidar −y, screen down is lidar −x.
      bev.centerYM += (e.clientX - pan.current.x) / bev.pxPerM;
      bev.centerXM += (e.clientY - pan.current.y) / bev.pxPerM;
      pan.current = { x: e.clientX, y: e.clientY };
      bev.apply?.();
      return;
    }
    tools.pointerMove(groundEvent(toGround, e));
  };
  const onPointerUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const toGround = bev.toGround;
    if (!isBev || !toGround) return;
    if (pan.current) pan.current = null;
    else tools.pointerUp(groundEvent(toGround, e));
  };

  // The browser took the pointer away (a touch turned into a scroll, a system gesture): the running
  // interaction is rolled back, never left for the next press to stumble on.
  const onPointerCancel = () => {
    pan.current = null;
    if (!tools.state.endsWith(".idle")) tools.cancel();
  };

  return (
    <div
      ref={container}
      className={`main-view tool-${tool}`}
      data-testid="viewer-3d"
      data-view-mode={view.mainView}
      data-issue-markers={frameMarkers.length}
      data-ghosts={frameGhosts.length}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerCancel}
      onContextMenu={(e) => e.preventDefault()}
    >
      <Canvas
        key={view.mainView}
        frameloop="demand"
        dpr={1}
        gl={{ antialias: false }}
        camera={isBev ? undefined : { position: [-18, 0, 14], up: [0, 0, 1], fov: 60, near: 0.1, far: 2000 }}
        onCreated={({ gl }) => gl.setClearColor("#0b0e13")}
      >
        {isBev ? <BevCamera view={bev} /> : <OrbitControls makeDefault target={[8, 0, 0]} />}
        {view.showGrid && <GroundGrid />}
        <PointsLayer
          frame={frame}
          colorMode={view.colorMode}
          pointSizePx={view.pointSizePx}
          cuboids={cuboids}
          classColors={classColors}
          focus={focus}
          onDrawn={onDrawn}
        />
        <CuboidsLayer cuboids={cuboids} selectedTrackId={selectedTrackId} classColors={classColors} />
        {frameGhosts.length > 0 && (
          <CuboidsLayer
            cuboids={frameGhosts}
            selectedTrackId={null}
            classColors={classColors}
            color={GHOST_RGB}
          />
        )}
        {frameMarkers.length > 0 && <IssueMarkersLayer markers={frameMarkers} />}
      </Canvas>
    </div>
  );
}
