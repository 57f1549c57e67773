/*
 * From a roster plan to rows: match each planned zone, unit, cell, person and duty to what the county already
 * has (a zone by number, a unit by name, a cell by unit + name, a person by name + unit and then phone, a duty
 * by 事项), say in Chinese what would be added, changed, moved or left out, and write exactly that. The preview
 * and the write come from the same rows, so what the command center confirmed is what is written.
 *
 * The default 责任清单 (defaultDutyList.ts) is added with the first roster when the county has no duties, and
 * replaced by the first duty list the county imports, as long as no one has ticked its items yet (ended from the
 * import's day: the days it was in effect keep it).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { duties, dutyChecks, dutyUnits, gridCells, people, units, zones } from '../db/schema';
import type { Duty } from '../../shared/schemas/org';
import { changeOrg } from './orgChanges';
import { loadOrg } from './org';
import type { OrgKind } from './orgTimeline';
import { ROLE_NAMES } from '../../shared/roles';
import { CATEGORY_NAMES } from '../../shared/categories';
import type { RosterTables } from './rosterFile';
import { groupOf, refKey, type Plan } from './rosterPlan';
import { STANDARD_ID_PREFIX, standardDuties } from './defaultDutyList';

type ZoneRow = typeof zones.$inferSelect;
type UnitRow = typeof units.$inferSelect;
type CellRow = typeof gridCells.$inferSelect;
type PersonRow = typeof people.$inferSelect;
type DutyRow = Omit<typeof duties.$inferSelect, 'sortOrder'> & { sortOrder: number };

export const KINDS = ['zones', 'units', 'gridCells', 'people', 'duties'] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_NAMES: Record<Kind, string> = { zones: '片区', units: '单位', gridCells: '网格', people: '人员', duties: '责任清单事项' };
export type Action = 'added' | 'changed' | 'moved' | 'leftOut' | 'replaced';
export const ACTION_NAMES: Record<Action, string> = { added: '新增', changed: '修改', moved: '调整片区/单位', leftOut: '文件中没有（保留不变）', replaced: '默认清单被取代' };

export interface ImportPreview {
  layout: 'county' | 'template' | null;
  encoding: string | null;
  counts: Record<Kind, Record<Action | 'unchanged', number>>;
  /** One line per change, in Chinese, e.g. “县住建局”：从1号片区调到3号片区. */
  changes: Array<{ kind: Kind; action: Action; text: string }>;
  /** Columns of the file not imported (序号, or mapped to 忽略), named so nothing is dropped unseen. */
  leftOutColumns: string[];
  /** Whether the county-standard duty list comes with this import. */
  standardDuties: number;
  /** Nothing wrong, but worth a look before confirming: a 片长 and a unit's namesake kept apart for want of a phone. */
  notices: string[];
}

export interface Changes {
  preview: ImportPreview;
  problems: string[];
  write: {
    zones: Array<{ row: ZoneRow; isNew: boolean }>;
    units: Array<{ row: UnitRow; isNew: boolean }>;
    gridCells: Array<{ row: CellRow; isNew: boolean }>;
    people: Array<{ row: PersonRow; isNew: boolean }>;
    duties: Array<{ row: DutyRow; isNew: boolean; owners: string[] | null }>;
    removeDuties: string[];
  };
}

/** What the county has now: the entities in effect (one ended by an earlier change is no longer matched). */
export function loadExisting(db: Db) {
  const { timeline } = loadOrg(db);
  const current = <T extends { id: string }>(kind: OrgKind, rows: T[]) => rows.filter((r) => timeline.isCurrent(kind, r.id));
  const zoneRows = current('zone', db.select().from(zones).all());
  const unitRows = current('unit', db.select().from(units).all());
  const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
  const personRows = current('person', db.select().from(people).all());
  const peopleByGroup = new Map<string, PersonRow[]>();
  for (const p of personRows) {
    const group = groupOf(p.name, p.unitId ? unitName.get(p.unitId)! : null);
    peopleByGroup.set(group, [...(peopleByGroup.get(group) ?? []), p]);
  }
  const owners = new Map<string, string[]>();
  for (const o of db.select().from(dutyUnits).all()) owners.set(o.dutyId, [...(owners.get(o.dutyId) ?? []), o.unitId]);
  const dutyRows = current('duty', db.select().from(duties).all());
  return {
    zoneRows,
    unitRows,
    cellRows: current('gridCell', db.select().from(gridCells).all()),
    personRows,
    dutyRows,
    zoneByNumber: new Map(zoneRows.map((z) => [z.number, z])),
    unitByName: new Map(unitRows.map((u) => [u.name, u])),
    unitName,
    leadUnitNames: new Set(zoneRows.flatMap((z) => (z.leadUnitId && unitName.has(z.leadUnitId) ? [unitName.get(z.leadUnitId)!] : []))),
    peopleByGroup,
    dutyByTitle: new Map(dutyRows.map((d) => [d.title, d])),
    ownersOf: (dutyId: string) => (owners.get(dutyId) ?? []).sort(),
    checkedDutyIds: new Set(db.selectDistinct({ id: dutyChecks.dutyId }).from(dutyChecks).all().map((r) => r.id)),
  };
}
type Existing = ReturnType<typeof loadExisting>;

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

/** The fields of `next` that differ from `old`, by their Chinese names. */
function differing<T extends object>(old: T, next: T, names: Partial<Record<keyof T, string>>): string[] {
  return (Object.keys(names) as Array<keyof T>).filter((k) => old[k] !== next[k]).map((k) => names[k]!);
}

/** Namesakes in one group are matched by phone first, then in order; an unmatched person is new. */
function matchPeople(plan: Plan, existing: Existing): Map<string, PersonRow> {
  const matched = new Map<string, PersonRow>();
  const taken = new Set<string>();
  const all = plan.allPeople();
  for (const pass of ['phone', 'order'] as const) {
    for (const { ref, person } of all) {
      if (matched.has(refKey(ref))) continue;
      const candidates = (existing.peopleByGroup.get(ref.group) ?? []).filter((p) => !taken.has(p.id));
      const found = pass === 'phone' ? candidates.find((p) => person.phone && p.phone === person.phone) : candidates[0];
      if (found) {
        matched.set(refKey(ref), found);
        taken.add(found.id);
      }
    }
  }
  // A person who changed unit keeps their record when the file gives the same name and phone.
  for (const { ref, person } of all) {
    if (matched.has(refKey(ref)) || !person.phone) continue;
    const found = existing.personRows.find((p) => !taken.has(p.id) && p.name === person.name && p.phone === person.phone);
    if (found) {
      matched.set(refKey(ref), found);
      taken.add(found.id);
    }
  }
  return matched;
}

export function changesOf(plan: Plan, existing: Existing, tables: RosterTables, at: (line: number) => string): Changes {
  const problems: string[] = [];
  const lines: ImportPreview['changes'] = [];
  const counts = Object.fromEntries(KINDS.map((k) => [k, { added: 0, changed: 0, moved: 0, unchanged: 0, leftOut: 0, replaced: 0 }])) as ImportPreview['counts'];
  const note = (kind: Kind, action: Action | 'unchanged', text?: string) => {
    counts[kind][action]++;
    if (action !== 'unchanged' && text) lines.push({ kind, action, text });
  };
  const write: Changes['write'] = { zones: [], units: [], gridCells: [], people: [], duties: [], removeDuties: [] };

  // Zones (their chief and lead unit are filled in once people and units have ids).
  const newZoneId = idMaker('z', 0, new Set(existing.zoneRows.map((z) => z.id)));
  const zoneRowOf = new Map<number, ZoneRow>();
  for (const z of plan.zones.values()) {
    const known = existing.zoneByNumber.get(z.number);
    if (!known && z.name === null) problems.push(`${at(z.nameLine)}：${z.number}号片区是新片区，请填写片区名称`);
    zoneRowOf.set(z.number, { id: known?.id ?? newZoneId(`z${z.number}`), number: z.number, name: z.name ?? known?.name ?? '', chiefPersonId: known?.chiefPersonId ?? null, leadUnitId: known?.leadUnitId ?? null });
  }
  const zoneLabel = (id: string) => {
    const row = [...zoneRowOf.values()].find((z) => z.id === id) ?? existing.zoneRows.find((z) => z.id === id);
    return row ? `${row.number}号片区` : id;
  };

  // Units: a unit's home zone stays where it is while the file still names it there.
  const newUnitId = idMaker('u', 3, new Set(existing.unitRows.map((u) => u.id)));
  const unitRowOf = new Map<string, UnitRow>();
  for (const u of plan.units.values()) {
    const known = existing.unitByName.get(u.name);
    const named = u.zones.map((n) => zoneRowOf.get(n)!.id);
    const led = [...plan.zones.values()].filter((z) => z.lead?.unitName === u.name).map((z) => zoneRowOf.get(z.number)!.id);
    const zoneId = known && (named.includes(known.zoneId) || !named.length) ? known.zoneId : (named[0] ?? led[0]);
    const row = { id: known?.id ?? newUnitId(), name: u.name, zoneId };
    unitRowOf.set(u.name, row);
    if (!known) note('units', 'added', `${u.name}（${zoneLabel(zoneId)}）`);
    else if (known.zoneId !== zoneId) note('units', 'moved', `${u.name}：从${zoneLabel(known.zoneId)}调到${zoneLabel(zoneId)}`);
    else note('units', 'unchanged');
    if (!known || known.zoneId !== zoneId) write.units.push({ row, isNew: !known });
  }
  const unitIdOf = (name: string) => unitRowOf.get(name)?.id ?? existing.unitByName.get(name)!.id;
  const unitZoneOf = (name: string) => unitRowOf.get(name)?.zoneId ?? existing.unitByName.get(name)!.zoneId;

  const cellsByKey = new Map(existing.cellRows.map((c) => [`${existing.unitName.get(c.unitId)}|${c.name}`, c]));
  const newCellId = idMaker('g', 4, new Set(existing.cellRows.map((c) => c.id)));
  for (const [key, c] of plan.cells) {
    const known = cellsByKey.get(key);
    const row = { id: known?.id ?? newCellId(), unitId: unitIdOf(c.unitName), zoneId: c.zoneNumber !== null ? zoneRowOf.get(c.zoneNumber)!.id : unitZoneOf(c.unitName), name: c.name, personName: c.personName };
    const label = `${c.unitName}·${c.name}`;
    if (!known) note('gridCells', 'added', `${label}（${zoneLabel(row.zoneId)}，责任人${c.personName}）`);
    else if (known.zoneId !== row.zoneId) note('gridCells', 'moved', `${label}：从${zoneLabel(known.zoneId)}调到${zoneLabel(row.zoneId)}`);
    else if (known.personName !== row.personName) note('gridCells', 'changed', `${label}：责任人由${known.personName}改为${c.personName}`);
    else note('gridCells', 'unchanged');
    if (!known || known.zoneId !== row.zoneId || known.personName !== row.personName) write.gridCells.push({ row, isNew: !known });
  }

  const matched = matchPeople(plan, existing);
  const newPersonId = idMaker('p', 4, new Set(existing.personRows.map((p) => p.id)));
  const personIdOf = new Map<string, string>();
  for (const { ref, person } of plan.allPeople()) {
    const known = matched.get(refKey(ref));
    const row: PersonRow = { id: known?.id ?? newPersonId(), name: person.name, role: person.role, unitId: person.unitName ? unitIdOf(person.unitName) : null, phone: person.phone ?? known?.phone ?? null };
    personIdOf.set(refKey(ref), row.id);
    const label = `${person.name}（${person.unitName ?? ROLE_NAMES[person.role]}）`;
    // A unit's person who also chiefs zones (rosterPlan.ts mergeChiefs) is one person: say both.
    const chiefOf = person.unitName ? plan.chiefOf(ref) : [];
    const alsoChief = chiefOf.length ? `，兼任${chiefOf.map((n) => `${n}号片区`).join('、')}片长` : '';
    if (!known) note('people', 'added', `${label}${person.unitName ? `，${ROLE_NAMES[person.role]}` : ''}${alsoChief}${person.phone ? `，电话${person.phone}` : ''}`);
    else if (known.unitId !== row.unitId) note('people', 'moved', `${person.name}：从${known.unitId ? existing.unitName.get(known.unitId) : '无单位'}调到${person.unitName ?? '无单位'}`);
    else {
      const what = differing(known, row, { role: '角色', phone: '联系电话' });
      if (what.length) note('people', 'changed', `${label}：${known.role !== row.role ? `角色由${ROLE_NAMES[known.role]}改为${ROLE_NAMES[row.role]}` : `${what.join('、')}有变`}`);
      else note('people', 'unchanged');
    }
    if (!known || differing(known, row, { role: '', unitId: '', phone: '' }).length) write.people.push({ row, isNew: !known });
  }

  // The file's people by the id they get, for naming a zone's chief before and after.
  const plannedById = new Map(plan.allPeople().map(({ ref, person }) => [personIdOf.get(refKey(ref)), person]));
  for (const z of plan.zones.values()) {
    const row = zoneRowOf.get(z.number)!;
    if (z.chief) row.chiefPersonId = personIdOf.get(refKey(z.chief.key))!;
    if (z.lead) row.leadUnitId = unitIdOf(z.lead.unitName);
    const known = existing.zoneByNumber.get(z.number);
    const placeOf = (id: string | null) => {
      const planned = id ? plannedById.get(id) : undefined;
      const row = planned ? null : existing.personRows.find((p) => p.id === id);
      const unitName = planned ? planned.unitName : row?.unitId ? existing.unitName.get(row.unitId) : null;
      return unitName ?? ROLE_NAMES[(planned ?? row)?.role ?? 'zone_chief'];
    };
    const personName = (id: string | null) => (id ? (plannedById.get(id)?.name ?? existing.personRows.find((p) => p.id === id)?.name) : null) ?? '无';
    const unitNameOf = (id: string | null) => (id ? ([...unitRowOf.values()].find((u) => u.id === id)?.name ?? existing.unitName.get(id)) : null) ?? '无';
    if (!known) note('zones', 'added', `${row.name}（片长${personName(row.chiefPersonId)}，牵头单位${unitNameOf(row.leadUnitId)}）`);
    else {
      const what: string[] = [];
      if (known.name !== row.name) what.push(`名称由“${known.name}”改为“${row.name}”`);
      if (known.chiefPersonId !== row.chiefPersonId) {
        const [from, to] = [personName(known.chiefPersonId), personName(row.chiefPersonId)];
        // Namesakes (a 片长 entry of their own, now the unit's person of that name): say which is which.
        what.push(from === to ? `片长由${from}（${placeOf(known.chiefPersonId)}）改为${to}（${placeOf(row.chiefPersonId)}）` : `片长由${from}改为${to}`);
      }
      if (known.leadUnitId !== row.leadUnitId) what.push(`牵头单位由${unitNameOf(known.leadUnitId)}改为${unitNameOf(row.leadUnitId)}`);
      note('zones', what.length ? 'changed' : 'unchanged', `${row.number}号片区：${what.join('，')}`);
      if (!what.length) continue;
    }
    write.zones.push({ row, isNew: !known });
  }

  if (tables.people) {
    const plannedIds = {
      zones: new Set([...zoneRowOf.values()].map((z) => z.id)),
      units: new Set([...unitRowOf.values()].map((u) => u.id)),
      gridCells: new Set(plan.cells.keys()),
      people: new Set(personIdOf.values()),
    };
    for (const z of existing.zoneRows) if (!plannedIds.zones.has(z.id)) note('zones', 'leftOut', z.name);
    for (const u of existing.unitRows) if (!plannedIds.units.has(u.id)) note('units', 'leftOut', u.name);
    for (const c of existing.cellRows) {
      const key = `${existing.unitName.get(c.unitId)}|${c.name}`;
      if (!plannedIds.gridCells.has(key)) note('gridCells', 'leftOut', key.replace('|', '·'));
    }
    for (const p of existing.personRows) if (!plannedIds.people.has(p.id)) note('people', 'leftOut', `${p.name}（${p.unitId ? existing.unitName.get(p.unitId) : ROLE_NAMES[p.role]}）`);
  }

  const standard = planDuties(plan, existing, tables, write, note, unitIdOf);
  const leftOutColumns = tables.leftOut.filter((c) => c.why !== 'unknown').map((c) => `${c.source}的列“${c.header}”未导入${c.why === 'mapped' ? '（已选择忽略）' : ''}`);
  return {
    preview: { layout: tables.layout ?? null, encoding: tables.encoding ?? null, counts, changes: lines, leftOutColumns, standardDuties: standard, notices: plan.notices },
    problems,
    write,
  };
}

function planDuties(
  plan: Plan,
  existing: Existing,
  tables: RosterTables,
  write: Changes['write'],
  note: (kind: Kind, action: Action | 'unchanged', text?: string) => void,
  unitIdOf: (name: string) => string,
): number {
  const allUnitIds = [...new Set([...existing.unitRows.map((u) => u.id), ...[...plan.units.keys()].map(unitIdOf)])];
  const newDutyId = { daily: idMaker('duty-daily-', 2, new Set(existing.dutyRows.map((d) => d.id))), weekly: idMaker('duty-weekly-', 2, new Set(existing.dutyRows.map((d) => d.id))) };
  if (!tables.duties) {
    if (existing.dutyRows.length || !tables.people) return 0;
    const list = standardDuties();
    list.forEach(({ unitIds: _, ...duty }, i) => {
      write.duties.push({ row: { ...duty, sortOrder: i + 1 }, isNew: true, owners: null });
      note('duties', 'added', `${duty.title}（默认责任清单）`);
    });
    return list.length;
  }
  let order = 0;
  for (const { duty, unitNames, exceptUnitNames } of plan.duties.values()) {
    order++;
    const known = existing.dutyByTitle.get(duty.title);
    const row: DutyRow = { id: known?.id ?? newDutyId[duty.cadence](), ...duty, sortOrder: order };
    const except = new Set(exceptUnitNames.map(unitIdOf));
    const owners = (unitNames.length ? unitNames.map(unitIdOf) : except.size ? allUnitIds.filter((id) => !except.has(id)) : []).sort();
    const ownersChanged = !known || existing.ownersOf(known.id).join() !== [...new Set(owners)].join();
    const what = known ? differing(known, row, { category: '类别', description: '要求', dueTime: '截止时间', dueWeekday: '截止星期', workingDaysOnly: '仅工作日', sortOrder: '' }) : [];
    if (!known) note('duties', 'added', `${duty.title}（${CATEGORY_NAMES[duty.category]}，${duty.cadence === 'daily' ? '每天' : '每周'} ${duty.dueTime}）`);
    else if (what.length || ownersChanged) note('duties', 'changed', `${duty.title}：${[...what.filter(Boolean), ...(ownersChanged ? ['适用单位'] : [])].join('、') || '顺序'}有变`);
    else note('duties', 'unchanged');
    if (!known || what.length || ownersChanged) write.duties.push({ row, isNew: !known, owners: ownersChanged ? [...new Set(owners)] : null });
  }
  for (const d of existing.dutyRows) {
    if (plan.duties.has(d.title)) continue;
    const untouchedStandard = d.id.startsWith(STANDARD_ID_PREFIX) && !existing.checkedDutyIds.has(d.id);
    if (untouchedStandard) write.removeDuties.push(d.id);
    note('duties', untouchedStandard ? 'replaced' : 'leftOut', d.title);
  }
  return 0;
}

/**
 * Writes what the preview showed, through the one effective-dated path (changeOrg): every zone, unit, cell,
 * person and duty that changes gets a new version from `effectiveFrom`, so the days before keep the organisation
 * they were judged by. Phones are contact details, not organisation: written as they are. A duty's display order
 * likewise. The errors are changeOrg's, when it refuses (nothing is written then).
 */
export function applyChanges(db: Db, { write }: Changes, effectiveFrom: string, now: number): string[] {
  const org = loadOrg(db);
  const person = ({ phone: _contact, ...p }: PersonRow) => p;
  const duty = ({ sortOrder: _order, ...d }: DutyRow, owners: string[] | null): Duty => ({
    ...(d as Omit<Duty, 'unitIds'>),
    unitIds: owners ?? org.dutyById.get(d.id)?.unitIds ?? [],
  });
  return db.transaction(() => {
    const t = db; // one connection: everything through db is inside this transaction (db/open.ts)
    const result = changeOrg(
      t,
      effectiveFrom,
      {
        zones: write.zones.map((z) => z.row),
        units: write.units.map((u) => u.row),
        gridCells: write.gridCells.map((c) => c.row),
        people: write.people.map((p) => person(p.row)),
        duties: write.duties.map((d) => duty(d.row, d.owners)),
        ended: write.removeDuties.map((id) => ({ kind: 'duty' as const, id })),
      },
      now,
    );
    if (!result.ok) return result.errors;
    for (const { row } of write.people) t.update(people).set({ phone: row.phone }).where(eq(people.id, row.id)).run();
    for (const { row } of write.duties) t.update(duties).set({ sortOrder: row.sortOrder }).where(eq(duties.id, row.id)).run();
    return [];
  });
}
