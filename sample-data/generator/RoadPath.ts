/**
 * A path in road coordinates (s forward along the road, d to the left), made of straight legs and
 * circular arcs, stored as a fine polyline. Heading is measured from +s towards +d, so a heading of 0
 * follows a lane, π drives against it and ±π/2 crosses the road (a radial, i.e. straight, line).
 */
export interface PathSample {
  sM: number;
  dM: number;
  headingRad: number;
}

export class RoadPath {
  private readonly points: PathSample[];
  private readonly cumulativeM: number[] = [0];

  constructor(start: PathSample) {
    this.points = [{ ...start }];
  }

  get lengthM(): number {
    return this.cumulativeM[this.cumulativeM.length - 1]!;
  }

  line(lengthM: number): this {
    const last = this.points[this.points.length - 1]!;
    this.push({
      sM: last.sM + lengthM * Math.cos(last.headingRad),
      dM: last.dM + lengthM * Math.sin(last.headingRad),
      headingRad: last.headingRad,
    });
    return this;
  }

  /** A turn of turnRad (positive = left) on a circle of radiusM, in 2° steps. */
  arc(radiusM: number, turnRad: number): this {
    const steps = Math.max(1, Math.ceil(Math.abs(turnRad) / ((2 * Math.PI) / 180)));
    const start = this.points[this.points.length - 1]!;
    const side = Math.sign(turnRad);
    // Centre of the turn, to the left (side +1) or right (side −1) of the heading.
    const cs = start.sM - side * radiusM * Math.sin(start.headingRad);
    const cd = start.dM + side * radiusM * Math.cos(start.headingRad);
    for (let i = 1; i <= steps; i++) {
      const heading = start.headingRad + (turnRad * i) / steps;
      this.push({
        sM: cs + side * radiusM * Math.sin(heading),
        dM: cd - side * radiusM * Math.cos(heading),
        headingRad: heading,
      });
    }
    return this;
  }

  /** The pose at a distance along the path, clamped to its ends; heading interpolated within a step. */
  at(distanceM: number): PathSample {
    const cum = this.cumulativeM;
    if (distanceM <= 0 || cum.length === 1) return { ...this.points[0]! };
    if (distanceM >= this.lengthM) return { ...this.points[this.points.length - 1]! };
    let lo = 0;
    let hi = cum.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! <= distanceM) lo = mid;
      else hi = mid;
    }
    const a = this.points[lo]!;
    const b = this.points[hi]!;
    const f = (distanceM - cum[lo]!) / (cum[hi]! - cum[lo]!);
    return {
      sM: a.sM + f * (b.sM - a.sM),
      dM: a.dM + f * (b.dM - a.dM),
      headingRad: a.headingRad + f * (b.headingRad - a.headingRad),
    };
  }

  private push(p: PathSample): void {
    const last = this.points[this.points.length - 1]!;
    this.cumulativeM.push(this.lengthM + Math.hypot(p.sM - last.sM, p.dM - last.dM));
    this.points.push(p);
  }
}
