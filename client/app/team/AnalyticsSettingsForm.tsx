import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnalyticsSettings } from "../../../core/analytics/AnalyticsSettings";
import { apiClient, ok, pathParam } from "../apiClient";
import { ActionResult, useAction } from "../useAction";

/** The zones this browser knows, offered as the field's suggestions (the server checks the name). */
const ZONES: readonly string[] = Intl.supportedValuesOf?.("timeZone") ?? [];

const toMicros = (text: string) => Math.round(Number(text) * 1_000_000);
const fromMicros = (micros: number) => String(micros / 1_000_000);

/**
 * The lead's settings: idle gap, break reminder length, currency, rate per box and per class
 * ("Car=0.05, Truck=0.08"), and the time zone whose days the figures follow.
 */
export function AnalyticsSettingsForm({
  projectId,
  settings,
  onSaved,
}: {
  projectId: string;
  settings: AnalyticsSettings;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [idle, setIdle] = useState(String(settings.idleGapMinutes));
  const [breakAfter, setBreakAfter] = useState(String(settings.breakAfterMinutes));
  const [currency, setCurrency] = useState(settings.currency);
  const [rate, setRate] = useState(fromMicros(settings.ratePerBoxMicros));
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [classRates, setClassRates] = useState(
    Object.entries(settings.classRatesMicros)
      .map(([c, m]) => `${c}=${fromMicros(m)}`)
      .join(", "),
  );
  const save = (e: FormEvent) => {
    e.preventDefault();
    void action.run(async () => {
      const perClass = Object.fromEntries(
        classRates
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean)
          .map((s) => {
            const [name = "", value = ""] = s.split("=");
            return [name.trim(), toMicros(value)];
          }),
      );
      await ok(
        apiClient.api.projects[":id"].analytics.settings.$put({
          param: { id: pathParam(projectId) },
          json: {
            idleGapMinutes: Number(idle),
            breakAfterMinutes: Number(breakAfter),
            currency: currency.trim().toUpperCase(),
            ratePerBoxMicros: toMicros(rate),
            classRatesMicros: perClass,
            timeZone: timeZone.trim(),
          },
        }),
      );
      onSaved();
    });
  };
  return (
    <form className="form" onSubmit={save} data-testid="analytics-settings">
      <ActionResult action={action} />
      <label>
        {t("team.settings.idleGap")}
        <input type="number" min={1} max={120} value={idle} onChange={(e) => setIdle(e.target.value)} />
      </label>
      <label>
        {t("team.settings.breakAfter")}
        <input
          type="number"
          min={5}
          max={600}
          value={breakAfter}
          onChange={(e) => setBreakAfter(e.target.value)}
          data-testid="break-after"
        />
      </label>
      <label>
        {t("team.settings.currency")}
        <input value={currency} maxLength={3} onChange={(e) => setCurrency(e.target.value)} />
      </label>
      <label>
        {t("team.settings.ratePerBox")}
        <input type="number" min={0} step="0.0001" value={rate} onChange={(e) => setRate(e.target.value)} />
      </label>
      <label>
        {t("team.settings.classRates")}
        <input value={classRates} onChange={(e) => setClassRates(e.target.value)} />
      </label>
      <label>
        {t("team.settings.timeZone", { example: "Asia/Shanghai" })}
        <input
          value={timeZone}
          list="analytics-time-zones"
          onChange={(e) => setTimeZone(e.target.value)}
          data-testid="time-zone-input"
        />
        <datalist id="analytics-time-zones">
          {ZONES.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <button type="submit" data-testid="analytics-settings-save">
        {t("team.settings.save")}
      </button>
    </form>
  );
}
