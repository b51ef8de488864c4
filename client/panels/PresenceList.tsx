import { useTranslation } from "react-i18next";
import { useEditorState } from "../app/useEditorState";
import { classNameForDisplay } from "../i18n/classDisplayName";
import type { Editor } from "../editor/createEditor";

/** Who else is in this sequence, and on which box and frame (live presence). */
export function PresenceList({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const peers = useEditorState(editor, (s) => s.presence);
  const cuboids = useEditorState(editor, (s) => s.cuboids);
  if (peers.length === 0) return null;
  return (
    <ul className="presence" data-testid="presence" aria-label={t("presence.label")}>
      {peers.map((p) => {
        const box = p.selectedIds[0] ? cuboids.get(p.selectedIds[0]) : undefined;
        const where = box
          ? t("presence.onTrack", {
              track: box.trackId,
              className: classNameForDisplay(editor.classes, box.className),
            })
          : t("presence.noBox");
        const frame = p.frameIndex === null ? "" : ` · ${t("presence.frame", { frame: p.frameIndex + 1 })}`;
        return (
          <li key={p.clientId} title={`${p.username}: ${where}${frame}`}>
            <strong>{p.username}</strong> {where}
            {frame}
          </li>
        );
      })}
    </ul>
  );
}
