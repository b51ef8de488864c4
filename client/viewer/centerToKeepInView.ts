/**
 * Where the BEV centre must move so that a ground point (lidar x,y, metres) lies inside the viewport with
 * `marginPx` to spare, or null when it already does. The view keeps its zoom; only a point that left the
 * view moves it, and then it is centred (a jump the annotator can follow, not a drift).
 * Screen up is lidar +x, screen right is lidar −y (see BevView).
 */
export function centerToKeepInView(
  view: { centerXM: number; centerYM: number; pxPerM: number },
  viewportPx: { width: number; height: number },
  pointM: { x: number; y: number },
  marginPx = 40,
): { centerXM: number; centerYM: number } | null {
  const halfUpM = Math.max(0, viewportPx.height / 2 - marginPx) / view.pxPerM;
  const halfRightM = Math.max(0, viewportPx.width / 2 - marginPx) / view.pxPerM;
  const inside =
    Math.abs(pointM.x - view.centerXM) <= halfUpM && Math.abs(pointM.y - view.centerYM) <= halfRightM;
  return inside ? null : { centerXM: pointM.x, centerYM: pointM.y };
}
