import { useEffect } from "react";
import { stepFrame } from "../editor/commands/frames";
import type { Editor } from "../editor/createEditor";
import { useEditorState } from "./useEditorState";

/** Playback speed: 5 frames a second (a 10 Hz lidar at half speed, enough to follow tracks). */
export const PLAYBACK_INTERVAL_MS = 200;

/** Steps frames while `playing`; stops at the last frame. */
export function usePlayback(editor: Editor): void {
  const playing = useEditorState(editor, (s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    const id = setInterval(() => {
      const s = editor.store.get();
      if (s.frameIndex >= s.frameCount - 1) editor.store.update({ playing: false });
      else stepFrame(editor, 1);
    }, PLAYBACK_INTERVAL_MS);
    return () => clearInterval(id);
  }, [editor, playing]);
}
