/*
 * Duty completion across units: per unit, zone, day and week, from the schedule × duties × units joined with the
 * duty_checks projection. Built to stay fast on a year of a 300-unit county:
 * - the due instant and end of each (duty, period) are worked out once (holidays are per date, not per unit);
 * - duty_checks for the range are read in one indexed query into a flat array addressed by (unit, duty, period);
 * - then every unit × duty × period is judged by shared/schedule.ts statusGivenDue and counted in memory.
 * The ledger is not read. An item counts on its due date (a weekly sweep on its due weekday); an item not due at
 * all (a holiday) counts on its period's first date. Items whose date falls outside from..to are left out.
 * Each period is judged by the organisation of its first day (org.ts, orgTimeline.ts): the duty's due time and
 * owners then, and the zone the unit sat in then. A county with no dated changes takes none of those detours.
 */
import type { Db } from '../../db/open';
import { dutyInPeriod, periodFirstDate, type Org } from '../org';
import { loadCalendar } from '../calendar';
import type { Unit, Zone } from '../../../shared/schemas/org';
import { datesBetween, weekKeyOfDate } from '../../../shared/calendar';
import { dueAt, dueDate, dutyAppliesTo, periodEnd, periodKeysBetween, statusGivenDue } from '../../../shared/schedule';
import { DUTY_STATUSES, emptyTally, figuresOf, type DutyFigures, type DutyStatus } from '../../../shared/metrics';
import type { DutyMiss } from '../../../shared/assessment/score';

export interface UnitStats extends DutyFigures {
  unitId: string;
  unitName: string;
  zoneId: string;
}
export interface ZoneStats extends DutyFigures {
  zoneId: string;
  zoneName: string;
  zoneNumber: number;
  unitCount: number;
}
/** One square of the unit × day heat map: its items by state (shared/metrics.ts), not_due left out. */
export interface HeatCell {
  done: number;
  missed: number;
  overdue: number;
  pending: number;
}

export interface CompletionReport {
  from: string;
  to: string;
  now: number;
  dates: string[];
  weeks: string[];
  total: DutyFigures;
  byZone: ZoneStats[];
  byUnit: UnitStats[];
  byDay: (DutyFigures & { date: string })[];
  byWeek: (DutyFigures & { week: string })[];
  /** Rows in byUnit order, cells in `dates` order; left out (null) for ranges over HEAT_MAX_DAYS. */
  heat: { unitId: string; cells: HeatCell[] }[] | null;
  /** How many periods each unit missed of each duty (only pairs with a miss), for naming them in a bulletin. */
  missedDuties: { unitId: string; dutyId: string; missed: number }[];
  /** Each missed item (only with options.misses): what 考核 deducts for. */
  misses: DutyMiss[];
}

export interface CompletionOptions {
  /** Build the unit × day heat map; by default only for ranges of up to HEAT_MAX_DAYS. */
  heat?: boolean;
  /** Count the units' items only while they sat in these zones (a zone's report). By default, all of them. */
  zoneIds?: ReadonlySet<string>;
  /** List every missed item. */
  misses?: boolean;
}

export const HEAT_MAX_DAYS = 62;

interface Slot {
  period: number;
  day: number;
  week: number;
  due: number | null;
  end: number;
  /** The period's first date: whose organisation judges it. */
  first: string;
  /** The duty's owners then, when the duty has dated versions; null: as the duty says. */
  owners: string[] | null;
}

/** The zone a unit sat in on a date (undefined: the unit was not in effect), or null when it never moved. */
function zoneOfUnit(org: Org, unit: Unit): ((date: string) => string | undefined) | null {
  if (!org.timeline.versionsOf('unit', unit.id)) return null;
  const zones = new Map<string, string | undefined>();
  return (date) => {
    if (!zones.has(date)) zones.set(date, org.on(date).unitById.get(unit.id)?.zoneId);
    return zones.get(date);
  };
}

export function completionReport(
  db: Db,
  org: Org,
  units: Unit[],
  zones: Zone[],
  from: string,
  to: string,
  now: number,
  options: CompletionOptions = {},
): CompletionReport {
  const dates = datesBetween(from, to);
  const dayIndex = new Map(dates.map((d, i) => [d, i]));
  const weeks = [...new Set(dates.map(weekKeyOfDate))];
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  // With dated changes, every duty ever listed: one ended since may still have been due in the range.
  const duties = org.timeline.isEmpty ? org.duties : [...org.dutyById.values()];
  const zoneFilter = options.zoneIds;
  // The county's calendar as it stands now: a schedule entered after its days passed re-judges them here.
  const calendar = loadCalendar(db);

  // Every period key a duty of the list has in the range, numbered.
  const periodKeys = [...new Set(duties.flatMap((d) => periodKeysBetween(d.cadence, from, to)))];
  const periodIndex = new Map(periodKeys.map((k, i) => [k, i]));

  // The plan: for each duty, its periods in range with their due instant and end, computed once.
  const dated = duties.map((duty) => org.timeline.versionsOf('duty', duty.id) !== undefined);
  const slots: Slot[][] = duties.map((duty, d) =>
    periodKeysBetween(duty.cadence, from, to).flatMap((key) => {
      const first = periodFirstDate(key);
      const then = dated[d] ? dutyInPeriod(org, duty.id, key) : duty;
      if (!then) return [];
      const date = dueDate(then, key, calendar) ?? first;
      const day = dayIndex.get(date);
      if (day === undefined) return [];
      const week = weekIndex.get(weekKeyOfDate(date))!;
      return [{ period: periodIndex.get(key)!, day, week, due: dueAt(then, key, calendar), end: periodEnd(duty.cadence, key), first, owners: dated[d] ? then.unitIds : null }];
    }),
  );

  const checkedAt = readChecks(db, units, duties.map((d) => d.id), periodKeys);

  const total = emptyTally();
  const zoneTallies = new Map(zones.map((z) => [z.id, emptyTally()]));
  const dayTallies = dates.map(emptyTally);
  const weekTallies = weeks.map(emptyTally);
  const withHeat = options.heat ?? dates.length <= HEAT_MAX_DAYS;
  const missedDuties: CompletionReport['missedDuties'] = [];
  const misses: DutyMiss[] = [];
  const heat: { unitId: string; cells: HeatCell[] }[] = [];
  const unitStats: UnitStats[] = [];
  const nDuties = duties.length;
  const nPeriods = periodKeys.length;

  const unitsOfZone = new Map(zones.map((z) => [z.id, new Set<string>()]));
  units.forEach((unit, u) => {
    const tally = emptyTally();
    const zoneOn = zoneOfUnit(org, unit);
    // A unit that never moved counts in one zone throughout (or in none, outside a zone report's zone).
    const fixedTally = zoneOn || (zoneFilter && !zoneFilter.has(unit.zoneId)) ? undefined : zoneTallies.get(unit.zoneId);
    if (!zoneOn && zoneFilter && !zoneFilter.has(unit.zoneId)) return;
    const cells: HeatCell[] = withHeat ? dates.map(() => ({ done: 0, missed: 0, overdue: 0, pending: 0 })) : [];
    duties.forEach((duty, d) => {
      const owns = dutyAppliesTo(duty, unit.id);
      if (!owns && !dated[d]) return;
      const base = (u * nDuties + d) * nPeriods;
      const missedBefore = tally.missed;
      for (const slot of slots[d]) {
        if (slot.owners ? !(slot.owners.length === 0 || slot.owners.includes(unit.id)) : !owns) continue;
        let zoneTally = fixedTally;
        if (zoneOn) {
          const zoneId = zoneOn(slot.first);
          if (zoneId === undefined || (zoneFilter && !zoneFilter.has(zoneId))) continue;
          zoneTally = zoneTallies.get(zoneId);
          unitsOfZone.get(zoneId)?.add(unit.id);
        }
        let status: DutyStatus;
        if (slot.due === null) status = 'not_due';
        else {
          const at = checkedAt[base + slot.period];
          status = statusGivenDue(slot.due, slot.end, Number.isNaN(at) ? null : at, now);
        }
        total[status]++;
        tally[status]++;
        if (zoneTally) zoneTally[status]++;
        dayTallies[slot.day][status]++;
        weekTallies[slot.week][status]++;
        if (withHeat) countHeat(cells[slot.day], status);
        if (status === 'missed' && options.misses) {
          misses.push({ unitId: unit.id, dutyId: duty.id, cadence: duty.cadence, periodKey: periodKeys[slot.period], date: dates[slot.day] });
        }
      }
      if (tally.missed > missedBefore) missedDuties.push({ unitId: unit.id, dutyId: duty.id, missed: tally.missed - missedBefore });
    });
    const counted = DUTY_STATUSES.some((s) => tally[s] > 0);
    // A unit that moved out of the zone of a zone's report before the range began has nothing in it: left out.
    if (zoneFilter && zoneOn && !counted) return;
    if (fixedTally && counted) unitsOfZone.get(unit.zoneId)!.add(unit.id);
    const zoneId = zoneOn?.(to) ?? unit.zoneId;
    unitStats.push({ unitId: unit.id, unitName: unit.name, zoneId, ...figuresOf(tally) });
    if (withHeat) heat.push({ unitId: unit.id, cells });
  });

  return {
    from,
    to,
    now,
    dates,
    weeks,
    total: figuresOf(total),
    byZone: zones.map((z) => ({ zoneId: z.id, zoneName: z.name, zoneNumber: z.number, unitCount: unitsOfZone.get(z.id)!.size, ...figuresOf(zoneTallies.get(z.id)!) })),
    byUnit: unitStats,
    byDay: dates.map((date, i) => ({ date, ...figuresOf(dayTallies[i]) })),
    byWeek: weeks.map((week, i) => ({ week, ...figuresOf(weekTallies[i]) })),
    heat: withHeat ? heat : null,
    missedDuties,
    misses,
  };
}

function countHeat(cell: HeatCell, status: DutyStatus): void {
  if (status === 'on_time' || status === 'late') cell.done++;
  else if (status !== 'not_due') cell[status]++;
}

/** Up to this many units, the query names them: the primary key starts with unit_id. */
const UNIT_FILTER_MAX = 50;
/** Up to this many periods (about two months), checks are found through the duty_checks_period index. */
const PERIOD_INDEX_MAX = 70;

/*
 * When each (unit, duty, period) in range was checked, as a flat array indexed (unit × duties + duty) × periods
 * + period; NaN where it is not checked. A short range of a few units is read from the primary key, (unit, duty)
 * by (unit, duty); of many units, through the period index, row by row. A long one (a year of a county: two
 * million checks) reads the table in primary-key order. Where the rows come by (unit, duty), each comes as one row
 * with its checks concatenated: handing SQLite's rows to JavaScript one by one is what costs, far more than
 * counting them.
 */
function readChecks(db: Db, units: Unit[], dutyIds: string[], periodKeys: string[]): Float64Array {
  const out = new Float64Array(units.length * dutyIds.length * periodKeys.length).fill(Number.NaN);
  if (out.length === 0) return out;
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  const dutyIndex = new Map(dutyIds.map((d, i) => [d, i]));
  const periodIndex = new Map(periodKeys.map((k, i) => [k, i]));
  const nPeriods = periodKeys.length;
  const put = (unitId: string, dutyId: string, periodKey: string, at: number) => {
    const u = unitIndex.get(unitId);
    const d = dutyIndex.get(dutyId);
    const p = periodIndex.get(periodKey);
    if (u !== undefined && d !== undefined && p !== undefined) out[(u * dutyIds.length + d) * nPeriods + p] = at;
  };
  const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const unitIds = units.length <= UNIT_FILTER_MAX ? units.map((u) => u.id) : [];
  const unitFilter = unitIds.length ? ` and unit_id in (${marks(unitIds.length)})` : '';
  // Dates and week keys each form a range of text; keys of the other kind that fall in between are dropped by put().
  const dates = periodKeys.filter((k) => !k.includes('W')).sort();
  const weeks = periodKeys.filter((k) => k.includes('W')).sort();
  const ranges = [dates, weeks].filter((r) => r.length).map((r) => [r[0], r[r.length - 1]]);
  // One row per (unit, duty) with its checks concatenated: handing SQLite's rows to JavaScript one by one costs
  // more than reading them (npm run bench: a zone's month took 1.7× the hand-written SQL row by row).
  const readGrouped = (where: string, params: string[]) => {
    const sql = `select unit_id, duty_id, group_concat(period_key || ' ' || checked_at, ',') from duty_checks where checked = 1${where} group by unit_id, duty_id`;
    for (const [unitId, dutyId, checks] of db.$client.prepare<string[], [string, string, string]>(sql).raw(true).iterate(...params)) {
      for (const entry of checks.split(',')) {
        const space = entry.indexOf(' ');
        put(unitId, dutyId, entry.slice(0, space), Number(entry.slice(space + 1)));
      }
    }
  };
  if (periodKeys.length <= PERIOD_INDEX_MAX && unitIds.length) {
    // With the units and duties named, each (unit, duty)'s checks in a range of dates (or of weeks) lie next to
    // each other in the primary key: one seek and a short ordered read per pair. Naming every period instead
    // (an IN list) made a seek per (unit, duty, period); not naming the duties scanned each unit's whole history.
    for (const range of ranges) readGrouped(`${unitFilter} and duty_id in (${marks(dutyIds.length)}) and period_key between ? and ?`, [...unitIds, ...dutyIds, ...range]);
    return out;
  }
  if (periodKeys.length <= PERIOD_INDEX_MAX) {
    const sql = `select unit_id, duty_id, period_key, checked_at from duty_checks where checked = 1 and period_key in (${marks(nPeriods)})`;
    for (const [unitId, dutyId, periodKey, at] of db.$client.prepare<string[], [string, string, string, number]>(sql).raw(true).iterate(...periodKeys)) {
      put(unitId, dutyId, periodKey, at);
    }
    return out;
  }
  // A long range reads each unit's checks in primary-key order, the period index left out (its random lookups are slower).
  readGrouped(`${unitFilter} and (${ranges.map(() => '+period_key between ? and ?').join(' or ')})`, [...unitIds, ...ranges.flat()]);
  return out;
}
