/*
 * Roster and duty-list import (人员名单、责任清单导入). Takes rows read from a CSV or XLSX file (rosterFile.ts),
 * checks every row against the shared zod schemas and the county's rules, and either reports EVERY bad row with
 * its line number and a reason in Chinese, or writes everything in one transaction. Nothing is written when any
 * row is bad. Re-importing the same file changes nothing; an edited file updates by natural key: a zone by its
 * number, a unit by its name, a grid cell by (unit, name), a person by (name, unit) — or name alone for people
 * without a unit — and a duty by its 事项. Import never deletes: people and duties may own ledger events.
 * The formats are documented in docs/import.md.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/open';
import { duties, dutyUnits, gridCells, people, units, zones } from '../db/schema';
import { CATEGORY_NAMES, categoryByName } from '../../shared/categories';
import { ROLE_NAMES, roleByName, type Role } from '../../shared/roles';
import { dutySchema, gridCellSchema, personSchema, unitSchema, zoneSchema, type Duty } from '../../shared/schemas/org';
import type { RosterTables, SheetRow } from './rosterFile';

export interface KindCounts {
  created: number;
  updated: number;
}
export interface ImportCounts {
  zones: KindCounts;
  units: KindCounts;
  gridCells: KindCounts;
  people: KindCounts;
  duties: KindCounts;
}
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; errors: string[] };

const UNIT_ROLES: readonly Role[] = ['staff', 'unit_head', 'dept_head'];
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const YES = new Set(['是', 'Y', 'y', '1', 'yes', 'true', '√']);
const NO = new Set(['否', 'N', 'n', '0', 'no', 'false', '']);

interface PlannedZone { number: number; name: string | null; nameLine: number; chiefKey?: string; chiefLine?: number; leadUnit?: string; leadLine?: number }
interface PlannedUnit { name: string; zoneNumber: number | null; line: number }
interface PlannedCell { unitName: string; name: string; personName: string; line: number }
interface PlannedPerson { key: string; name: string; role: Role; unitName: string | null; line: number }
interface PlannedDuty { duty: Omit<Duty, 'id' | 'unitIds'>; unitNames: string[]; line: number }

const personKey = (name: string, unitName: string | null) => `${name}|${unitName ?? ''}`;

/** Checks every row; writes nothing unless every row is good. */
export function importRoster(db: Db, tables: RosterTables): ImportResult {
  const existing = loadExisting(db);
  const errors: string[] = [];
  const at = (source: string | undefined, line: number) => `${source ?? ''}第${line}行`;

  const plan = {
    zones: new Map<number, PlannedZone>(),
    units: new Map<string, PlannedUnit>(),
    cells: new Map<string, PlannedCell>(),
    people: new Map<string, PlannedPerson>(),
    duties: new Map<string, PlannedDuty>(),
  };
  for (const row of tables.people ?? []) {
    for (const reason of planPeopleRow(row, plan, existing)) errors.push(`${at(tables.sources.people, row.line)}：${reason}`);
  }
  // Rules that need the whole sheet: a department head's unit must lead a zone.
  for (const p of plan.people.values()) {
    if (p.role !== 'dept_head') continue;
    const unitLeads = [...plan.zones.values()].some((z) => z.leadUnit === p.unitName) || existing.leadUnitNames.has(p.unitName!);
    if (!unitLeads) errors.push(`${at(tables.sources.people, p.line)}：“${p.unitName}”不是牵头单位，不能设“${ROLE_NAMES.dept_head}”（请在该单位的行中将“是否牵头单位”填“是”）`);
  }
  const unitKnown = (name: string) => plan.units.has(name) || existing.unitByName.has(name);
  for (const row of tables.duties ?? []) {
    for (const reason of planDutyRow(row, plan, existing, unitKnown)) errors.push(`${at(tables.sources.duties, row.line)}：${reason}`);
  }
  if (errors.length) return { ok: false, errors };
  if (!tables.people?.length && !tables.duties?.length) return { ok: false, errors: ['文件中没有数据行'] };
  return { ok: true, counts: apply(db, plan, existing) };
}

type Existing = ReturnType<typeof loadExisting>;

function loadExisting(db: Db) {
  const zoneRows = db.select().from(zones).all();
  const unitRows = db.select().from(units).all();
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const personRows = db.select().from(people).all();
  return {
    zoneByNumber: new Map(zoneRows.map((z) => [z.number, z])),
    zoneNumberById: new Map(zoneRows.map((z) => [z.id, z.number])),
    unitByName: new Map(unitRows.map((u) => [u.name, u])),
    leadUnitNames: new Set(zoneRows.flatMap((z) => (z.leadUnitId && unitName.has(z.leadUnitId) ? [unitName.get(z.leadUnitId)!] : []))),
    cellByKey: new Map(db.select().from(gridCells).all().map((c) => [`${unitName.get(c.unitId)}|${c.name}`, c])),
    personByKey: new Map(personRows.map((p) => [personKey(p.name, p.unitId ? unitName.get(p.unitId)! : null), p])),
    dutyByTitle: new Map(db.select().from(duties).all().map((d) => [d.title, d])),
    ids: {
      zones: new Set(zoneRows.map((z) => z.id)),
      units: new Set(unitRows.map((u) => u.id)),
      cells: new Set(db.select({ id: gridCells.id }).from(gridCells).all().map((c) => c.id)),
      people: new Set(personRows.map((p) => p.id)),
      duties: new Set(db.select({ id: duties.id }).from(duties).all().map((d) => d.id)),
    },
  };
}

type Plan = {
  zones: Map<number, PlannedZone>;
  units: Map<string, PlannedUnit>;
  cells: Map<string, PlannedCell>;
  people: Map<string, PlannedPerson>;
  duties: Map<string, PlannedDuty>;
};

/** The zod schema's own message (they are written in Chinese), for the first problem with a value. */
function schemaProblem<T>(schema: z.ZodType<T>, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? '';
  return /[\u4e00-\u9fff]/.test(message) ? message : '内容格式不正确';
}

function planPeopleRow(row: SheetRow, plan: Plan, existing: Existing): string[] {
  const c = row.cells;
  const reasons: string[] = [];
  const zoneCell = c['片区编号'] ?? '';
  const zoneName = c['片区名称'] ?? '';
  const unitName = c['单位'] ?? '';
  const cellName = c['网格'] ?? '';
  const cellPerson = c['网格责任人'] ?? '';
  const name = c['姓名'] ?? '';
  const roleCell = c['角色'] ?? '';
  const leadCell = c['是否牵头单位'] ?? '';

  let zoneNumber: number | null = null;
  if (zoneCell) {
    const m = /^(\d{1,3})(号)?(片区)?$/.exec(zoneCell);
    if (!m || Number(m[1]) < 1) reasons.push(`片区编号“${zoneCell}”应为1到999的数字`);
    else zoneNumber = Number(m[1]);
  } else if (zoneName) {
    reasons.push('填写了片区名称，但缺少片区编号');
  }
  let role: Role | undefined;
  if (roleCell) {
    role = roleByName(roleCell);
    if (!role) reasons.push(`角色“${roleCell}”无效（应为：${Object.values(ROLE_NAMES).join('、')}）`);
  }
  if (name && !roleCell) reasons.push(`请填写“${name}”的角色`);
  if (roleCell && !name) reasons.push('填写了角色，但缺少姓名');
  if (!unitName && !name && !zoneNumber) reasons.push('这一行没有单位、姓名或片区');
  const lead = YES.has(leadCell) ? true : NO.has(leadCell) ? false : null;
  if (lead === null) reasons.push(`是否牵头单位“${leadCell}”应填“是”或“否”`);
  if (reasons.length) return reasons;

  // The zone: created by the first row that names it; later rows must agree on its name.
  const chiefRow = role === 'zone_chief';
  if (zoneNumber !== null) {
    const known = existing.zoneByNumber.get(zoneNumber);
    let zone = plan.zones.get(zoneNumber);
    if (!zone) plan.zones.set(zoneNumber, (zone = { number: zoneNumber, name: null, nameLine: row.line }));
    if (zoneName) {
      if (zone.name !== null && zone.name !== zoneName) reasons.push(`片区编号${zoneNumber}的名称“${zoneName}”与第${zone.nameLine}行的“${zone.name}”不一致`);
      else if (zone.name === null) Object.assign(zone, { name: zoneName, nameLine: row.line });
      const problem = schemaProblem(zoneSchema.shape.name, zoneName);
      if (problem) reasons.push(problem);
    } else if (!known && zone.name === null) {
      reasons.push(`${zoneNumber}号片区是新片区，请填写片区名称`);
    }
  }

  // The unit: in the zone of its row (or where it already is).
  if (unitName && !chiefRow) {
    const problem = schemaProblem(unitSchema.shape.name, unitName);
    if (problem) reasons.push(problem);
    const knownZone = existing.unitByName.get(unitName)?.zoneId;
    const zoneOfUnit = zoneNumber ?? (knownZone ? existing.zoneNumberById.get(knownZone)! : null);
    const planned = plan.units.get(unitName);
    if (zoneOfUnit === null && !planned) reasons.push(`单位“${unitName}”不存在，请填写它所在的片区编号`);
    else if (planned && zoneNumber !== null && planned.zoneNumber !== zoneNumber) {
      reasons.push(`单位“${unitName}”在第${planned.line}行属于${planned.zoneNumber}号片区，这里却是${zoneNumber}号`);
    } else if (!planned) {
      plan.units.set(unitName, { name: unitName, zoneNumber: zoneOfUnit, line: row.line });
    }
    if (lead) {
      if (zoneOfUnit === null) reasons.push('牵头单位须填写片区编号');
      else {
        const zone = plan.zones.get(zoneOfUnit) ?? { number: zoneOfUnit, name: null, nameLine: row.line };
        plan.zones.set(zoneOfUnit, zone);
        if (zone.leadUnit && zone.leadUnit !== unitName) reasons.push(`${zoneOfUnit}号片区在第${zone.leadLine}行已有牵头单位“${zone.leadUnit}”`);
        else Object.assign(zone, { leadUnit: unitName, leadLine: row.line });
      }
    }
  } else if (lead) {
    reasons.push('“是否牵头单位”为“是”，但没有填写单位');
  }

  if (cellName || cellPerson) {
    if (!unitName || chiefRow) reasons.push('网格须属于一个单位，请填写单位');
    else if (!cellName) reasons.push('填写了网格责任人，但缺少网格名称');
    else if (!cellPerson) reasons.push(`网格“${cellName}”缺少网格责任人（格中定人）`);
    else {
      const problem = schemaProblem(gridCellSchema.pick({ name: true, personName: true }), { name: cellName, personName: cellPerson });
      if (problem) reasons.push(problem);
      const key = `${unitName}|${cellName}`;
      const planned = plan.cells.get(key);
      if (planned && planned.personName !== cellPerson) reasons.push(`网格“${cellName}”在第${planned.line}行的责任人是“${planned.personName}”，这里却是“${cellPerson}”`);
      else if (!planned) plan.cells.set(key, { unitName, name: cellName, personName: cellPerson, line: row.line });
    }
  }

  if (name && role) {
    const problem = schemaProblem(personSchema.shape.name, name);
    if (problem) reasons.push(problem);
    if (UNIT_ROLES.includes(role) && !unitName) reasons.push(`角色“${ROLE_NAMES[role]}”须填写单位`);
    if (!UNIT_ROLES.includes(role) && unitName) reasons.push(`角色“${ROLE_NAMES[role]}”不属于责任单位，单位一栏请留空`);
    if (role === 'zone_chief' && zoneNumber === null) reasons.push('片长须填写所负责的片区编号');
    const key = personKey(name, UNIT_ROLES.includes(role) ? unitName : null);
    const planned = plan.people.get(key);
    if (planned && planned.role !== role) reasons.push(`“${name}”在第${planned.line}行的角色是“${ROLE_NAMES[planned.role]}”，这里却是“${ROLE_NAMES[role]}”`);
    else if (!planned) plan.people.set(key, { key, name, role, unitName: UNIT_ROLES.includes(role) ? unitName : null, line: row.line });
    if (role === 'zone_chief' && zoneNumber !== null) {
      const zone = plan.zones.get(zoneNumber)!;
      if (zone.chiefKey && zone.chiefKey !== key) reasons.push(`${zoneNumber}号片区在第${zone.chiefLine}行已有片长`);
      else Object.assign(zone, { chiefKey: key, chiefLine: row.line });
    }
  }
  return reasons;
}

function parseWeekday(cell: string): number | null {
  if (!cell) return 5;
  if (/^[1-7]$/.test(cell)) return Number(cell);
  const m = /^(周|星期|礼拜)([一二三四五六日天])$/.exec(cell);
  if (!m) return null;
  return m[2] === '天' ? 7 : WEEKDAYS.indexOf(m[2]) + 1;
}

function planDutyRow(row: SheetRow, plan: Plan, existing: Existing, unitKnown: (name: string) => boolean): string[] {
  const c = row.cells;
  const reasons: string[] = [];
  const categoryCell = c['类别'] ?? '';
  const category = categoryByName(categoryCell);
  if (!category) reasons.push(`类别“${categoryCell}”无效（应为：${Object.values(CATEGORY_NAMES).join('、')}）`);
  const cadenceCell = c['频次'] ?? '';
  const cadence = ['每天', '每日', '日', 'daily'].includes(cadenceCell) ? 'daily' : ['每周', '周', 'weekly'].includes(cadenceCell) ? 'weekly' : null;
  if (!cadence) reasons.push(`频次“${cadenceCell}”应为“每天”或“每周”`);
  const timeCell = (c['截止时间'] ?? '').replace('：', ':');
  const time = /^(\d{1,2}):(\d{2})$/.exec(timeCell);
  const dueTime = time ? `${time[1].padStart(2, '0')}:${time[2]}` : timeCell;
  const weekdayCell = c['截止星期'] ?? '';
  const dueWeekday = parseWeekday(weekdayCell);
  if (dueWeekday === null) reasons.push(`截止星期“${weekdayCell}”应为周一到周日`);
  const workingCell = c['仅工作日'] ?? '';
  const workingDaysOnly = workingCell === '' ? true : YES.has(workingCell) ? true : NO.has(workingCell) ? false : null;
  if (workingDaysOnly === null) reasons.push(`仅工作日“${workingCell}”应填“是”或“否”`);
  const unitNames = (c['适用单位'] ?? '').split(/[、,，;；\s]+/).filter(Boolean);
  for (const name of unitNames) if (!unitKnown(name)) reasons.push(`适用单位“${name}”不存在`);
  if (reasons.length) return reasons;

  const duty: PlannedDuty['duty'] = {
    category: category!,
    title: c['事项'] ?? '',
    description: c['要求'] ?? '',
    cadence: cadence!,
    dueTime,
    dueWeekday: dueWeekday!,
    workingDaysOnly: workingDaysOnly!,
  };
  const problem = schemaProblem(dutySchema, { ...duty, id: 'new', unitIds: [] });
  if (problem) return [problem];
  const earlier = plan.duties.get(duty.title);
  if (earlier) return [`事项“${duty.title}”与第${earlier.line}行重复`];
  const known = existing.dutyByTitle.get(duty.title);
  if (known && known.cadence !== duty.cadence) {
    return [`事项“${duty.title}”已是${known.cadence === 'daily' ? '每天' : '每周'}的事项，不能改频次（已打勾的记录按原频次计）；如需改，请换一个事项名称`];
  }
  plan.duties.set(duty.title, { duty, unitNames, line: row.line });
  return [];
}

/** The next free id `prefix` + a zero-padded number, after the largest one in use. */
function idMaker(prefix: string, width: number, used: Set<string>) {
  const pattern = new RegExp(`^${prefix}(\\d+)$`);
  let n = Math.max(0, ...[...used].map((id) => Number(pattern.exec(id)?.[1] ?? 0)));
  return (preferred?: string) => {
    if (preferred && !used.has(preferred)) {
      used.add(preferred);
      return preferred;
    }
    let id: string;
    do id = `${prefix}${String(++n).padStart(width, '0')}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}

function apply(db: Db, plan: Plan, existing: Existing): ImportCounts {
  const counts: ImportCounts = {
    zones: { created: 0, updated: 0 },
    units: { created: 0, updated: 0 },
    gridCells: { created: 0, updated: 0 },
    people: { created: 0, updated: 0 },
    duties: { created: 0, updated: 0 },
  };
  const tally = (k: keyof ImportCounts, created: boolean) => counts[k][created ? 'created' : 'updated']++;
  const newZoneId = idMaker('z', 0, existing.ids.zones);
  const newUnitId = idMaker('u', 3, existing.ids.units);
  const newCellId = idMaker('g', 4, existing.ids.cells);
  const newPersonId = idMaker('p', 4, existing.ids.people);

  return db.transaction((tx) => {
    const zoneIdOf = new Map<number, string>();
    for (const z of plan.zones.values()) {
      const known = existing.zoneByNumber.get(z.number);
      if (known) {
        if (z.name) tx.update(zones).set({ name: z.name }).where(eq(zones.id, known.id)).run();
        zoneIdOf.set(z.number, known.id);
      } else {
        const id = newZoneId(`z${z.number}`);
        tx.insert(zones).values({ id, number: z.number, name: z.name!, chiefPersonId: null, leadUnitId: null }).run();
        zoneIdOf.set(z.number, id);
      }
      tally('zones', !known);
    }
    const unitIdOf = new Map([...existing.unitByName].map(([name, u]) => [name, u.id]));
    for (const u of plan.units.values()) {
      const known = existing.unitByName.get(u.name);
      const zoneId = zoneIdOf.get(u.zoneNumber!) ?? known!.zoneId;
      if (known) tx.update(units).set({ zoneId }).where(eq(units.id, known.id)).run();
      else {
        const id = newUnitId();
        tx.insert(units).values({ id, name: u.name, zoneId }).run();
        unitIdOf.set(u.name, id);
      }
      tally('units', !known);
    }
    const zoneOfUnit = new Map(tx.select({ id: units.id, zoneId: units.zoneId }).from(units).all().map((u) => [u.id, u.zoneId]));
    for (const cell of plan.cells.values()) {
      const known = existing.cellByKey.get(`${cell.unitName}|${cell.name}`);
      const unitId = unitIdOf.get(cell.unitName)!;
      if (known) tx.update(gridCells).set({ personName: cell.personName, zoneId: zoneOfUnit.get(unitId)! }).where(eq(gridCells.id, known.id)).run();
      else tx.insert(gridCells).values({ id: newCellId(), unitId, zoneId: zoneOfUnit.get(unitId)!, name: cell.name, personName: cell.personName }).run();
      tally('gridCells', !known);
    }
    const personIdOf = new Map<string, string>();
    for (const p of plan.people.values()) {
      const known = existing.personByKey.get(p.key);
      const unitId = p.unitName ? unitIdOf.get(p.unitName)! : null;
      if (known) {
        tx.update(people).set({ role: p.role, unitId }).where(eq(people.id, known.id)).run();
        personIdOf.set(p.key, known.id);
      } else {
        const id = newPersonId();
        tx.insert(people).values({ id, name: p.name, role: p.role, unitId }).run();
        personIdOf.set(p.key, id);
      }
      tally('people', !known);
    }
    for (const z of plan.zones.values()) {
      const set: Partial<typeof zones.$inferInsert> = {};
      if (z.chiefKey) set.chiefPersonId = personIdOf.get(z.chiefKey)!;
      if (z.leadUnit) set.leadUnitId = unitIdOf.get(z.leadUnit)!;
      if (Object.keys(set).length) tx.update(zones).set(set).where(eq(zones.id, zoneIdOf.get(z.number)!)).run();
    }
    const newDutyId = { daily: idMaker('duty-daily-', 2, existing.ids.duties), weekly: idMaker('duty-weekly-', 2, existing.ids.duties) };
    let order = 0;
    for (const { duty, unitNames } of plan.duties.values()) {
      order++;
      const known = existing.dutyByTitle.get(duty.title);
      const id = known?.id ?? newDutyId[duty.cadence]();
      if (known) tx.update(duties).set({ ...duty, sortOrder: order }).where(eq(duties.id, id)).run();
      else tx.insert(duties).values({ id, ...duty, sortOrder: order }).run();
      const owners = [...new Set(unitNames)].map((name) => ({ dutyId: id, unitId: unitIdOf.get(name)! }));
      // Replace the owners only when they differ: an unchanged re-import must change nothing at all.
      const current = tx.select({ unitId: dutyUnits.unitId }).from(dutyUnits).where(eq(dutyUnits.dutyId, id)).all().map((r) => r.unitId);
      if (current.sort().join() !== owners.map((o) => o.unitId).sort().join()) {
        tx.delete(dutyUnits).where(eq(dutyUnits.dutyId, id)).run();
        if (owners.length) tx.insert(dutyUnits).values(owners).run();
      }
      tally('duties', !known);
    }
    return counts;
  });
}
