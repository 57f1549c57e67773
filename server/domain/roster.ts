/*
 * Roster and duty-list import (人员名单、责任清单导入). Takes rows read from a CSV or XLSX file (rosterFile.ts),
 * in either layout: the county's own, one row per grid cell (片区编号, 片区名称, 片长, 牵头单位, 责任单位, 网格,
 * 网格责任人, 联系电话), or the template with a 姓名 and 角色 per row. Every row is checked; the result is a preview
 * of what would change (rosterChanges.ts) and either EVERY problem with its line number in Chinese, or, unless it
 * is a dry run, everything written in one transaction, in effect from the day of the import (orgChanges.ts), so
 * the days before are still judged by the organisation they had. Re-importing the same file changes nothing.
 * Import never deletes anything. Formats: docs/import.md.
 */
import type { z } from 'zod';
import { dateKeyOf } from '../../shared/calendar';
import type { Db } from '../db/open';
import { CATEGORY_NAMES, categoryByName } from '../../shared/categories';
import { ROLE_NAMES, roleByName, type Role } from '../../shared/roles';
import { dutySchema, gridCellSchema, personSchema, unitSchema, zoneSchema } from '../../shared/schemas/org';
import type { RosterTables, SheetRow } from './rosterFile';
import { cleanPhone, Plan, ROLES_WITH_UNIT, zoneNumberOf, type PlannedDuty } from './rosterPlan';
import { applyChanges, changesOf, loadExisting, type ImportPreview } from './rosterChanges';

export type { ImportPreview } from './rosterChanges';
export type ImportResult =
  | { ok: true; preview: ImportPreview; written: boolean }
  | { ok: false; errors: string[]; preview: ImportPreview | null };

/** A dry run checks and previews only; a write needs the time it happens, since what it changes is in effect from that day. */
export type ImportOptions = { dryRun: true } | { dryRun?: false; at: number };

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const YES = new Set(['是', 'Y', 'y', '1', 'yes', 'true', '√']);
const NO = new Set(['否', 'N', 'n', '0', 'no', 'false', '']);

/** Checks every row, previews the changes, and writes them unless a row is bad or this is a dry run. */
export function importRoster(db: Db, tables: RosterTables, options: ImportOptions): ImportResult {
  const existing = loadExisting(db);
  const plan = new Plan();
  const errors: string[] = [];
  const at = (source: string | undefined, line: number) => `${source ?? ''}第${line}行`;

  for (const c of tables.leftOut.filter((c) => c.why === 'unknown')) {
    errors.push(`${c.source}的列“${c.header}”无法识别：请指定它对应的字段，或选择“忽略”（命令行：--map ${c.header}=网格责任人 或 --map ${c.header}=忽略）`);
  }
  const readRow = tables.layout === 'county' ? planCountyRow : planTemplateRow;
  let previous: CountyCarry = { zone: null, unit: '' };
  for (const row of tables.people ?? []) {
    const { reasons, carry } = readRow(row, plan, existing, previous);
    previous = carry;
    for (const reason of reasons) errors.push(`${at(tables.sources.people, row.line)}：${reason}`);
  }
  plan.mergeChiefs();
  for (const { person } of plan.allPeople()) {
    if (person.role !== 'dept_head') continue;
    const leads = [...plan.zones.values()].some((z) => z.lead?.unitName === person.unitName) || existing.leadUnitNames.has(person.unitName!);
    if (!leads) errors.push(`${at(tables.sources.people, person.line)}：“${person.unitName}”不是牵头单位，不能设“${ROLE_NAMES.dept_head}”（请在该单位的行中将“是否牵头单位”填“是”）`);
  }
  const unitKnown = (name: string) => plan.units.has(name) || existing.unitByName.has(name);
  for (const row of tables.duties ?? []) {
    for (const reason of planDutyRow(row, plan, existing, unitKnown)) errors.push(`${at(tables.sources.duties, row.line)}：${reason}`);
  }
  if (!tables.people?.length && !tables.duties?.length) errors.push('文件中没有数据行');
  const changes = errors.length ? null : changesOf(plan, existing, tables, (line) => at(tables.sources.people, line));
  if (changes) errors.push(...changes.problems);
  if (errors.length || !changes) return { ok: false, errors, preview: changes?.preview ?? null };
  if (options.dryRun) return { ok: true, preview: changes.preview, written: false };
  const refused = applyChanges(db, changes, dateKeyOf(options.at), options.at);
  if (refused.length) return { ok: false, errors: refused, preview: changes.preview };
  return { ok: true, preview: changes.preview, written: true };
}

type Existing = ReturnType<typeof loadExisting>;
/** What a county-layout row leaves for the next: merged or blank cells mean "as the row above". */
interface CountyCarry {
  zone: number | null;
  unit: string;
}

/** The zod schema's own message (they are written in Chinese), for the first problem with a value. */
function schemaProblem<T>(schema: z.ZodType<T>, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (parsed.success) return null;
  const message = parsed.error.issues[0]?.message ?? '';
  return /[\u4e00-\u9fff]/.test(message) ? message : '内容格式不正确';
}

/** The zone a row names, created in the plan; a new zone needs its name somewhere in the file. */
function planZone(plan: Plan, number: number, name: string, line: number): string[] {
  const reasons = plan.zone(number, name, line);
  const problem = name ? schemaProblem(zoneSchema.shape.name, name) : null;
  if (problem) reasons.push(problem);
  return reasons;
}

/**
 * The county layout: one row per grid cell. Blank zone cells (often merged in Excel) continue the zone above;
 * a blank 责任单位 continues the unit above within the same zone.
 */
function planCountyRow(row: SheetRow, plan: Plan, existing: Existing, carry: CountyCarry): { reasons: string[]; carry: CountyCarry } {
  const c = row.cells;
  const reasons: string[] = [];
  const numberCell = c['片区编号'] ?? '';
  const nameCell = c['片区名称'] ?? '';
  let zoneNumber = carry.zone;
  if (numberCell || nameCell) {
    const parsed = zoneNumberOf(numberCell, nameCell);
    if (parsed.problem) return { reasons: [parsed.problem], carry: { zone: null, unit: '' } };
    zoneNumber = parsed.number;
  }
  if (zoneNumber === null) return { reasons: ['缺少片区编号'], carry };
  reasons.push(...planZone(plan, zoneNumber, nameCell, row.line));

  const unitName = c['单位'] || (zoneNumber === carry.zone ? carry.unit : '');
  const next = { zone: zoneNumber, unit: unitName };
  const chiefName = c['片长'] ?? '';
  if (chiefName) {
    const phone = cleanPhone(c['片长电话'] ?? '');
    if (phone.problem) reasons.push(phone.problem);
    const problem = schemaProblem(personSchema.shape.name, chiefName);
    if (problem) reasons.push(problem);
    const { ref, reasons: more } = plan.person({ name: chiefName, role: 'zone_chief', unitName: null, phone: phone.phone, line: row.line }, false);
    reasons.push(...more, ...plan.chief(zoneNumber, ref, row.line));
  }
  const leadName = c['牵头单位'] ?? '';
  if (leadName) {
    const problem = schemaProblem(unitSchema.shape.name, leadName);
    reasons.push(...(problem ? [problem] : plan.lead(zoneNumber, leadName, row.line)));
  }
  const cellName = c['网格'] ?? '';
  const personName = c['网格责任人'] ?? '';
  const headName = c['单位负责人'] ?? '';
  if (!unitName) {
    if (cellName || personName || headName) reasons.push('缺少责任单位');
    return { reasons, carry: next };
  }
  const problem = schemaProblem(unitSchema.shape.name, unitName);
  if (problem) return { reasons: [...reasons, problem], carry: next };
  plan.unit(unitName, zoneNumber, row.line);
  if (cellName || personName) {
    if (!personName) reasons.push(`网格“${cellName}”缺少网格责任人（格中定人）`);
    else if (cellName) reasons.push(...planCell(plan, unitName, zoneNumber, cellName, personName, row.line));
    if (personName) reasons.push(...planUnitPerson(plan, personName, 'staff', unitName, c['联系电话'] ?? '', row.line, false));
  }
  if (headName) reasons.push(...planUnitPerson(plan, headName, 'unit_head', unitName, c['负责人电话'] ?? '', row.line, false));
  return { reasons, carry: next };
}

function planCell(plan: Plan, unitName: string, zoneNumber: number | null, cellName: string, personName: string, line: number): string[] {
  const problem = schemaProblem(gridCellSchema.pick({ name: true, personName: true }), { name: cellName, personName });
  return problem ? [problem] : plan.cell(unitName, zoneNumber, cellName, personName, line);
}

function planUnitPerson(plan: Plan, name: string, role: Role, unitName: string | null, phoneCell: string, line: number, strict: boolean): string[] {
  const phone = cleanPhone(phoneCell);
  const problem = schemaProblem(personSchema.shape.name, name);
  const reasons = [phone.problem, problem].filter((r): r is string => !!r);
  if (reasons.length) return reasons;
  return plan.person({ name, role, unitName, phone: phone.phone, line }, strict).reasons;
}

/** Today's template: zone, unit, 是否牵头单位, cell, and a person with a role on each row. */
function planTemplateRow(row: SheetRow, plan: Plan, existing: Existing, carry: CountyCarry): { reasons: string[]; carry: CountyCarry } {
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
    const parsed = zoneNumberOf(zoneCell, '');
    if (parsed.problem) reasons.push(parsed.problem);
    zoneNumber = parsed.number;
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
  if (reasons.length) return { reasons, carry };

  if (zoneNumber !== null) reasons.push(...planZone(plan, zoneNumber, zoneName, row.line));
  const chiefRow = role === 'zone_chief';
  if (unitName && !chiefRow) {
    const problem = schemaProblem(unitSchema.shape.name, unitName);
    if (problem) reasons.push(problem);
    if (zoneNumber === null && !plan.units.has(unitName) && !existing.unitByName.has(unitName)) {
      reasons.push(`单位“${unitName}”不存在，请填写它所在的片区编号`);
    } else plan.unit(unitName, zoneNumber, row.line);
    if (lead) {
      if (zoneNumber === null) reasons.push('牵头单位须填写片区编号');
      else reasons.push(...plan.lead(zoneNumber, unitName, row.line));
    }
  } else if (lead) {
    reasons.push('“是否牵头单位”为“是”，但没有填写单位');
  }

  if (cellName || cellPerson) {
    if (!unitName || chiefRow) reasons.push('网格须属于一个单位，请填写单位');
    else if (!cellName) reasons.push('填写了网格责任人，但缺少网格名称');
    else if (!cellPerson) reasons.push(`网格“${cellName}”缺少网格责任人（格中定人）`);
    else reasons.push(...planCell(plan, unitName, zoneNumber, cellName, cellPerson, row.line));
  }

  if (name && role) {
    const ofUnit = ROLES_WITH_UNIT.includes(role);
    if (ofUnit && !unitName) reasons.push(`角色“${ROLE_NAMES[role]}”须填写单位`);
    if (!ofUnit && unitName) reasons.push(`角色“${ROLE_NAMES[role]}”不属于责任单位，单位一栏请留空`);
    if (role === 'zone_chief' && zoneNumber === null) reasons.push('片长须填写所负责的片区编号');
    if (reasons.length) return { reasons, carry };
    const phone = cleanPhone(c['联系电话'] ?? '');
    const problem = schemaProblem(personSchema.shape.name, name) ?? phone.problem;
    if (problem) return { reasons: [problem], carry };
    const { ref, reasons: more } = plan.person({ name, role, unitName: ofUnit ? unitName : null, phone: phone.phone, line: row.line }, true);
    reasons.push(...more);
    if (role === 'zone_chief') reasons.push(...plan.chief(zoneNumber!, ref, row.line));
  }
  return { reasons, carry };
}

function parseWeekday(cell: string): number | null {
  if (!cell) return 5;
  if (/^[1-7]$/.test(cell)) return Number(cell);
  const m = /^(周|星期|礼拜)([一二三四五六日天])$/.exec(cell);
  if (!m) return null;
  return m[2] === '天' ? 7 : WEEKDAYS.indexOf(m[2]) + 1;
}

const unitList = (cell: string | undefined) => (cell ?? '').split(/[、,，;；\s]+/).filter(Boolean);

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
  const unitNames = unitList(c['适用单位']);
  const exceptUnitNames = unitList(c['不适用单位']);
  for (const name of unitNames) if (!unitKnown(name)) reasons.push(`适用单位“${name}”不存在`);
  for (const name of exceptUnitNames) if (!unitKnown(name)) reasons.push(`不适用单位“${name}”不存在`);
  if (unitNames.length && exceptUnitNames.length) reasons.push('“适用单位”和“不适用单位”只能填一项');
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
  plan.duties.set(duty.title, { duty, unitNames, exceptUnitNames, line: row.line });
  return [];
}
