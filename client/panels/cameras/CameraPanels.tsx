import { useMemo } from "react";
import type { SequenceDetail } from "../../../core/api/sequenceDetail";
import { blobUrl } from "../../app/api";
import type { LoadedPoints } from "../../app/frameLoader";
import { useEditorState } from "../../app/useEditorState";
import type { Editor } from "../../editor/createEditor";
import { cuboidsInFrame, selectedCuboid } from "../../editor/selectors";
import type { IssueMarker } from "../../viewer/IssueMarkersLayer";
import { CameraPanel } from "./CameraPanel";
import { rankCameras } from "./projectWireframe";

/** Every camera of the sequence, the one that sees the selected box best first. */
export function CameraPanels({
  editor,
  detail,
  points,
  pointsFrameIndex,
  issueMarkers = [],
}: {
  editor: Editor;
  detail: SequenceDetail;
  points: LoadedPoints | null;
  pointsFrameIndex: number;
  /** Pinned review issues, all frames; those of this frame are drawn on the images. */
  issueMarkers?: ReadonlyArray<IssueMarker & { frameIndex: number }>;
}) {
  const frameIndex = useEditorState(editor, (s) => s.frameIndex);
  const cuboids = useEditorState(editor, (s) => cuboidsInFrame(s));
  const selected = useEditorState(editor, selectedCuboid);
  const selectedTrackId = useEditorState(editor, (s) => s.selectedTrackId);
  const classColors = useMemo(() => new Map(editor.classes.map((c) => [c.name, c.color])), [editor]);
  const markers = useMemo(
    () => issueMarkers.filter((m) => m.frameIndex === frameIndex),
    [issueMarkers, frameIndex],
  );
  const ordered = useMemo(() => rankCameras(detail.cameras, selected), [detail.cameras, selected]);
  if (detail.cameras.length === 0) return null;
  const frame = detail.frames[frameIndex];
  // Points of another frame would be drawn over this frame's image: wait for the right ones.
  const framePoints = pointsFrameIndex === frameIndex ? points : null;
  return (
    <section className="camera-panels" data-testid="camera-panels">
      {ordered.map((cam) => {
        const hash = frame?.imageBlobs[cam.name];
        return (
          <CameraPanel
            key={cam.name}
            camera={cam}
            imageUrl={hash ? blobUrl(hash) : null}
            points={framePoints}
            cuboids={cuboids}
            selectedTrackId={selectedTrackId}
            classColors={classColors}
            markers={markers}
            onSelect={(trackId) => editor.store.update({ selectedTrackId: trackId })}
          />
        );
      })}
    </section>
  );
}
