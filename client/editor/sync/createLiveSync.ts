import type { Editor } from "../createEditor";
import type { PresencePeer } from "../EditorState";
import { selectedCuboid } from "../selectors";
import type { RemoteBatch } from "./remoteChanges";

/** What the sync needs of the browser's EventSource (tests pass their own). */
export interface EventSourceLike {
  addEventListener(type: string, listener: (e: { data: string; lastEventId?: string }) => void): void;
  // biome-ignore lint/suspicious/noExplicitAny: EventSource types its handler parameter as Event.
  onerror: ((e: any) => void) | null;
  readonly readyState: number;
  close(): void;
}

export interface LiveSyncOptions {
  editor: Editor;
  /** Where remote batches go (the autosave rebases our unsaved edits onto them). */
  receive(batch: RemoteBatch): void;
  sequenceId: string;
  /** Revision of the snapshot the editor shows. */
  afterRevision: number;
  /** This tab, so its own presence is not listed. */
  clientId: string;
  openEvents(url: string): EventSourceLike;
  postPresence(body: {
    clientId: string;
    selectedIds: string[];
    frameIndex: number | null;
  }): Promise<unknown>;
  /** Presence is repeated this often (the server forgets a silent tab after 30 s). */
  presenceEveryMs?: number;
  /** After the stream failed for good (401/403/5xx), it is reopened after this long. */
  reopenAfterMs?: number;
}

/**
 * Other people's edits and presence, live (GET /sequences/:id/live, Server-Sent Events): batches
 * go to `receive` in revision order, each once; while a drag is in progress they wait and apply
 * when it ends, so the box under the pointer never jumps. The browser's EventSource reconnects
 * with Last-Event-ID by itself; a stream refused for good is reopened from the last revision seen.
 */
export function createLiveSync(opts: LiveSyncOptions): { dispose(): void; readonly revision: number } {
  const { editor, sequenceId, clientId } = opts;
  const presenceEveryMs = opts.presenceEveryMs ?? 10_000;
  let seen = opts.afterRevision;
  let disposed = false;
  let source: EventSourceLike | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | null = null;
  const waiting: RemoteBatch[] = [];

  const drain = () => {
    if (editor.history.inInteraction) return;
    for (let b = waiting.shift(); b; b = waiting.shift()) opts.receive(b);
  };

  const open = () => {
    if (disposed) return;
    const q = `afterRevision=${seen}&clientId=${encodeURIComponent(clientId)}`;
    const s = opts.openEvents(`/api/sequences/${encodeURIComponent(sequenceId)}/live?${q}`);
    source = s;
    s.addEventListener("batch", (e) => {
      const batch = JSON.parse(e.data) as RemoteBatch;
      if (batch.revision <= seen) return;
      seen = batch.revision;
      waiting.push(batch);
      drain();
    });
    s.addEventListener("presence", (e) => {
      const peers = (JSON.parse(e.data) as PresencePeer[]).filter((p) => p.clientId !== clientId);
      editor.store.update({ presence: peers });
    });
    s.onerror = () => {
      // readyState 2 (CLOSED): the browser gave up (an HTTP error); otherwise it is reconnecting.
      if (s.readyState !== 2 || disposed) return;
      s.close();
      reopenTimer = setTimeout(open, opts.reopenAfterMs ?? 2000);
    };
  };

  let lastSaid = "";
  let presenceTimer: ReturnType<typeof setTimeout> | null = null;
  const sayPresence = (force: boolean) => {
    const s = editor.store.get();
    const selected = selectedCuboid(s);
    const body = { clientId, selectedIds: selected ? [selected.id] : [], frameIndex: s.frameIndex };
    const said = JSON.stringify(body);
    if (!force && said === lastSaid) return;
    lastSaid = said;
    opts.postPresence(body).catch(() => {});
  };
  const unsubscribe = editor.store.subscribe((s, prev) => {
    if (waiting.length > 0) drain();
    if (s.selectedTrackId !== prev.selectedTrackId || s.frameIndex !== prev.frameIndex) {
      if (presenceTimer) clearTimeout(presenceTimer);
      presenceTimer = setTimeout(() => sayPresence(false), 150);
    }
  });
  // Also drains what waited for a drag that ended without a store change (Esc on an untouched box).
  const heartbeat = setInterval(() => {
    drain();
    sayPresence(true);
  }, presenceEveryMs);
  const dragWatch = setInterval(() => {
    if (waiting.length > 0) drain();
  }, 250);

  open();
  sayPresence(true);
  return {
    get revision() {
      return seen;
    },
    dispose() {
      disposed = true;
      source?.close();
      if (reopenTimer) clearTimeout(reopenTimer);
      if (presenceTimer) clearTimeout(presenceTimer);
      clearInterval(heartbeat);
      clearInterval(dragWatch);
      unsubscribe();
    },
  };
}
