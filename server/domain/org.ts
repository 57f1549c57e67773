/** The county's organisation as plain data: zones, units, grid cells and the duty list. */
import { asc } from 'drizzle-orm';
import type { Db } from '../db/open';
import { eq } from 'drizzle-orm';
import { duties, dutyUnits, gridCells, orgVersion, units, zones } from '../db/schema';
import type { Category } from '../../shared/categories';
import type { Duty, GridCell, Person, Unit, Zone } from '../../shared/schemas/org';
import { scopeOf, type Scope } from '../../shared/scope';

export interface Org {
  zones: Zone[];
  units: Unit[];
  gridCells: GridCell[];
  duties: Duty[];
  unitById: Map<string, Unit>;
  dutyById: Map<string, Duty>;
}

// Every push, pull and report needs the org; it changes only on a roster import. The triggers of migration
// 0002 count every change to it, so one tiny read tells whether the cached copy is still current.
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
      category: d.category as Category,
      title: d.title,
      description: d.description,
      cadence: d.cadence as Duty['cadence'],
      dueTime: d.dueTime,
      dueWeekday: d.dueWeekday,
      workingDaysOnly: d.workingDaysOnly,
      unitIds: owners.get(d.id) ?? [],
    }));
  return {
    zones: zoneRows,
    units: unitRows,
    gridCells: cellRows,
    duties: dutyRows,
    unitById: new Map(unitRows.map((u) => [u.id, u])),
    dutyById: new Map(dutyRows.map((d) => [d.id, d])),
  };
}

/** The organisation and the part of it a person may see: what nearly every read starts from. */
export function orgSeenBy(db: Db, person: Person): { org: Org; scope: Scope } {
  const org = loadOrg(db);
  return { org, scope: scopeOf(person, org.zones, org.units, org.gridCells) };
}
