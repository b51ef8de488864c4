import { useTranslation } from "react-i18next";
import { countRender } from "../app/countRender";
import { useSlice } from "../app/useSlice";
import { formatNumber } from "../i18n/format";
import type { Workspace } from "../workspace/createWorkspace";

/**
 * "frame 3/40 · 61,024 points": the frame the annotator is on and, once the viewer has drawn its
 * points, how many (of how many, when display decimation dropped some). `data-drawn-frame` is the
 * frame last drawn, which the browser tests wait for.
 */
export function FrameStatus({ workspace, frameCount }: { workspace: Workspace; frameCount: number }) {
  countRender("FrameStatus");
  const { t } = useTranslation();
  const frameIndex = useSlice(workspace.frame);
  const { error } = useSlice(workspace.points);
  const drawn = useSlice(workspace.drawn);
  let text: string;
  if (error) text = error;
  else if (drawn && drawn.frameIndex === frameIndex) {
    const points =
      drawn.displayCount < drawn.pointCount
        ? t("workspace.pointsOf", {
            drawn: formatNumber(drawn.drawnCount),
            total: formatNumber(drawn.pointCount),
          })
        : t("workspace.points", { drawn: formatNumber(drawn.drawnCount) });
    text = `${t("workspace.frameOf", { frame: frameIndex + 1, total: frameCount })} · ${points}`;
  } else
    text = `${t("workspace.frameOf", { frame: frameIndex + 1, total: frameCount })} · ${t("workspace.loadingPoints")}`;
  return (
    <span className="frame-status" data-testid="frame-status" data-drawn-frame={drawn?.frameIndex}>
      {text}
    </span>
  );
}
