import type { TaskTransitionJson } from "../../../core/api/review";
import { formatDateTime } from "../../i18n/format";
import { taskStateLabel } from "../../i18n/codeLabels";
import { actionLabel } from "./actionLabel";

/** Every move of a task: who, what, from → to, when (the server's transition records). */
export function TaskHistory({ history }: { history: readonly TaskTransitionJson[] }) {
  return (
    <ol className="task-history" data-testid="task-history">
      {history.map((h) => (
        <li key={h.id} data-testid="task-history-entry" data-to={h.to} data-actor={h.actorName}>
          <strong>{h.actorName}</strong> {actionLabel(h.action)}: {h.from ? taskStateLabel(h.from) : "—"} →{" "}
          {taskStateLabel(h.to)}{" "}
          <time className="muted" dateTime={h.at}>
            {formatDateTime(h.at)}
          </time>
          {h.note && <span className="muted"> · {h.note}</span>}
        </li>
      ))}
    </ol>
  );
}
