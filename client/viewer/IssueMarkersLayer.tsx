import { useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import { BufferGeometry, Float32BufferAttribute } from "three";

export interface IssueMarker {
  id: string;
  pointM: { x: number; y: number; z: number };
  open: boolean;
}

const STEM_M = 1.5;
const HALF_M = 0.9;
/** Linear RGB (three converts to sRGB on output): a bright orange no class or point colour uses. */
const OPEN_RGB = [1, 0.25, 0] as const;
const SETTLED_RGB = [0.35, 0.35, 0.35] as const;

/**
 * Pinned review issues at the frame shown: a stem up from the pinned point and a diamond on top, in
 * the ground plane so the top-down view shows it too. Open issues orange, settled ones grey.
 */
export function IssueMarkersLayer({ markers }: { markers: readonly IssueMarker[] }) {
  const invalidate = useThree((s) => s.invalidate);
  const geometry = useMemo(() => {
    const pos: number[] = [];
    const col: number[] = [];
    for (const m of markers) {
      const rgb = m.open ? OPEN_RGB : SETTLED_RGB;
      const { x, y, z } = m.pointM;
      const top = z + STEM_M;
      const d = [
        [x + HALF_M, y],
        [x, y + HALF_M],
        [x - HALF_M, y],
        [x, y - HALF_M],
      ] as const;
      const seg = (a: number[], b: number[]) => {
        pos.push(...a, ...b);
        col.push(...rgb, ...rgb);
      };
      seg([x, y, z], [x, y, top]);
      for (const [a, b] of [
        [d[0], d[1]],
        [d[1], d[2]],
        [d[2], d[3]],
        [d[3], d[0]],
      ] as const)
        seg([a[0], a[1], top], [b[0], b[1], top]);
      seg([d[0][0], d[0][1], top], [d[2][0], d[2][1], top]);
      seg([d[1][0], d[1][1], top], [d[3][0], d[3][1], top]);
    }
    const g = new BufferGeometry();
    g.setAttribute("position", new Float32BufferAttribute(pos, 3));
    g.setAttribute("color", new Float32BufferAttribute(col, 3));
    return g;
  }, [markers]);
  useEffect(() => {
    invalidate();
    return () => geometry.dispose();
  }, [geometry, invalidate]);
  return (
    <>
      <lineSegments geometry={geometry} frustumCulled={false}>
        <lineBasicMaterial vertexColors />
      </lineSegments>
      {markers.map((m) => (
        <mesh key={m.id} position={[m.pointM.x, m.pointM.y, m.pointM.z + STEM_M]}>
          <sphereGeometry args={[HALF_M * 0.6, 12, 8]} />
          <meshBasicMaterial color={m.open ? [...OPEN_RGB] : [...SETTLED_RGB]} />
        </mesh>
      ))}
    </>
  );
}
