/**
 * Builders of synthetic lidar scenes for the pre-labeler's tests: a sloped ground plane under a
 * sensor at any height, and objects made of points on their surfaces. Points are xyz interleaved
 * in lidar coordinates (the sensor at the origin).
 */
export interface SyntheticGround {
  /** Ground z at the sensor (e.g. −1.9 for a roof lidar). */
  z0: number;
  /** Rise per metre along x and y. */
  slopeX: number;
  slopeY: number;
}

export const groundAt = (g: SyntheticGround, x: number, y: number): number =>
  g.z0 + g.slopeX * x + g.slopeY * y;

/** Ground points on a polar pattern (rings every `ringStepM`, 0.2° apart) out to `rangeM`. */
export function groundPoints(g: SyntheticGround, rangeM: number, ringStepM = 1): number[] {
  const out: number[] = [];
  for (let r = 2; r <= rangeM; r += ringStepM) {
    for (let a = 0; a < 2 * Math.PI; a += (0.2 * Math.PI) / 180) {
      const x = r * Math.cos(a);
      const y = r * Math.sin(a);
      out.push(x, y, groundAt(g, x, y));
    }
  }
  return out;
}

/**
 * The faces of an upright box standing on the ground that a sensor at the origin sees (those
 * facing it) plus its top, sampled every `stepM`: what a lidar returns from a car or a van.
 */
export function boxSurfacePoints(
  g: SyntheticGround,
  box: {
    x: number;
    y: number;
    yawRad: number;
    lengthM: number;
    widthM: number;
    heightM: number;
    clearanceM?: number;
  },
  stepM = 0.08,
): number[] {
  const out: number[] = [];
  const c = Math.cos(box.yawRad);
  const s = Math.sin(box.yawRad);
  const base = groundAt(g, box.x, box.y);
  const bottom = box.clearanceM ?? 0.2;
  const hl = box.lengthM / 2;
  const hw = box.widthM / 2;
  const put = (u: number, v: number, h: number) =>
    out.push(box.x + u * c - v * s, box.y + u * s + v * c, base + h);
  // Sensor in the box's own axes: which of the ±u and ±v faces it sees.
  const su = -box.x * c - box.y * s;
  const sv = box.x * s - box.y * c;
  for (let h = bottom; h <= box.heightM; h += stepM) {
    if (Math.abs(su) > hl) for (let v = -hw; v <= hw; v += stepM) put(Math.sign(su) * hl, v, h);
    if (Math.abs(sv) > hw) for (let u = -hl; u <= hl; u += stepM) put(u, Math.sign(sv) * hw, h);
  }
  for (let u = -hl; u <= hl; u += 2 * stepM)
    for (let v = -hw; v <= hw; v += 2 * stepM) put(u, v, box.heightM);
  return out;
}

/**
 * A car as a lidar sees it: a body from its sills (0.3 m) up to its waist (0.6 of its height) over
 * its whole length, a narrower cabin over the middle 55 %, and its wheels, so its top steps from
 * bonnet to roof to boot and there is air under it between the wheels, as under a real car (a box
 * with a level top standing on the ground is what hedges and walls look like).
 */
export function carSurfacePoints(
  g: SyntheticGround,
  car: { x: number; y: number; yawRad: number; lengthM: number; widthM: number; heightM: number },
  stepM = 0.08,
): number[] {
  const waistM = 0.6 * car.heightM;
  const c = Math.cos(car.yawRad);
  const s = Math.sin(car.yawRad);
  const axle = 0.32 * car.lengthM;
  const wheel = (u: number) =>
    boxSurfacePoints(
      g,
      { ...car, x: car.x + u * c, y: car.y + u * s, lengthM: 0.65, heightM: 0.35, clearanceM: 0 },
      stepM,
    );
  return [
    ...boxSurfacePoints(g, { ...car, heightM: waistM, clearanceM: 0.3 }, stepM),
    ...boxSurfacePoints(
      g,
      { ...car, lengthM: 0.55 * car.lengthM, widthM: 0.85 * car.widthM, clearanceM: waistM },
      stepM,
    ),
    ...wheel(-axle),
    ...wheel(axle),
  ];
}
