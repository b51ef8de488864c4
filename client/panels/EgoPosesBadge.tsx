import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { SequenceDetail } from "../../core/api/sequenceDetail";
import { apiClient, ok, pathParam } from "../app/apiClient";

type EgoPoses = SequenceDetail["egoPoses"];

/** While an estimate runs, the sequence is read again this often. */
const POLL_MS = 3000;

/**
 * Where the ego poses that propagation, interpolation and QA use come from, for a sequence
 * recorded without them: being estimated (read again until done; the estimate takes effect on
 * reload, so nothing under the annotator's hands moves), estimated from the lidar, or unavailable
 * (work in lidar coordinates; the reason in the title). Nothing for recorded poses.
 */
export function EgoPosesBadge({ sequenceId, initial }: { sequenceId: string; initial: EgoPoses }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(initial);
  const running = initial.state === "pending" || initial.state === "queued";
  useEffect(() => {
    if (!running) return;
    let live = true;
    const timer = setInterval(() => {
      void ok(apiClient.api.sequences[":id"].$get({ param: { id: pathParam(sequenceId) } }))
        .then((d) => {
          if (live) setNow(d.egoPoses);
        })
        .catch(() => {});
    }, POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [sequenceId, running]);
  if (initial.state === "recorded") return null;
  const changed = running && now.state !== initial.state && now.state !== "queued";
  return (
    <span
      className={`ego-poses ego-poses-${now.state}`}
      data-testid="ego-poses"
      data-state={now.state}
      title={t(`egoPoses.${now.state}Title`, { reason: now.note ?? "" })}
    >
      {t(`egoPoses.${now.state}`)}
      {changed && (
        <button type="button" className="ego-poses-reload" onClick={() => window.location.reload()}>
          {t("egoPoses.reload")}
        </button>
      )}
    </span>
  );
}
