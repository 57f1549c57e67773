/*
 * "Change the organisation from date D": the one way zones, units, grid cells, people and duties change once a
 * county is running, used by the importer and by administration screens alike. Each changed entity gets a new
 * version in effect from D (orgTimeline.ts); the version it had before ends the day before D, so every day
 * before D is still judged by the organisation it had. Ending an entity (a duty dropped, a unit dissolved)
 * closes its version the same way; its row stays, so old records keep their names.
 *
 * D may not be earlier than today: days already past were judged (and may have been published) by the
 * organisation they had. Everything is checked first; one bad entity changes nothing.
 */
import { and, eq, gte, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { duties, dutyUnits, gridCells, orgHistory, people, units, zones } from '../db/schema';
import { dutySchema, gridCellSchema, personSchema, unitSchema, zoneSchema } from '../../shared/schemas/org';
import { dateKeyOf, isValidDateKey } from '../../shared/calendar';
import { loadOrg } from './org';
import { ORG_KINDS, SINCE_ALWAYS, type OrgEntities, type OrgKind } from './orgTimeline';

export interface OrgChange {
  /** Entities as they are from the effective date on: new ones, or new versions of existing ones (whole). */
  zones?: OrgEntities['zone'][];
  units?: OrgEntities['unit'][];
  gridCells?: OrgEntities['gridCell'][];
  people?: OrgEntities['person'][];
  duties?: OrgEntities['duty'][];
  /** Entities no longer in effect from the effective date on. */
  ended?: { kind: OrgKind; id: string }[];
}

export type OrgChangeResult = { ok: true; versions: number } | { ok: false; errors: string[] };

const KIND_NAMES: Record<OrgKind, string> = { zone: '片区', unit: '单位', gridCell: '网格', person: '人员', duty: '事项' };
const SCHEMAS = { zone: zoneSchema, unit: unitSchema, gridCell: gridCellSchema, person: personSchema, duty: dutySchema };
const LISTS = { zone: 'zones', unit: 'units', gridCell: 'gridCells', person: 'people', duty: 'duties' } as const;

/** Applies `change` from `effectiveFrom` (a Shanghai date, today or later); checks everything before writing anything. */
export function changeOrg(db: Db, effectiveFrom: string, change: OrgChange, now: number): OrgChangeResult {
  const errors = refusals(db, effectiveFrom, change, now);
  if (errors.length) return { ok: false, errors };
  let versions = 0;
  db.transaction(() => {
    const t = db; // one connection: everything through db is inside this transaction (db/open.ts)
    for (const kind of ORG_KINDS) {
      for (const entity of change[LISTS[kind]] ?? []) {
        if (newVersion(t, kind, entity, effectiveFrom)) versions++;
      }
    }
    for (const { kind, id } of change.ended ?? []) if (endVersion(t, kind, id, effectiveFrom)) versions++;
  });
  return { ok: true, versions };
}

function refusals(db: Db, from: string, change: OrgChange, now: number): string[] {
  if (!isValidDateKey(from)) return [`生效日期“${from}”无效，格式应为 2026-11-28`];
  const today = dateKeyOf(now);
  if (from < today) return [`生效日期${from}早于今天（${today}）：已过去的日子按当时的组织架构统计，不能改`];
  const org = loadOrg(db);
  const errors: string[] = [];
  const ids = (kind: OrgKind, existing: Iterable<string>) => new Set([...existing, ...(change[LISTS[kind]] ?? []).map((x) => x.id)]);
  const zoneIds = ids('zone', currentIds(db, 'zone'));
  const unitIds = ids('unit', currentIds(db, 'unit'));
  const personIds = ids('person', currentIds(db, 'person'));
  for (const kind of ORG_KINDS) {
    for (const entity of change[LISTS[kind]] ?? []) {
      const parsed = SCHEMAS[kind].safeParse(entity);
      const label = `${KIND_NAMES[kind]}“${('title' in entity ? entity.title : entity.name) ?? entity.id}”`;
      if (!parsed.success) errors.push(`${label}：${parsed.error.issues[0]?.message ?? '内容格式不正确'}`);
    }
  }
  for (const z of change.zones ?? []) {
    if (z.leadUnitId && !unitIds.has(z.leadUnitId)) errors.push(`片区“${z.name}”的牵头单位“${z.leadUnitId}”不存在`);
    if (z.chiefPersonId && !personIds.has(z.chiefPersonId)) errors.push(`片区“${z.name}”的片长“${z.chiefPersonId}”不存在`);
  }
  for (const u of change.units ?? []) if (!zoneIds.has(u.zoneId)) errors.push(`单位“${u.name}”所在片区“${u.zoneId}”不存在`);
  for (const c of change.gridCells ?? []) {
    if (!unitIds.has(c.unitId)) errors.push(`网格“${c.name}”的单位“${c.unitId}”不存在`);
    if (!zoneIds.has(c.zoneId)) errors.push(`网格“${c.name}”所在片区“${c.zoneId}”不存在`);
  }
  for (const p of change.people ?? []) if (p.unitId && !unitIds.has(p.unitId)) errors.push(`人员“${p.name}”的单位“${p.unitId}”不存在`);
  for (const d of change.duties ?? []) {
    const missing = d.unitIds.find((id) => !unitIds.has(id));
    if (missing) errors.push(`事项“${d.title}”的适用单位“${missing}”不存在`);
    const known = org.dutyById.get(d.id);
    if (known && known.cadence !== d.cadence) errors.push(`事项“${d.title}”不能改频次（已打勾的记录按原频次计）；如需改，请新建一个事项`);
  }
  for (const e of change.ended ?? []) {
    if (!ORG_KINDS.includes(e.kind)) errors.push(`无法结束“${e.kind}”：类型应为 ${ORG_KINDS.join('、')}`);
    else if (!currentIds(db, e.kind).includes(e.id)) errors.push(`要结束的${KIND_NAMES[e.kind]}“${e.id}”不存在`);
  }
  return errors;
}

function currentIds(db: Db, kind: OrgKind): string[] {
  const table = { zone: zones, unit: units, gridCell: gridCells, person: people, duty: duties }[kind];
  return db.select({ id: table.id }).from(table).all().map((r) => r.id);
}

/** The entity as the current tables hold it, or undefined when it is new. */
function currentOf(db: Db, kind: OrgKind, id: string): unknown {
  switch (kind) {
    case 'zone':
      return db.select().from(zones).where(eq(zones.id, id)).get();
    case 'unit':
      return db.select().from(units).where(eq(units.id, id)).get();
    case 'gridCell':
      return db.select().from(gridCells).where(eq(gridCells.id, id)).get();
    case 'person':
      return db.select().from(people).where(eq(people.id, id)).get();
    case 'duty':
      return loadOrg(db).dutyById.get(id);
  }
}

/** JSON with keys in the schema's order, so "the same entity" compares equal however it was built. */
function canonical(kind: OrgKind, entity: unknown): string {
  return JSON.stringify(SCHEMAS[kind].parse(entity));
}

function versionsOf(db: Db, kind: OrgKind, id: string) {
  return db.select().from(orgHistory).where(and(eq(orgHistory.kind, kind), eq(orgHistory.entityId, id))).all();
}

/** Ends what is in effect across `from`. Before the first change of a timeless entity, its whole past becomes a version of its own. */
function closeAt(db: Db, kind: OrgKind, id: string, from: string, current: unknown): void {
  if (versionsOf(db, kind, id).length === 0 && current !== undefined) {
    db.insert(orgHistory).values({ kind, entityId: id, validFrom: SINCE_ALWAYS, validTo: from, data: SCHEMAS[kind].parse(current) }).run();
    return;
  }
  // Versions planned from `from` on are replaced; the one in effect across `from` ends there.
  db.delete(orgHistory).where(and(eq(orgHistory.kind, kind), eq(orgHistory.entityId, id), gte(orgHistory.validFrom, from))).run();
  db.update(orgHistory)
    .set({ validTo: from })
    .where(and(eq(orgHistory.kind, kind), eq(orgHistory.entityId, id), sql`(${orgHistory.validTo} is null or ${orgHistory.validTo} > ${from})`))
    .run();
}

function newVersion<K extends OrgKind>(db: Db, kind: K, entity: OrgEntities[K] & { id: string }, from: string): boolean {
  const current = currentOf(db, kind, entity.id);
  const versions = versionsOf(db, kind, entity.id);
  // Already so from `from` on, for good: nothing to record (re-importing the same roster changes nothing).
  const last = versions[versions.length - 1];
  const standing = versions.length === 0 ? current : last.validFrom <= from && last.validTo === null ? last.data : undefined;
  if (standing !== undefined && canonical(kind, standing) === canonical(kind, entity)) return false;
  closeAt(db, kind, entity.id, from, current);
  db.insert(orgHistory).values({ kind, entityId: entity.id, validFrom: from, validTo: null, data: SCHEMAS[kind].parse(entity) }).run();
  WRITE_CURRENT[kind](db, entity);
  return true;
}

function endVersion(db: Db, kind: OrgKind, id: string, from: string): boolean {
  closeAt(db, kind, id, from, currentOf(db, kind, id));
  // Ended the day it began (a default duty replaced on the day it came): an empty version says "never in effect",
  // since an entity with no versions at all would count as timeless.
  if (versionsOf(db, kind, id).length === 0) {
    db.insert(orgHistory).values({ kind, entityId: id, validFrom: from, validTo: from, data: SCHEMAS[kind].parse(currentOf(db, kind, id)) }).run();
  }
  return true;
}

/** The current tables hold each entity's latest version: how each kind is written there. */
const WRITE_CURRENT: { [K in OrgKind]: (db: Db, entity: OrgEntities[K]) => void } = {
  zone: (db, z) => db.insert(zones).values(z).onConflictDoUpdate({ target: zones.id, set: z }).run(),
  unit: (db, u) => db.insert(units).values(u).onConflictDoUpdate({ target: units.id, set: u }).run(),
  gridCell: (db, c) => db.insert(gridCells).values(c).onConflictDoUpdate({ target: gridCells.id, set: c }).run(),
  person: (db, p) => db.insert(people).values(p).onConflictDoUpdate({ target: people.id, set: p }).run(),
  duty: (db, { unitIds, ...d }) => {
    const last = db.select({ n: sql<number>`coalesce(max(${duties.sortOrder}), 0)` }).from(duties).get()?.n ?? 0;
    db.insert(duties).values({ ...d, sortOrder: last + 1 }).onConflictDoUpdate({ target: duties.id, set: d }).run();
    db.delete(dutyUnits).where(eq(dutyUnits.dutyId, d.id)).run();
    if (unitIds.length) db.insert(dutyUnits).values([...new Set(unitIds)].map((unitId) => ({ dutyId: d.id, unitId }))).run();
  },
};
