import { useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { BufferAttribute, BufferGeometry, type Points } from "three";
import type { LoadedPoints } from "../app/frameLoader";
import type { ColorMode } from "../editor/EditorState";
import type { Cuboid } from "../../core/model/Cuboid";
import { fillPointBuffers } from "./fillPointBuffers";

export interface PointsLayerProps {
  frame: LoadedPoints | null;
  colorMode: ColorMode;
  pointSizePx: number;
  cuboids: readonly Cuboid[];
  classColors: ReadonlyMap<string, [number, number, number]>;
  focus: Cuboid | null;
  /** Called after the GPU buffers hold this frame, with the number of points drawn. */
  onDrawn?: (drawnCount: number, frame: LoadedPoints) => void;
}

/**
 * The frame's points. GPU buffers are allocated once and grown by doubling (STYLE.md §9); they are
 * refilled only when the frame, colour mode, focus or — for label colours — the cuboids change.
 */
export function PointsLayer({
  frame,
  colorMode,
  pointSizePx,
  cuboids,
  classColors,
  focus,
  onDrawn,
}: PointsLayerProps) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => new BufferGeometry(), []);
  const capacity = useRef(0);
  const points = useRef<Points>(null);
  const labelCuboids = colorMode === "label" ? cuboids : null;

  useEffect(() => {
    if (!frame) {
      geometry.setDrawRange(0, 0);
      invalidate();
      return;
    }
    const need = frame.displayCount;
    if (need > capacity.current) {
      let cap = Math.max(1024, capacity.current);
      while (cap < need) cap *= 2;
      geometry.setAttribute("position", new BufferAttribute(new Float32Array(cap * 3), 3));
      geometry.setAttribute("color", new BufferAttribute(new Float32Array(cap * 3), 3));
      capacity.current = cap;
    }
    const pos = geometry.getAttribute("position") as BufferAttribute;
    const col = geometry.getAttribute("color") as BufferAttribute;
    const n = fillPointBuffers(
      {
        positions: frame.positions,
        intensity: frame.intensity,
        count: frame.displayCount,
        originM: frame.originM,
        colorMode,
        cuboids: labelCuboids ?? [],
        classColors,
        focus,
      },
      pos.array as Float32Array,
      col.array as Float32Array,
    );
    pos.clearUpdateRanges();
    pos.addUpdateRange(0, n * 3);
    pos.needsUpdate = true;
    col.clearUpdateRanges();
    col.addUpdateRange(0, n * 3);
    col.needsUpdate = true;
    geometry.setDrawRange(0, n);
    invalidate();
    // Report once the frame is on screen: the render invalidate() asked for happens before the next rAF.
    const raf = requestAnimationFrame(() => requestAnimationFrame(() => onDrawn?.(n, frame)));
    return () => cancelAnimationFrame(raf);
  }, [frame, colorMode, labelCuboids, classColors, focus, geometry, invalidate, onDrawn]);

  useEffect(() => () => geometry.dispose(), [geometry]);

  return (
    <points ref={points} geometry={geometry} frustumCulled={false}>
      <pointsMaterial vertexColors size={pointSizePx} sizeAttenuation={false} />
    </points>
  );
}
