/** Angle wrapped to (−π, π]. */
export function wrapAngleRad(a: number): number {
  const w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return w <= -Math.PI ? w + 2 * Math.PI : w;
}

/** Absolute yaw difference in [0, π] (a heading error: front and back differ). */
export const yawErrorMod2PiRad = (a: number, b: number): number => Math.abs(wrapAngleRad(a - b));

/** Absolute yaw difference in [0, π/2], treating a box and its 180°-turned twin as equal. */
export function yawErrorModPiRad(a: number, b: number): number {
  const d = yawErrorMod2PiRad(a, b);
  return Math.min(d, Math.PI - d);
}

/** The angle among `yawRad + k·π` closest to `referenceRad` (resolves a box's front/back ambiguity). */
export function alignYawModPi(yawRad: number, referenceRad: number): number {
  const d = wrapAngleRad(yawRad - referenceRad);
  const flipped = Math.abs(d) > Math.PI / 2 ? d - Math.sign(d) * Math.PI : d;
  return referenceRad + flipped;
}
