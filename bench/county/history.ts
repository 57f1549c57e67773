/*
 * A year of a county's history, as the real ledger would hold it: every tick and untick of every unit's duties
 * (most on time, some late or made up the next day, a few toggled or missed), and a few thousand issues walked
 * through their lifecycle (reported, assigned, rectified, verified, sometimes reopened or rejected). Projection
 * rows are folded with the shared rules (applyDutyEvent, newIssue, applyIssueMove), not written by hand.
 */
import { UUID } from 'uuidv7';
import type { Db } from '../../server/db/open';
import { DAY, HOUR, MINUTE, addDays, dateKeyOf, startOfDate, weekKeyOfDate, PACKAGE_CALENDAR } from '../../shared/calendar';
import { dueAt, dueDate } from '../../shared/schedule';
import { applyDutyEvent, type DutyCheckRow } from '../../shared/projection';
import type { Duty, Unit } from '../../shared/schemas/org';
import { mulberry32, type Rng } from '../../server/seed/random';
import type { Scale } from '../scale';
import type { SyntheticOrg } from './org';
import { LedgerWriter, type GenEvent } from './ledgerWriter';
import { buildSupervision, type MakeEvent } from './supervision';

export interface HistoryStats {
  firstDate: string;
  lastDate: string;
  dutyPeriods: number;
  dutyChecks: number;
  events: number;
  issues: number;
  inspections: number;
  eventsByKind: Record<string, number>;
}

/** A UUIDv7 made at `ms`, as the device would have made it then. */
function uuidAt(rng: Rng, ms: number): string {
  return UUID.fromFieldsV7(ms, rng.int(0, 0xfff), rng.int(0, 2 ** 30 - 1), rng.int(0, 2 ** 32 - 1)).toString();
}

/** When the server got it: mostly seconds later, sometimes minutes, now and then after a day offline. */
function receiveDelay(rng: Rng): number {
  const r = rng.next();
  if (r < 0.9) return rng.int(1000, 30_000);
  if (r < 0.99) return rng.int(MINUTE, HOUR);
  return rng.int(2 * HOUR, 2 * DAY);
}

interface Slot {
  duty: Duty;
  key: string;
  due: number;
}

export function buildHistory(db: Db, org: SyntheticOrg, scale: Scale, now: number, seed = 7): HistoryStats {
  const rng = mulberry32(seed);
  const raw = db.$client;
  const writer = new LedgerWriter(raw);
  const insertCheck = raw.prepare(
    'insert into duty_checks (unit_id, duty_id, period_key, checked, checked_at, checked_by, last_at, last_event_id, history) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const latest = now - MINUTE;
  const today = dateKeyOf(now);
  const firstDate = addDays(today, -scale.days);
  const zoneOf = new Map(org.units.map((u) => [u.id, u.zoneId]));
  let dutyPeriods = 0;
  let dutyChecks = 0;

  const event: MakeEvent = (who, unitId, clientTime, body, zoneId, receivedNotBefore = 0) =>
    ({
      id: uuidAt(rng, clientTime),
      unitId,
      clientTime,
      ...body,
      zoneId: zoneId ?? zoneOf.get(unitId)!,
      actorId: who.person.id,
      deviceId: who.deviceId,
      receivedAt: Math.max(receivedNotBefore, Math.min(clientTime + receiveDelay(rng), now - 1000)),
    }) as GenEvent;

  /** The ticks one unit makes for one duty-period, folded into its duty_checks row. */
  const period = (unit: Unit, slot: Slot) => {
    dutyPeriods++;
    const { due } = slot;
    const dueDay = startOfDate(dateKeyOf(due));
    const onTime = () => rng.int(due - 2 * HOUR, due - MINUTE);
    const r = rng.next();
    let plan: Array<['duty.checked' | 'duty.unchecked', number]>;
    if (r < 0.85) plan = [['duty.checked', onTime()]];
    else if (r < 0.9) plan = [['duty.checked', rng.int(due + MINUTE, Math.max(due + MINUTE, dueDay + 22 * HOUR))]];
    else if (r < 0.92) plan = [['duty.checked', dueDay + DAY + rng.int(8 * HOUR, 11 * HOUR)]]; // 补做 the next morning
    else if (r < 0.95) {
      const t = rng.int(due - 2 * HOUR, due - 30 * MINUTE);
      plan = [['duty.checked', t], ['duty.unchecked', t + rng.int(MINUTE, 10 * MINUTE)], ['duty.checked', t + rng.int(11 * MINUTE, 25 * MINUTE)]];
    } else if (r < 0.99) plan = [];
    else {
      const t = onTime();
      plan = [['duty.checked', t], ['duty.unchecked', t + rng.int(10_000, 10 * MINUTE)]];
    }
    const who = rng.pick(org.staffByUnit.get(unit.id)!);
    let row: DutyCheckRow | undefined;
    for (const [kind, at] of plan) {
      if (at > latest) break; // not done yet: the bench's "now" is mid-day
      const payload = { dutyId: slot.duty.id, periodKey: slot.key };
      const e = event(who, unit.id, at, { kind, payload });
      writer.add(e);
      row = applyDutyEvent(row, { id: e.id, unitId: unit.id, actorId: who.person.id, effectiveAt: at }, kind, payload) ?? row;
    }
    if (row) {
      insertCheck.run(row.unitId, row.dutyId, row.periodKey, row.checked ? 1 : 0, row.checkedAt, row.checkedBy, row.lastAt, row.lastEventId, row.history ? JSON.stringify(row.history) : null);
      dutyChecks++;
    }
  };

  const supervision = buildSupervision(db, org, scale, rng, { firstDate, latest }, event, (e) => writer.add(e), (ms) => uuidAt(rng, ms));

  const daily = org.duties.filter((d) => d.cadence === 'daily');
  const weekly = org.duties.filter((d) => d.cadence === 'weekly');
  const commitEvery = 20;
  raw.exec('begin');
  for (let date = firstDate, n = 0; date <= today; date = addDays(date, 1), n++) {
    const slots: Slot[] = [];
    for (const duty of daily) {
      const due = dueAt(duty, date, PACKAGE_CALENDAR);
      if (due !== null) slots.push({ duty, key: date, due });
    }
    const week = weekKeyOfDate(date);
    for (const duty of weekly) {
      // A weekly duty's period is generated on its due date (so only weeks whose due date is in the window).
      if (dueDate(duty, week, PACKAGE_CALENDAR) === date) slots.push({ duty, key: week, due: dueAt(duty, week, PACKAGE_CALENDAR)! });
    }
    for (const unit of org.units) for (const slot of slots) period(unit, slot);
    writer.flushBefore(startOfDate(date) + DAY);
    if (n % commitEvery === commitEvery - 1) {
      raw.exec('commit');
      raw.exec('begin');
    }
  }
  writer.flushAll();
  raw.exec('commit');

  return {
    firstDate,
    lastDate: today,
    dutyPeriods,
    dutyChecks,
    events: writer.written,
    issues: supervision.issues,
    inspections: supervision.rounds,
    eventsByKind: Object.fromEntries(writer.counts),
  };
}
