/**
 * A path in road coordinates (s forward along the road, d to the left), made of straight legs and
 * circular arcs, stored as a fine polyline. Heading is measured from +s towards +d, so a heading of 0
 * follows a lane, π drives against it and ±π/2 crosses the road (a radial, i.e. straight, line).
 */
import { must } from "../../core/model/must";
export interface PathSample {
  sM: number;
  dM: number;
  headingRad: number;
}

export class RoadPath {
  private readonly points: PathSample[];
  private readonly cumulativeM: number[] = [0];
  private readonly first: PathSample;
  private last: PathSample;
  private totalM = 0;

  constructor(start: PathSample) {
    this.first = { ...start };
    this.last = this.first;
    this.points = [this.first];
  }

  get lengthM(): number {
    return this.totalM;
  }

  line(lengthM: number): this {
    const last = this.last;
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
    const start = this.last;
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
    if (distanceM <= 0 || cum.length === 1) return { ...this.first };
    if (distanceM >= this.lengthM) return { ...this.last };
    let lo = 0;
    let hi = cum.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (must(cum[mid], "distance along the path") <= distanceM) lo = mid;
      else hi = mid;
    }
    const a = must(this.points[lo], "path point");
    const b = must(this.points[hi], "path point");
    const cumLo = must(cum[lo], "distance along the path");
    const f = (distanceM - cumLo) / (must(cum[hi], "distance along the path") - cumLo);
    return {
      sM: a.sM + f * (b.sM - a.sM),
      dM: a.dM + f * (b.dM - a.dM),
      headingRad: a.headingRad + f * (b.headingRad - a.headingRad),
    };
  }

  private push(p: PathSample): void {
    this.totalM += Math.hypot(p.sM - this.last.sM, p.dM - this.last.dM);
    this.cumulativeM.push(this.totalM);
    this.points.push(p);
    this.last = p;
  }
}
