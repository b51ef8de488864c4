import { useEffect, useMemo } from "react";
import { BufferGeometry, Float32BufferAttribute } from "three";
import { CUBOID_EDGES, cuboidCorners } from "../../core/geometry/cuboidCorners";
import type { Cuboid } from "../../core/model/Cuboid";
import { useThree } from "@react-three/fiber";

/**
 * Wireframes of the frame's cuboids with a heading marker (an arrow on the top face pointing along +x
 * of the box). One geometry for all boxes, rebuilt when the cuboids or the selection change.
 */
export function CuboidsLayer({
  cuboids,
  selectedTrackId,
  classColors,
  color,
}: {
  cuboids: readonly Cuboid[];
  selectedTrackId: string | null;
  classColors: ReadonlyMap<string, [number, number, number]>;
  /** One colour for every box (the ghosts of earlier versions), instead of class and selection colours. */
  color?: readonly [number, number, number];
}) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const pos: number[] = [];
    const col: number[] = [];
    for (const c of cuboids) {
      const selected = c.trackId === selectedTrackId;
      const rgb: readonly [number, number, number] =
        color ?? (selected ? [1, 1, 1] : (classColors.get(c.className) ?? [0.8, 0.8, 0.8]));
      const k = cuboidCorners(c);
      const push = (a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }) => {
        pos.push(a.x, a.y, a.z, b.x, b.y, b.z);
        col.push(...rgb, ...rgb);
      };
      for (const [i, j] of CUBOID_EDGES) {
        const a = k[i];
        const b = k[j];
        if (a && b) push(a, b);
      }
      for (const h of headingMarker(c)) push(h[0], h[1]);
    }
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(pos, 3));
    g.setAttribute("color", new Float32BufferAttribute(col, 3));
    return g;
  }, [cuboids, selectedTrackId, classColors, color]);
  useEffect(() => {
    invalidate();
    return () => geometry.dispose();
  }, [geometry, invalidate]);
  return (
    <lineSegments geometry={geometry} frustumCulled={false}>
      <lineBasicMaterial vertexColors />
    </lineSegments>
  );
}

type P = { x: number; y: number; z: number };

/** An arrow on the top face from the centre to just past the front edge: 3 segments. */
export function headingMarker(c: Cuboid): Array<[P, P]> {
  const cos = Math.cos(c.yawRad);
  const sin = Math.sin(c.yawRad);
  const z = c.centerM.z + c.size.heightM / 2;
  const at = (u: number, v: number): P => ({
    x: c.centerM.x + u * cos - v * sin,
    y: c.centerM.y + u * sin + v * cos,
    z,
  });
  const tipU = c.size.lengthM / 2 + Math.min(1, c.size.lengthM * 0.25);
  const barb = Math.min(0.5, c.size.widthM * 0.3);
  const tip = at(tipU, 0);
  return [
    [at(0, 0), tip],
    [tip, at(tipU - barb, barb)],
    [tip, at(tipU - barb, -barb)],
  ];
}
