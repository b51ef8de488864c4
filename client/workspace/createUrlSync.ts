import { parseRoute } from "../app/route";
import { setFrame } from "../editor/commands/frames";
import type { Editor } from "../editor/createEditor";

/** The browser's address bar as the workspace needs it; tests pass a plain object. */
export interface WorkspaceLocation {
  /** The URL now: path and query. */
  href(): string;
  /**
   * Writes the URL in place: no history entry (stepping frames must not flood Back) and no route
   * change (a frame step must not re-render the app).
   */
  replace(href: string): void;
  /** Runs `listener` when Back/Forward or an in-app link changed the URL. */
  subscribe(listener: () => void): () => void;
}

/** The workspace's URL: `/sequences/<id>?frame=N[&task=<id>]`. */
export const workspaceHref = (sequenceId: string, frameIndex: number, taskId: string | null): string =>
  `/sequences/${encodeURIComponent(sequenceId)}?frame=${frameIndex}${taskId ? `&task=${encodeURIComponent(taskId)}` : ""}`;

/**
 * URL ↔ editor, without a round trip through React: a frame change writes the URL once; Back,
 * Forward or a link to another frame of the same sequence moves the editor.
 */
export function createUrlSync(
  editor: Editor,
  location: WorkspaceLocation,
  sequenceId: string,
  taskId: string | null,
): () => void {
  const offEditor = editor.store.subscribe((s, p) => {
    if (s.frameIndex === p.frameIndex) return;
    const href = workspaceHref(sequenceId, s.frameIndex, taskId);
    if (href !== location.href()) location.replace(href);
  });
  const offLocation = location.subscribe(() => {
    const url = new URL(location.href(), "http://x");
    const route = parseRoute(url.pathname, url.search);
    if (route.page !== "workspace" || route.sequenceId !== sequenceId) return;
    if (route.frameIndex !== editor.store.get().frameIndex) setFrame(editor, route.frameIndex);
  });
  return () => {
    offEditor();
    offLocation();
  };
}
