import { wrapAngleRad } from "../../fit/angles";
import type { QaItem } from "../QaContext";

/**
 * The yaw each box's track neighbours imply: interpolated (shortest arc, by time) between the boxes
 * before and after it, or the only neighbour's at the ends of the track. null for a lone box.
 */
export function neighbourYaw(items: readonly QaItem[], i: number): number | null {
  const a = items[i - 1];
  const b = items[i + 1];
  const item = items[i];
  if (!item) throw new Error(`neighbourYaw: the track has no box ${i} (${items.length} boxes)`);
  if (a && b) {
    const s = b.t > a.t ? (item.t - a.t) / (b.t - a.t) : 0.5;
    return a.worldYawRad + s * wrapAngleRad(b.worldYawRad - a.worldYawRad);
  }
  return (a ?? b)?.worldYawRad ?? null;
}
