import { useMemo } from "react";
import { BufferGeometry, Float32BufferAttribute } from "three";

const RING_STEP_M = 10;
const RING_COUNT = 8;
const GRID_HALF_M = 80;
const GRID_STEP_M = 10;

/** A 10 m ground grid and range rings every 10 m around the lidar, at the ground height. */
export function GroundGrid({ groundZM = -1.8 }: { groundZM?: number }) {
  const [grid, rings] = useMemo(() => {
    const g: number[] = [];
    for (let v = -GRID_HALF_M; v <= GRID_HALF_M; v += GRID_STEP_M) {
      g.push(v, -GRID_HALF_M, 0, v, GRID_HALF_M, 0, -GRID_HALF_M, v, 0, GRID_HALF_M, v, 0);
    }
    const r: number[] = [];
    const seg = 128;
    for (let k = 1; k <= RING_COUNT; k++) {
      const rad = k * RING_STEP_M;
      for (let i = 0; i < seg; i++) {
        const a0 = (i / seg) * Math.PI * 2;
        const a1 = ((i + 1) / seg) * Math.PI * 2;
        r.push(rad * Math.cos(a0), rad * Math.sin(a0), 0, rad * Math.cos(a1), rad * Math.sin(a1), 0);
      }
    }
    const gg = new BufferGeometry();
    gg.setAttribute("position", new Float32BufferAttribute(g, 3));
    const rg = new BufferGeometry();
    rg.setAttribute("position", new Float32BufferAttribute(r, 3));
    return [gg, rg];
  }, []);
  return (
    <group position={[0, 0, groundZM]}>
      <lineSegments geometry={grid}>
        <lineBasicMaterial color="#1d2430" />
      </lineSegments>
      <lineSegments geometry={rings}>
        <lineBasicMaterial color="#2c3646" />
      </lineSegments>
    </group>
  );
}
