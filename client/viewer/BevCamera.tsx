import { OrthographicCamera } from "@react-three/drei";
import { useThree } from "@react-three/fiber";
import { useLayoutEffect, useRef } from "react";
import { type OrthographicCamera as OrthoCam, Vector3 } from "three";

/**
 * The BEV view's camera state, owned by the view and mutated in place by pan/zoom (never React
 * state: STYLE.md §8). Screen up is lidar +x (forward), screen right is lidar −y.
 */
export interface BevView {
  centerXM: number;
  centerYM: number;
  pxPerM: number;
  /** Set by <BevCamera>: re-applies the fields above to the camera and requests a render. */
  apply: (() => void) | null;
  /** Set by <BevCamera>: client pixel → lidar ground (x,y). */
  toGround: ((clientX: number, clientY: number) => { xM: number; yM: number }) | null;
}

export const createBevView = (): BevView => ({
  centerXM: 15,
  centerYM: 0,
  pxPerM: 8,
  apply: null,
  toGround: null,
});

export function BevCamera({ view }: { view: BevView }) {
  const camera = useRef<OrthoCam>(null);
  const invalidate = useThree((s) => s.invalidate);
  const gl = useThree((s) => s.gl);
  useLayoutEffect(() => {
    const cam = camera.current;
    if (!cam) return;
    const v = new Vector3();
    view.apply = () => {
      cam.position.set(view.centerXM, view.centerYM, 500);
      cam.up.set(1, 0, 0);
      cam.lookAt(view.centerXM, view.centerYM, 0);
      cam.zoom = view.pxPerM;
      cam.updateProjectionMatrix();
      // What a person reads off the screen (where the ground is), for scripted annotators.
      gl.domElement.dataset.bevView = `${view.centerXM} ${view.centerYM} ${view.pxPerM}`;
      invalidate();
    };
    view.toGround = (clientX, clientY) => {
      const r = gl.domElement.getBoundingClientRect();
      v.set(((clientX - r.left) / r.width) * 2 - 1, -(((clientY - r.top) / r.height) * 2 - 1), 0).unproject(
        cam,
      );
      return { xM: v.x, yM: v.y };
    };
    view.apply();
    return () => {
      view.apply = null;
      view.toGround = null;
    };
  }, [view, invalidate, gl]);
  return <OrthographicCamera ref={camera} makeDefault near={1} far={2000} position={[0, 0, 500]} />;
}
