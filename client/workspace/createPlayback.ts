import { stepFrame } from "../editor/commands/frames";
import type { Editor } from "../editor/createEditor";

/** Playback speed: 5 frames a second (a 10 Hz lidar at half speed, enough to follow tracks). */
export const PLAYBACK_INTERVAL_MS = 200;

/** Steps frames while the store's `playing` is on; stops at the last frame. Returns the dispose. */
export function createPlayback(editor: Editor): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = () => {
    clearInterval(timer);
    timer = undefined;
  };
  const follow = (playing: boolean) => {
    if (!playing) return stop();
    if (timer !== undefined) return;
    timer = setInterval(() => {
      const s = editor.store.get();
      if (s.frameIndex >= s.frameCount - 1) editor.store.update({ playing: false });
      else stepFrame(editor, 1);
    }, PLAYBACK_INTERVAL_MS);
  };
  const off = editor.store.subscribe((s, p) => {
    if (s.playing !== p.playing) follow(s.playing);
  });
  follow(editor.store.get().playing);
  return () => {
    off();
    stop();
  };
}
