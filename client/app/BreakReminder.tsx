import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type AnalyticsSettings, DEFAULT_ANALYTICS_SETTINGS } from "../../core/analytics/AnalyticsSettings";
import { breakDue, newBreakTimer, recordInput, snooze } from "../../core/analytics/breakTimer";
import { apiClient, ok, pathParam } from "./apiClient";

const CHECK_MS = 30_000;

/**
 * A reminder to take a break after a continuous stretch of input as long as the project's lead set
 * (analytics settings): keys and pointer presses count as input, a pause over the idle gap ends
 * a stretch (core/analytics/breakTimer). Listens passively on window; costs nothing per frame.
 */
export function BreakReminder({ sequenceId }: { sequenceId: string }) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState<AnalyticsSettings | null>(null);
  const [dueMinutes, setDueMinutes] = useState<number | null>(null);
  const timer = useRef(newBreakTimer());
  useEffect(() => {
    let live = true;
    void (async () => {
      const list = await ok(apiClient.api.sequences.$get({ query: {} }));
      const projectId = list.find((s) => s.id === sequenceId)?.projectId;
      if (!projectId) return;
      const s = await ok(
        apiClient.api.projects[":id"].analytics.settings.$get({ param: { id: pathParam(projectId) } }),
      );
      if (live) setSettings(s);
    })().catch(() => {});
    return () => {
      live = false;
    };
  }, [sequenceId]);
  const limits = useRef<{ idleGapMs: number; breakAfterMs: number } | null>(null);
  limits.current = settings && {
    idleGapMs: settings.idleGapMinutes * 60_000,
    breakAfterMs: settings.breakAfterMinutes * 60_000,
  };
  // Input counts from the first moment, before the settings arrive (the idle gap then assumed is
  // the default's; a stretch's start does not depend on it unless the first gap is over 5 minutes).
  useEffect(() => {
    const onInput = () => {
      const idleGapMs = limits.current?.idleGapMs ?? DEFAULT_ANALYTICS_SETTINGS.idleGapMinutes * 60_000;
      timer.current = recordInput(timer.current, Date.now(), idleGapMs);
    };
    const check = () => setDueMinutes(limits.current && breakDue(timer.current, Date.now(), limits.current));
    window.addEventListener("keydown", onInput, { passive: true });
    window.addEventListener("pointerdown", onInput, { passive: true });
    const id = window.setInterval(check, CHECK_MS);
    return () => {
      window.removeEventListener("keydown", onInput);
      window.removeEventListener("pointerdown", onInput);
      window.clearInterval(id);
    };
  }, []);
  if (dueMinutes === null) return null;
  return (
    <div className="break-reminder" role="status" data-testid="break-reminder">
      {t("workspace.breakReminder", { minutes: dueMinutes })}{" "}
      <button
        type="button"
        onClick={() => {
          timer.current = snooze(timer.current, Date.now());
          setDueMinutes(null);
        }}
      >
        {t("workspace.breakLater")}
      </button>
    </div>
  );
}
