/*
 * What a device pushes after a few days offline: ticks for its unit's duties over the last days, 100 to a batch
 * (the bench's batch size), each valid for the real rules (the period has opened, the duty is due in it).
 */
import { addDays, dateKeyOf, weekKeyOf, PACKAGE_CALENDAR } from '../../shared/calendar';
import { dueAt, periodStart } from '../../shared/schedule';
import type { ClientEvent } from '../../shared/schemas/events';
import type { Duty } from '../../shared/schemas/org';
import type { Enrolled, SyntheticOrg } from '../county/org';
import { eventIdAt } from '../../shared/eventId';

export const BATCH = 100;

export interface Batch {
  who: Enrolled;
  events: ClientEvent[];
}

/** The (duty, period) pairs a unit can tick at `now`, newest first. */
export function tickablePeriods(duties: readonly Duty[], now: number, days = 5): Array<{ duty: Duty; key: string }> {
  const out: Array<{ duty: Duty; key: string }> = [];
  for (const duty of duties.filter((d) => d.cadence === 'weekly')) {
    const key = weekKeyOf(now);
    if (dueAt(duty, key, PACKAGE_CALENDAR) !== null) out.push({ duty, key });
  }
  for (let i = 0; i < days; i++) {
    const key = addDays(dateKeyOf(now), -i);
    for (const duty of duties.filter((d) => d.cadence === 'daily')) {
      if (dueAt(duty, key, PACKAGE_CALENDAR) !== null && periodStart('daily', key) <= now) out.push({ duty, key });
    }
  }
  return out;
}

/** `count` events in batches of BATCH, each batch from one unit's staff, walking over the units. */
export function makeBatches(org: SyntheticOrg, count: number, now: number, firstUnit = 0): Batch[] {
  const periods = tickablePeriods(org.duties, now);
  const batches: Batch[] = [];
  for (let b = 0; b * BATCH < count; b++) {
    const unit = org.units[(firstUnit + b) % org.units.length];
    const who = org.staffByUnit.get(unit.id)![0];
    const events = periods.slice(0, Math.min(BATCH, count - b * BATCH)).map(
      ({ duty, key }, i): ClientEvent => ({ id: eventIdAt(now - 60_000 + i), unitId: unit.id, clientTime: now - 60_000 + i, kind: 'duty.checked', payload: { dutyId: duty.id, periodKey: key } }),
    );
    if (events.length < Math.min(BATCH, count - b * BATCH)) throw new Error('可打勾的周期不足一批');
    batches.push({ who, events });
  }
  return batches;
}
