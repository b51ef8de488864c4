import { isMachineProvenance } from "../model/Provenance";
import { type BoxEvent, classifyBoxEvent } from "./BoxEvent";
import { DEFAULT_TIME_ZONE, localDay } from "./localDay";
import {
  emptyCounts,
  finishPersonDays,
  type PersonDayCounts,
  type PersonDayFigures,
} from "./PersonDayFigures";
import { workStretches } from "./workStretches";

/** One save: who and when (a batch of the operation log). */
export interface SaveTime {
  author: string;
  atMs: number;
}

/**
 * Per person and day, from box events and save times (pure; the server computes the same with SQL).
 * Active time counts each gap of at most `idleGapMs` between a person's saves on the day of the
 * later save. Days are calendar days in `timeZone` (an IANA name).
 */
export function computePersonDays(
  events: readonly BoxEvent[],
  saves: readonly SaveTime[],
  idleGapMs: number,
  timeZone: string = DEFAULT_TIME_ZONE,
): PersonDayFigures[] {
  const rows = new Map<string, PersonDayCounts>();
  const row = (person: string, ms: number) => {
    const day = localDay(ms, timeZone);
    const key = `${person}\u0000${day}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyCounts(person, day)));
    return r;
  };
  const last = new Map<string, BoxEvent>();
  for (const e of events) {
    const k = classifyBoxEvent(e);
    const r = row(e.author, e.atMs);
    if (k.created) r.boxesCreated++;
    if (k.edited) r.boxesEdited++;
    if (k.deleted) r.boxesDeleted++;
    if (k.machineCreated) r.machineBoxesCreated++;
    if (k.machineCorrected) r.machineBoxesCorrected++;
    const key = `${e.sequenceId}\u0000${e.cuboidId}`;
    const prev = last.get(key);
    if (!prev || prev.revision < e.revision || prev.sequenceId !== e.sequenceId) last.set(key, e);
  }
  for (const e of last.values()) {
    if (e.provenance === null) continue;
    const r = row(e.author, e.atMs);
    r.boxFramesFinished++;
    if (isMachineProvenance(e.provenance)) r.machineBoxesUnchanged++;
  }
  const byPerson = new Map<string, number[]>();
  for (const s of saves) {
    const list = byPerson.get(s.author) ?? [];
    list.push(s.atMs);
    byPerson.set(s.author, list);
  }
  for (const [person, times] of byPerson) {
    for (const w of workStretches(times, idleGapMs)) {
      const r = row(person, w.startMs);
      r.longestStretchSeconds = Math.max(r.longestStretchSeconds, (w.endMs - w.startMs) / 1000);
    }
    const sorted = [...times].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) {
      const [previousMs, atMs] = [sorted[i - 1], sorted[i]];
      if (previousMs === undefined || atMs === undefined) continue;
      const gap = atMs - previousMs;
      if (gap <= idleGapMs) row(person, atMs).activeSeconds += gap / 1000;
    }
  }
  return finishPersonDays(rows.values());
}
