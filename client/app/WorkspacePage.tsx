import { memo, useCallback, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { autoFitSelected } from "../editor/commands/autoFitSelected";
import { BoxViews } from "../panels/BoxViews";
import { CameraPanels } from "../panels/cameras/CameraPanels";
import { ConflictNotices } from "../panels/ConflictNotices";
import { FitNotice } from "../panels/FitNotice";
import { FrameStatus } from "../panels/FrameStatus";
import { EgoPosesBadge } from "../panels/EgoPosesBadge";
import { HelpOverlay } from "../panels/HelpOverlay";
import { Inspector } from "../panels/Inspector";
import { PredictionPanel } from "../panels/predictions/PredictionPanel";
import { PresenceList } from "../panels/PresenceList";
import { QaPanel } from "../panels/QaPanel";
import { qaTimelineMarks } from "../panels/QaPanelFindings";
import { ReviewSide } from "../panels/review/ReviewSide";
import { TaskBar } from "../panels/review/TaskBar";
import { SaveStateBadge } from "../panels/SaveState";
import { Timeline } from "../panels/Timeline";
import { Toolbar } from "../panels/Toolbar";
import { rgbFromHex } from "../viewer/fillPointBuffers";
import { MainView } from "../viewer/MainView";
import { createWorkspace, type Workspace } from "../workspace/createWorkspace";
import { issueFramesOf } from "../workspace/createIssueMarkers";
import { BreakReminder } from "./BreakReminder";
import { browserWorkspaceDeps } from "./browserWorkspaceDeps";
import { countRender } from "./countRender";
import { useReviewDiff } from "./useReviewDiff";
import { useSlice } from "./useSlice";
import { useWorkspaceData, type WorkspaceData } from "./useWorkspaceData";

/**
 * The labelling workspace of one sequence. App keys it by sequence and task, so it lives as long as
 * they do; `frameIndex` (the URL's) only places the editor at start: later the workspace itself
 * follows Back/Forward and writes the URL on frame steps.
 */
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
  // The URL's frame only places the editor at start (App re-renders this page on navigation).
  const [startFrame] = useState(frameIndex);
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
    <WorkspaceOwner
      data={data}
      sequenceId={sequenceId}
      frameIndex={startFrame}
      username={username}
      taskId={taskId}
    />
  );
}

/** Creates the workspace once per sequence (and task, user) and disposes of it on leaving. */
const WorkspaceOwner = memo(function WorkspaceOwner(props: {
  data: WorkspaceData;
  sequenceId: string;
  frameIndex: number;
  username: string;
  taskId: string | null;
}) {
  const [workspace, setWorkspace] = useState<Workspace | null>(null);
  const { data, sequenceId, username, taskId, frameIndex } = props;
  useEffect(() => {
    const w = createWorkspace(browserWorkspaceDeps({ sequenceId, taskId, username, data, frameIndex }));
    setWorkspace(w);
    return () => w.dispose();
  }, [data, sequenceId, taskId, username, frameIndex]);
  if (!workspace) return null;
  return (
    <WorkspaceView
      workspace={workspace}
      data={data}
      sequenceId={sequenceId}
      username={username}
      taskId={taskId}
    />
  );
});

/** The page: it reads nothing that changes per frame; each panel subscribes to what it shows. */
function WorkspaceView({
  workspace,
  data,
  sequenceId,
  username,
  taskId,
}: {
  workspace: Workspace;
  data: WorkspaceData;
  sequenceId: string;
  username: string;
  taskId: string | null;
}) {
  countRender("WorkspacePage");
  const { t } = useTranslation();
  const { editor } = workspace;
  const { session: review, error: reviewError } = useSlice(workspace.review);
  const diff = useReviewDiff(editor, review, sequenceId);
  const ghosts = useMemo(() => [...diff.ghosts.values()], [diff.ghosts]);
  const onAutoFit = useCallback(() => void autoFitSelected(editor), [editor]);
  const onDismiss = useCallback(() => workspace.autosave.dismissMessage(), [workspace]);

  return (
    <div className="workspace">
      <header className="topbar">
        <a href="/" className="home">
          ◂ {t("workspace.sequences")}
        </a>
        <strong className="seq-name">{data.detail.name}</strong>
        <FrameStatus workspace={workspace} frameCount={data.detail.frames.length} />
        <EgoPosesBadge sequenceId={sequenceId} initial={data.detail.egoPoses} />
        <Toolbar editor={editor} onAutoFit={onAutoFit} />
        <SaveStateBadge editor={editor} onDismiss={onDismiss} />
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
      <WorkspaceMainView workspace={workspace} ghosts={ghosts} />
      <aside className="side-panel">
        {review && <ReviewSide editor={editor} review={review} username={username} diff={diff} />}
        <WorkspaceBoxViews workspace={workspace} />
        <Inspector editor={editor} />
        <WorkspaceQaPanel workspace={workspace} />
        <PredictionPanel editor={editor} sequenceId={sequenceId} taskId={taskId} />
      </aside>
      <WorkspaceCameras workspace={workspace} data={data} />
      <WorkspaceTimeline workspace={workspace} />
      <HelpOverlay editor={editor} />
    </div>
  );
}

function WorkspaceMainView({
  workspace,
  ghosts,
}: {
  workspace: Workspace;
  ghosts: Parameters<typeof MainView>[0]["ghosts"];
}) {
  const { points, frameIndex } = useSlice(workspace.points);
  const issueMarkers = useSlice(workspace.issueMarkers);
  const { editor } = workspace;
  const classColors = useMemo(
    () => new Map(editor.classes.map((c) => [c.name, rgbFromHex(c.color)] as const)),
    [editor],
  );
  return (
    <MainView
      editor={editor}
      tools={workspace.tools}
      frame={points}
      frameIndexShown={frameIndex}
      classColors={classColors}
      onDrawn={workspace.reportDrawn}
      ghosts={ghosts}
      issueMarkers={issueMarkers}
    />
  );
}

function WorkspaceBoxViews({ workspace }: { workspace: Workspace }) {
  const { points, frameIndex: shown } = useSlice(workspace.points);
  const frameIndex = useSlice(workspace.frame);
  return (
    <BoxViews
      editor={workspace.editor}
      tool={workspace.tools}
      points={shown === frameIndex ? points : null}
    />
  );
}

function WorkspaceQaPanel({ workspace }: { workspace: Workspace }) {
  const { findings, current } = useSlice(workspace.qa);
  return <QaPanel editor={workspace.editor} findings={findings} current={current} />;
}

function WorkspaceCameras({ workspace, data }: { workspace: Workspace; data: WorkspaceData }) {
  const { points, frameIndex } = useSlice(workspace.points);
  const issueMarkers = useSlice(workspace.issueMarkers);
  return (
    <CameraPanels
      editor={workspace.editor}
      detail={data.detail}
      points={points}
      pointsFrameIndex={frameIndex}
      issueMarkers={issueMarkers}
    />
  );
}

function WorkspaceTimeline({ workspace }: { workspace: Workspace }) {
  const { findings } = useSlice(workspace.qa);
  const issueMarkers = useSlice(workspace.issueMarkers);
  const marks = useMemo(() => qaTimelineMarks(findings), [findings]);
  const issueFrames = useMemo(() => issueFramesOf(issueMarkers), [issueMarkers]);
  return <Timeline editor={workspace.editor} marks={marks} issueFrames={issueFrames} />;
}
