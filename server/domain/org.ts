/**
 * The county's organisation as plain data: zones, units, grid cells and the duty list, as they are now and, through
 * `on(date)`, as they were on any date (orgTimeline.ts explains the versions).
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../db/open';
import { eq } from 'drizzle-orm';
import { duties, dutyUnits, gridCells, orgHistory, orgVersion, units, zones } from '../db/schema';
import type { Duty, GridCell, Person, Unit, Zone } from '../../shared/schemas/org';
import { scopeOf, type Scope } from '../../shared/scope';
import { rolesOf, type Role } from '../../shared/roles';
import { dateKeyOf, datesOfWeek, weekKeyOfDate } from '../../shared/calendar';
import { periodKeyOf } from '../../shared/schedule';
import { OrgTimeline, type OrgEntities, type OrgKind } from './orgTimeline';
import { mustGet } from './mustGet';

/** The organisation of one date. */
export interface OrgDay {
  zones: Zone[];
  units: Unit[];
  gridCells: GridCell[];
  duties: Duty[];
  unitById: Map<string, Unit>;
  dutyById: Map<string, Duty>;
}

export interface Org extends OrgDay {
  /**
   * Every unit and duty ever recorded, ended ones too, by id: what old records name. The lists above hold only
   * those in effect (loadOrg: from their latest versions on; orgToday: today).
   */
  unitById: Map<string, Unit>;
  dutyById: Map<string, Duty>;
  timeline: OrgTimeline;
  /** The organisation as it was on a date (memoised: the org is cached until it changes). */
  on(date: string): OrgDay;
  /** The same organisation with today's lists (what orgToday returns; memoised per date). */
  asOf(date: string): Org;
}

// Every push, pull and report needs the org; it changes only on a roster import or an org change. The triggers
// of migrations 0002 and 0003 count every change to it, so one tiny read tells whether the cached copy is current.
const cache = new WeakMap<Db, { version: number; org: Org }>();
const versionQueries = new WeakMap<Db, ReturnType<typeof prepareVersionQuery>>();

function prepareVersionQuery(db: Db) {
  return db.select({ v: orgVersion.version }).from(orgVersion).where(eq(orgVersion.id, 1)).prepare();
}

export function loadOrg(db: Db): Org {
  let query = versionQueries.get(db);
  if (!query) versionQueries.set(db, (query = prepareVersionQuery(db)));
  const version = query.get()?.v ?? -1;
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.org;
  const org = readOrg(db);
  cache.set(db, { version, org });
  return org;
}

function readOrg(db: Db): Org {
  const zoneRows = db.select().from(zones).orderBy(asc(zones.number)).all();
  const unitRows = db.select().from(units).all();
  const cellRows = db.select().from(gridCells).all();
  const owners = new Map<string, string[]>();
  for (const du of db.select().from(dutyUnits).all()) {
    owners.set(du.dutyId, [...(owners.get(du.dutyId) ?? []), du.unitId]);
  }
  const dutyRows: Duty[] = db
    .select()
    .from(duties)
    .orderBy(asc(duties.sortOrder), asc(duties.id))
    .all()
    .map((d) => ({
      id: d.id,
      category: d.category,
      title: d.title,
      description: d.description,
      cadence: d.cadence,
      dueTime: d.dueTime,
      dueWeekday: d.dueWeekday,
      workingDaysOnly: d.workingDaysOnly,
      unitIds: owners.get(d.id) ?? [],
    }));
  const timeline = new OrgTimeline(db.select().from(orgHistory).all());
  const all = { zones: zoneRows, units: unitRows, gridCells: cellRows, duties: dutyRows };
  const current = <T extends { id: string }>(kind: OrgKind, list: T[]) => list.filter((x) => timeline.isCurrent(kind, x.id));
  const days = new Map<string, OrgDay>();
  const views = new Map<string, Org>();
  const org: Org = {
    ...dayOf(current('zone', zoneRows), current('unit', unitRows), current('gridCell', cellRows), current('duty', dutyRows)),
    unitById: new Map(unitRows.map((u) => [u.id, u])),
    dutyById: new Map(dutyRows.map((d) => [d.id, d])),
    timeline,
    on(date: string): OrgDay {
      let day = days.get(date);
      if (!day) days.set(date, (day = timeline.isEmpty ? org : orgOn(timeline, all, date)));
      return day;
    },
    asOf(date: string): Org {
      if (timeline.isEmpty) return org;
      let view = views.get(date);
      if (!view) {
        const day = org.on(date);
        // Old records still find every entity by id; those in effect that day by that day's version.
        const unitById = new Map([...org.unitById, ...day.unitById]);
        const dutyById = new Map([...org.dutyById, ...day.dutyById]);
        views.set(date, (view = { ...org, ...day, unitById, dutyById }));
      }
      return view;
    },
  };
  return org;
}

/**
 * The organisation as it stands today: the zones, units, cells and duties in effect today, each as today's version
 * (a change dated later is not seen yet; an entity ended from a later date still is). What every request serves:
 * names, lists, and who may see and write what.
 */
export function orgToday(db: Db, now: number): Org {
  return loadOrg(db).asOf(dateKeyOf(now));
}

function dayOf(zoneList: Zone[], unitList: Unit[], cellList: GridCell[], dutyList: Duty[]): OrgDay {
  return {
    zones: zoneList,
    units: unitList,
    gridCells: cellList,
    duties: dutyList,
    unitById: new Map(unitList.map((u) => [u.id, u])),
    dutyById: new Map(dutyList.map((d) => [d.id, d])),
  };
}

function orgOn(timeline: OrgTimeline, all: { zones: Zone[]; units: Unit[]; gridCells: GridCell[]; duties: Duty[] }, date: string): OrgDay {
  const pick = <K extends 'zone' | 'unit' | 'gridCell' | 'duty'>(kind: K, list: OrgEntities[K][]): OrgEntities[K][] =>
    list.flatMap((x) => {
      const v = timeline.on(kind, x, date);
      return v ? [v] : [];
    });
  return dayOf(pick('zone', all.zones), pick('unit', all.units), pick('gridCell', all.gridCells), pick('duty', all.duties));
}

/** The first date of a period (a date, or an ISO week's Monday): the date whose organisation judges it. */
export function periodFirstDate(periodKey: string): string {
  return periodKey.includes('W') ? datesOfWeek(periodKey)[0] : periodKey;
}

/** A duty as it stood for a period (judged by the organisation of the period's first day), or undefined. */
export function dutyInPeriod(org: Org, dutyId: string, periodKey: string): Duty | undefined {
  return org.on(periodFirstDate(periodKey)).dutyById.get(dutyId);
}

/** The duty list for the periods open at `now`: daily duties as of today, weekly ones as of this week's Monday. */
export function dutiesOfCurrentPeriods(org: Org, now: number): Duty[] {
  const ids = new Set<string>();
  const out: Duty[] = [];
  for (const cadence of ['daily', 'weekly'] as const) {
    for (const d of org.on(periodFirstDate(periodKeyOf(cadence, now))).duties) {
      if (d.cadence === cadence && !ids.has(d.id)) {
        ids.add(d.id);
        out.push(d);
      }
    }
  }
  const order = new Map([...org.dutyById.keys()].map((id, i) => [id, i]));
  return out.sort((a, b) => mustGet(order, a.id, '事项') - mustGet(order, b.id, '事项'));
}

/**
 * Today's organisation, the part of it a person may see, and everything the person is today (their role, and 片长
 * when a zone names them its chief: shared/roles.ts): what nearly every read starts from.
 */
export function orgSeenBy(db: Db, person: Person, now: number): { org: Org; scope: Scope; roles: readonly Role[] } {
  const org = orgToday(db, now);
  return { org, scope: scopeOf(person, org.zones, org.units, org.gridCells), roles: rolesOf(person, org.zones) };
}

/** Everything a person is today: their role, and 片长 of the zones that name them today (shared/roles.ts). */
export function rolesToday(db: Db, person: Person, now: number): readonly Role[] {
  return rolesOf(person, orgToday(db, now).zones);
}

/**
 * The units in effect on any date from..to (in one zone, if given), as they were: a weekly period reaches back to
 * its Monday. Without dated changes, simply the current units.
 */
export function unitsBetween(org: Org, from: string, to: string, zoneId?: string): Unit[] {
  const inZone = (u: Unit) => zoneId === undefined || u.zoneId === zoneId;
  if (org.timeline.isEmpty) return org.units.filter(inZone);
  const start = periodFirstDate(weekKeyOfDate(from));
  return [...org.unitById.values()].filter((u) => {
    const versions = org.timeline.versionsOf('unit', u.id);
    if (!versions) return inZone(u);
    return versions.some((v) => inZone(v.data) && v.from <= to && (v.to === null || v.to > start));
  });
}
