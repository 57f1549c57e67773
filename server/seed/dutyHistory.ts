/*
 * 60 days of ticks for every unit's responsibility list. Of the periods a duty was due, about 80% are checked on
 * time, 8% late and 12% not at all; a few lagging units miss half, so the dashboards have something true to show.
 * Holidays and 调休 come from shared/schedule.ts (no tick for a period a duty is not due in), a few ticks are
 * taken back and made again, and a few arrive hours later from a browser that was offline.
 */
import type { Duty, Person, Unit } from '../../shared/schemas/org';
import { DAY, HOUR, MINUTE, addDays, dateKeyOf, startOfDate, type Calendar } from '../../shared/calendar';
import { dueAt, dueDate, dutyAppliesTo, periodEnd, periodKeysBetween, periodStart } from '../../shared/schedule';
import type { SeedEvent } from './ledgerWriter';
import { uuidv7At, type Rng } from './random';
import { mustGet } from '../domain/mustGet';

export const HISTORY_DAYS = 60;
/** Units that fall behind: about half their due periods go unchecked. */
export const LAGGING_UNIT_NAMES = ['县粮食储备库', '县燃气公司', '西关农贸市场', '北关社区'];

interface Period {
  key: string;
  due: number;
  start: number;
  end: number;
  /** Midnight starting the day the duty falls due. */
  dueDayStart: number;
}

export function dutyHistory(units: readonly Unit[], people: readonly Person[], duties: readonly Duty[], rng: Rng, now: number, calendar: Calendar): SeedEvent[] {
  const today = dateKeyOf(now);
  const from = addDays(today, -(HISTORY_DAYS - 1));
  // Due instants depend only on (duty, period): work them out once, not once per unit.
  const periodsOf = new Map<string, Period[]>();
  for (const duty of duties) {
    const periods: Period[] = [];
    for (const key of periodKeysBetween(duty.cadence, from, today)) {
      const due = dueAt(duty, key, calendar);
      if (due === null) continue;
      periods.push({ key, due, start: periodStart(duty.cadence, key), end: periodEnd(duty.cadence, key), dueDayStart: startOfDate(dueDate(duty, key, calendar)!) });
    }
    periodsOf.set(duty.id, periods);
  }
  const lagging = new Set(LAGGING_UNIT_NAMES);
  const out: SeedEvent[] = [];
  for (const unit of units) {
    const staff = people.filter((p) => p.unitId === unit.id && p.role === 'staff');
    const missRate = lagging.has(unit.name) ? 0.5 : 0.12;
    const lateRate = lagging.has(unit.name) ? 0.15 : 0.08;
    for (const duty of duties) {
      if (!dutyAppliesTo(duty, unit.id)) continue;
      for (const period of mustGet(periodsOf, duty.id, '事项')) {
        const roll = rng.next();
        if (roll < missRate) continue;
        const late = roll < missRate + lateRate;
        const at = late ? lateTime(duty, period, rng) : onTimeTime(duty, period, rng);
        if (at > now - MINUTE || at < period.start) continue;
        const actor = rng.pick(staff);
        const tick = (kind: 'duty.checked' | 'duty.unchecked', clientTime: number) => {
          if (clientTime > now - MINUTE) return;
          // Most ticks reach the server within seconds; a few wait hours in an offline browser's outbox.
          const delay = rng.chance(0.03) ? rng.int(1, 20) * HOUR : rng.int(1, 30) * 1000;
          out.push({
            event: { id: uuidv7At(clientTime, rng), unitId: unit.id, clientTime, kind, payload: { dutyId: duty.id, periodKey: period.key } },
            actorId: actor.id,
            receivedAt: Math.min(clientTime + delay, now),
          });
        };
        tick('duty.checked', at);
        if (rng.chance(0.03)) {
          // Ticked by mistake, taken back, and (usually) ticked again a little later.
          const undo = at + rng.int(1, 10) * MINUTE;
          tick('duty.unchecked', undo);
          if (rng.chance(0.8)) tick('duty.checked', undo + rng.int(1, 20) * MINUTE);
        }
      }
    }
  }
  return out;
}

/** A time before the due time, within working hours of the period (a weekly item: on or a day or two before its due day). */
function onTimeTime(duty: Duty, p: Period, rng: Rng): number {
  if (duty.cadence === 'daily') {
    const earliest = Math.max(p.dueDayStart + 6.5 * HOUR, p.due - 4 * HOUR);
    return earliest + Math.floor(rng.next() * (p.due - 5 * MINUTE - earliest));
  }
  const daysBefore = rng.pick([0, 0, 0, 1, 2]);
  // Shanghai keeps no daylight saving, so a day is always 24 hours.
  const at = p.dueDayStart - daysBefore * DAY + 8.5 * HOUR + rng.int(0, 8 * 60) * MINUTE;
  return at >= p.start && at < p.due ? at : p.due - rng.int(5, 90) * MINUTE;
}

/** A time after the due time: the same day for a daily item, up to two days later for a weekly one. */
function lateTime(duty: Duty, p: Period, rng: Rng): number {
  const latest = duty.cadence === 'daily' ? Math.min(p.due + 6 * HOUR, p.end - 10 * MINUTE) : p.due + 2 * DAY;
  return p.due + 10 * MINUTE + Math.floor(rng.next() * Math.max(MINUTE, latest - p.due - 10 * MINUTE));
}
