import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { BreakReminder } from "./BreakReminder";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n/format";
import { t as translate } from "../i18n/i18n";
import { DEFAULT_CLASSES } from "../../core/model/defaultClasses";
import { autoFitSelected } from "../editor/commands/autoFitSelected";
import { setFrame } from "../editor/commands/frames";
import { loadSnapshot } from "../editor/commands/loadSnapshot";
import { createEditor, type Editor } from "../editor/createEditor";
import { createBoxViewTool } from "../editor/tools/createBoxViewTool";
import { createToolMachine } from "../editor/tools/createToolMachine";
import { BoxViews } from "../panels/BoxViews";
import { CameraPanels } from "../panels/cameras/CameraPanels";
import { FitNotice } from "../panels/FitNotice";
import { HelpOverlay } from "../panels/HelpOverlay";
import { PredictionPanel } from "../panels/predictions/PredictionPanel";
import { QaPanel } from "../panels/QaPanel";
import type { QaConfig } from "../../core/qa/QaConfig";
import { useApi } from "./useApi";
import { ReviewSide } from "../panels/review/ReviewSide";
import { TaskBar } from "../panels/review/TaskBar";
import { qaTimelineMarks, useQaFindings } from "../panels/QaPanelFindings";
import { Inspector } from "../panels/Inspector";
import { SaveStateBadge } from "../panels/SaveState";
import { Timeline } from "../panels/Timeline";
import { Toolbar } from "../panels/Toolbar";
import { rgbFromHex } from "../viewer/fillPointBuffers";
import { MainView } from "../viewer/MainView";
import { createFrameLoader } from "./createFrameLoader";
import type { FrameLoader, LoadedPoints } from "./frameLoader";
import { createFitService } from "./createFitService";
import { ConflictNotices } from "../panels/ConflictNotices";
import { PresenceList } from "../panels/PresenceList";
import { createTrackIdPool } from "./createTrackIdPool";
import { useLiveSync } from "./useLiveSync";
import { pointStatsFor } from "./pointStatsFor";
import { useAutosave } from "./useAutosave";
import { useEditorState } from "./useEditorState";
import { useFramePoints } from "./useFramePoints";
import { useKeyboard } from "./useKeyboard";
import { usePlayback } from "./usePlayback";
import { navigate } from "./useRoute";
import { useReviewDiff } from "./useReviewDiff";
import { useReviewSession } from "./useReviewSession";
import { issueFramesOf, useIssueMarkers } from "./useIssueMarkers";
import { useWorkspaceData, type WorkspaceData } from "./useWorkspaceData";

export function WorkspacePage({
  sequenceId,
  frameIndex,
  username,
  taskId = null,
}: {
  sequenceId: string;
  frameIndex: number;
  /** Open on this task: its workflow, review and issues. */
  taskId?: string | null;
  /** The signed-in user: shown as the local author until the server stamps its own. */
  username: string;
}) {
  const { t } = useTranslation();
  const { data, error } = useWorkspaceData(sequenceId);
  if (error)
    return (
      <main className="page">
        <p className="error" role="alert">
          {error}
        </p>
        <a href="/">{t("workspace.allSequences")}</a>
      </main>
    );
  if (!data)
    return (
      <main className="page">
        <p data-testid="frame-status">{t("workspace.loadingSequence")}</p>
      </main>
    );
  return (
    <Workspace
      data={data}
      sequenceId={sequenceId}
      routeFrameIndex={frameIndex}
      username={username}
      taskId={taskId}
    />
  );
}

function useLoader(): FrameLoader | null {
  const [loader, setLoader] = useState<FrameLoader | null>(null);
  useEffect(() => {
    let disposed = false;
    let created: FrameLoader | null = null;
    void createFrameLoader().then((l) => {
      if (disposed) l.dispose();
      else setLoader((created = l));
    });
    return () => {
      disposed = true;
      created?.dispose();
    };
  }, []);
  return loader;
}

function useEditor(
  data: WorkspaceData,
  routeFrameIndex: number,
  username: string,
  sequenceId: string,
): Editor {
  // The route's frame only places the editor at start; later route changes go through setFrame.
  const startFrame = useRef(routeFrameIndex).current;
  const trackIds = useMemo(() => createTrackIdPool(sequenceId), [sequenceId]);
  useEffect(() => () => trackIds.dispose(), [trackIds]);
  return useMemo(() => {
    const classes = data.detail.classes.length > 0 ? data.detail.classes : DEFAULT_CLASSES;
    const e = createEditor({
      classes,
      author: username,
      takeTrackId: trackIds.take,
      frameCount: data.detail.frames.length,
      frameIndex: startFrame,
      timedFrames: data.detail.frames.map((f, i) => ({
        frameIndex: i,
        timestampS: f.timestampUs / 1e6,
        worldFromLidar: f.worldFromLidar,
      })),
    });
    loadSnapshot(e, data.snapshot);
    return e;
  }, [data, startFrame, username, trackIds]);
}

function Workspace({
  data,
  sequenceId,
  routeFrameIndex,
  username,
  taskId,
}: {
  data: WorkspaceData;
  sequenceId: string;
  routeFrameIndex: number;
  username: string;
  taskId: string | null;
}) {
  const { t } = useTranslation();
  const editor = useEditor(data, routeFrameIndex, username, sequenceId);
  const tools = useMemo(() => createToolMachine(editor), [editor]);
  useEffect(() => () => tools.dispose(), [tools]);
  const [, setDragTick] = useState(0);
  const boxTool = useMemo(() => createBoxViewTool(editor, () => setDragTick((t) => t + 1)), [editor]);
  const cancel = useCallback(() => boxTool.cancel() || tools.cancel(), [boxTool, tools]);
  useKeyboard(editor, cancel);
  usePlayback(editor);
  const autosave = useAutosave(editor, sequenceId, data);
  useLiveSync(editor, sequenceId, data, autosave);

  const loader = useLoader();
  const frameIndex = useEditorState(editor, (s) => s.frameIndex);
  const { points, pointsFrameIndex, error } = useFramePoints(loader, data.detail, frameIndex);
  const qaConfig = useApi<{ config: QaConfig }>(`/api/sequences/${encodeURIComponent(sequenceId)}/qa-config`);
  const qa = useQaFindings(editor, pointsFrameIndex, points, qaConfig.data?.config);
  const { review, error: reviewError } = useReviewSession(editor, taskId, username, qa.findings);
  const diff = useReviewDiff(editor, review, sequenceId);
  const issueMarkers = useIssueMarkers(editor, review);
  const ghosts = useMemo(() => [...diff.ghosts.values()], [diff.ghosts]);
  const status = useRef<HTMLSpanElement>(null);
  const frameCount = data.detail.frames.length;

  useEffect(() => {
    editor.pointStats = points && pointsFrameIndex === frameIndex ? pointStatsFor(points) : null;
  }, [editor, points, pointsFrameIndex, frameIndex]);
  // Auto-fit runs on the frame on screen; `current` is read at fit time, not captured.
  const current = useRef<{ key: string; points: LoadedPoints } | null>(null);
  current.current =
    points && pointsFrameIndex === frameIndex
      ? { key: data.detail.frames[frameIndex]!.lidarBlob, points }
      : null;
  const loaderRef = useRef(loader);
  loaderRef.current = loader;
  useEffect(() => {
    const fit = createFitService(() => current.current, {
      frames: data.detail.frames,
      loader: () => loaderRef.current,
    });
    editor.fit = fit;
    return () => {
      editor.fit = null;
      fit.dispose();
    };
  }, [editor, data]);

  // URL ↔ editor: Back/Forward moves the editor; stepping frames replaces the URL.
  useEffect(() => {
    if (routeFrameIndex !== editor.store.get().frameIndex) setFrame(editor, routeFrameIndex);
  }, [routeFrameIndex, editor]);
  useEffect(
    () =>
      editor.store.subscribe((s, p) => {
        if (s.frameIndex !== p.frameIndex)
          navigate(
            `/sequences/${encodeURIComponent(sequenceId)}?frame=${s.frameIndex}${taskId ? `&task=${encodeURIComponent(taskId)}` : ""}`,
            { replace: true },
          );
      }),
    [editor, sequenceId, taskId],
  );

  const classColors = useMemo(
    () => new Map(editor.classes.map((c) => [c.name, rgbFromHex(c.color)] as const)),
    [editor],
  );
  // Written straight to the DOM once the GPU has the frame (no React render per frame drawn).
  const onDrawn = useCallback(
    (drawn: number, frame: LoadedPoints) => {
      if (!status.current) return;
      const frameText = translate("workspace.frameOf", { frame: pointsFrameIndex + 1, total: frameCount });
      const pointsText =
        frame.displayCount < frame.pointCount
          ? translate("workspace.pointsOf", {
              drawn: formatNumber(drawn),
              total: formatNumber(frame.pointCount),
            })
          : translate("workspace.points", { drawn: formatNumber(drawn) });
      status.current.textContent = `${frameText} · ${pointsText}`;
      status.current.dataset.drawnFrame = String(pointsFrameIndex);
    },
    [pointsFrameIndex, frameCount],
  );

  return (
    <div className="workspace">
      <header className="topbar">
        <a href="/" className="home">
          ◂ {t("workspace.sequences")}
        </a>
        <strong className="seq-name">{data.detail.name}</strong>
        <span ref={status} className="frame-status" data-testid="frame-status">
          {error ??
            `${t("workspace.frameOf", { frame: frameIndex + 1, total: frameCount })} · ${t("workspace.loadingPoints")}`}
        </span>
        <Toolbar editor={editor} onAutoFit={() => void autoFitSelected(editor)} />
        <SaveStateBadge editor={editor} onDismiss={() => autosave?.dismissMessage()} />
      </header>
      <div className="workspace-status">
        <PresenceList editor={editor} />
        <BreakReminder sequenceId={sequenceId} />
      </div>
      {review && (
        <div className="task-row">
          <TaskBar review={review} username={username} />
        </div>
      )}
      <ConflictNotices editor={editor} />
      <div className="workspace-notices">
        <FitNotice editor={editor} />
        {reviewError && (
          <span className="error" role="alert">
            {reviewError}
          </span>
        )}
      </div>
      <MainView
        editor={editor}
        tools={tools}
        frame={points}
        frameIndexShown={pointsFrameIndex}
        classColors={classColors}
        onDrawn={onDrawn}
        ghosts={ghosts}
        issueMarkers={issueMarkers}
      />
      <aside className="side-panel">
        {review && <ReviewSide editor={editor} review={review} username={username} diff={diff} />}
        <BoxViews editor={editor} tool={boxTool} points={pointsFrameIndex === frameIndex ? points : null} />
        <Inspector editor={editor} />
        <QaPanel editor={editor} findings={qa.findings} current={qa.current} />
        <PredictionPanel editor={editor} sequenceId={sequenceId} taskId={taskId} />
      </aside>
      <CameraPanels
        editor={editor}
        detail={data.detail}
        points={points}
        pointsFrameIndex={pointsFrameIndex}
        issueMarkers={issueMarkers}
      />
      <Timeline
        editor={editor}
        marks={qaTimelineMarks(qa.findings)}
        issueFrames={issueFramesOf(issueMarkers)}
      />
      <HelpOverlay editor={editor} />
    </div>
  );
}
