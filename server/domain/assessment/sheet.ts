/*
 * The 考核得分 table of an export: for the units of the export's place, each unit's score row (rank, score,
 * deducted, credited, 红黑榜), then one row per deduction and credit under it, with what it was for, its date, its
 * points and the ledger record behind it. The XLSX sheet and the CSV are both written from it.
 */
import type { Db } from '../../db/open';
import type { Org } from '../org';
import type { Unit } from '../../../shared/schemas/org';
import type { Cell, Table } from '../export/tables';
import { assessmentOf } from './scores';
import { appealsOf } from './appeals';
import { describe } from './explain';
import { periodOfRange, DEDUCTION_KIND_NAMES } from '../../../shared/assessment/score';
import { APPEAL_STATE_NAMES } from '../../../shared/assessment/appeal';
import { mustGet } from '../mustGet';

const LIST_NAMES = { red: '红榜', black: '黑榜' } as const;

export function scoreTable(db: Db, org: Org, units: readonly Unit[], from: string, to: string, now: number): Table {
  const appeals = appealsOf(db);
  const a = assessmentOf(db, org, periodOfRange(from, to), now, appeals);
  const appealOf = new Map(appeals.map((x) => [x.deductionKey, x]));
  const wanted = new Set(units.map((u) => u.id));
  const zoneName = new Map(a.zones.map((z) => [z.zoneId, z.zoneName]));
  const byUnit = new Map<string, { deductions: typeof a.deductions; credits: typeof a.credits }>(units.map((u) => [u.id, { deductions: [], credits: [] }]));
  for (const d of a.deductions) byUnit.get(d.unitId)?.deductions.push(d);
  for (const c of a.credits) byUnit.get(c.unitId)?.credits.push(c);
  const rows: Cell[][] = [];
  for (const u of [...a.units].filter((x) => wanted.has(x.unitId)).sort((x, y) => x.rank - y.rank)) {
    const head = [u.rank, u.unitName, zoneName.get(u.zoneId) ?? ''];
    rows.push([...head, '得分', null, `基础分${u.base}，扣${u.deducted}分，加${u.credited}分${u.list ? `，${LIST_NAMES[u.list]}` : ''}`, u.score, null, null]);
    const { deductions, credits } = mustGet(byUnit, u.unitId, '考核单位');
    for (const d of deductions) {
      const appeal = appealOf.get(d.key);
      rows.push([...head, DEDUCTION_KIND_NAMES[d.kind], d.date, describe(db, org, d), -d.points, d.seq ?? null, d.waived ? '申诉已采纳，不计' : appeal ? `申诉${APPEAL_STATE_NAMES[appeal.state]}` : null]);
    }
    for (const c of credits) rows.push([...head, '加分', c.date, describe(db, org, c), c.points, null, null]);
  }
  return {
    columns: [
      { header: '名次', width: 6, kind: 'count' },
      { header: '单位', width: 18, kind: 'text' },
      { header: '片区', width: 18, kind: 'text' },
      { header: '项目', width: 12, kind: 'text' },
      { header: '日期', width: 12, kind: 'text' },
      { header: '说明', width: 48, kind: 'text' },
      { header: '分值', width: 8, kind: 'count' },
      { header: '台账记录号', width: 10, kind: 'count' },
      { header: '申诉', width: 16, kind: 'text' },
    ],
    rows,
  };
}
