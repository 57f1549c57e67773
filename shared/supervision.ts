/*
 * Supervision rules computed from plain rows and a clock, the same on the server (alerts, 回头看 lists, zones
 * due) and in the extension (showing levels and due times): escalation of overdue issues, when a 回头看 is due,
 * when a zone is due for inspection, which unit files an inspection round, and what counts as "the same place".
 * Nothing here reads the time itself: `now` is always passed in.
 */
import { DAY, addDays, dateKeyOf } from './calendar';
import type { DayCounter } from './deadlines';
import { OPEN_STATES } from './issueFlow';
import type { IssueRow } from './projection';
import type { Unit, Zone } from './schemas/org';

/** Who an overdue issue has reached, lowest first: 责任单位 → 牵头单位 → 片长 → 指挥部. */
export const ESCALATION_LEVELS = ['unit', 'leadUnit', 'zoneChief', 'commandCenter'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_NAMES: Record<EscalationLevel, string> = {
  unit: '责任单位',
  leadUnit: '牵头单位',
  zoneChief: '片长',
  commandCenter: '指挥部',
};

export interface SupervisionSettings {
  /** Each zone is inspected every this many days (三天一督查). */
  inspectionEveryDays: number;
  /** An overdue issue moves up one level per this many days overdue. */
  escalateEveryDays: number;
  /** A new report is offered a merge with open issues of the same kind and place reported within this many days. */
  duplicateWindowDays: number;
  /** The 回头看 falls due this many days after the unit reports the fix (一周后回头看). */
  recheckAfterDays: number;
}

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = {
  inspectionEveryDays: 3,
  escalateEveryDays: 1,
  duplicateWindowDays: 7,
  recheckAfterDays: 7,
};
/** A place with this many issues within the window is flagged 反复出现. */
export const HOTSPOT_MIN_ISSUES = 3;
export const HOTSPOT_WINDOW_DAYS = 30;
export const HOTSPOT_LABEL = '反复出现';

export interface Escalation {
  level: EscalationLevel;
  /** 0 = 责任单位 … 3 = 指挥部. */
  index: number;
  /** How long past the deadline, in ms. */
  overdueMs: number;
  /** When the issue reached this level. */
  since: number;
}

/**
 * Where an issue stands on the escalation ladder at `now`, or null when it is not overdue. Only issues the unit
 * still owes a fix for escalate (reported, assigned, reopened); a reported fix waits for the inspectors.
 * Just past the deadline it sits with the unit; every `everyDays` more it climbs one level, up to 指挥部. Days are
 * counted as the category counts its 时限 (`counter`): in working days, nothing climbs over a holiday.
 */
export function escalationOf(issue: Pick<IssueRow, 'state' | 'deadlineAt'>, now: number, everyDays: number, counter: DayCounter): Escalation | null {
  if (!OPEN_STATES.includes(issue.state) || now <= issue.deadlineAt) return null;
  let index = 0;
  while (index < ESCALATION_LEVELS.length - 1 && counter.after(issue.deadlineAt, (index + 1) * everyDays) <= now) index++;
  return { level: ESCALATION_LEVELS[index], index, overdueMs: now - issue.deadlineAt, since: counter.after(issue.deadlineAt, index * everyDays) };
}

/**
 * When the 回头看 of an issue falls due, or null when there is nothing to go back to yet: `afterDays` after the
 * unit reported its fix (a week unless the command center set otherwise). A redo after a failed check (返工) is
 * a new fix, so its 回头看 runs from the redo. The check may be done earlier; the list shows it from this time.
 */
export function recheckDueAt(issue: Pick<IssueRow, 'state' | 'rectifiedAt' | 'updatedAt'>, afterDays: number): number | null {
  if (issue.state !== 'rectified') return null;
  return (issue.rectifiedAt ?? issue.updatedAt) + afterDays * DAY;
}

export type InspectionStatus = 'ok' | 'due' | 'overdue';
export const INSPECTION_STATUS_NAMES: Record<InspectionStatus, string> = { ok: '未到期', due: '今日应督查', overdue: '已超期' };

/**
 * Whether a zone is due for inspection at `now`: due on the Shanghai date `everyDays` after the last round,
 * overdue after that date; a zone never inspected is due at once.
 */
export function inspectionDue(lastInspectedAt: number | null, now: number, everyDays: number): { dueDate: string; status: InspectionStatus } {
  const today = dateKeyOf(now);
  if (lastInspectedAt === null) return { dueDate: today, status: 'due' };
  const dueDate = addDays(dateKeyOf(lastInspectedAt), everyDays);
  return { dueDate, status: today < dueDate ? 'ok' : today === dueDate ? 'due' : 'overdue' };
}

/**
 * The unit an inspection round of these zones is filed under: the first zone's lead unit (its head is the one
 * a round is copied to), or, for a zone without one, the first unit of the zone by id. Null: no unit at all.
 */
export function inspectionUnitOf(zoneId: string, zones: readonly Zone[], units: readonly Unit[]): string | null {
  const zone = zones.find((z) => z.id === zoneId);
  if (!zone) return null;
  if (zone.leadUnitId) return zone.leadUnitId;
  const inZone = units.filter((u) => u.zoneId === zoneId).map((u) => u.id).sort();
  return inZone[0] ?? null;
}

/** "The same place" for duplicates and hotspots: the grid cell when known, else the zone and the place text. */
export function placeKey(issue: Pick<IssueRow, 'zoneId' | 'gridCellId' | 'place'>): string {
  if (issue.gridCellId) return `cell:${issue.gridCellId}`;
  return `zone:${issue.zoneId}:${issue.place.replace(/\s+/g, '').toLowerCase()}`;
}
