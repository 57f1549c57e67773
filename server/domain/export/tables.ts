/*
 * The tables an export holds, defined once: each column's Chinese header, width in Excel and kind (text, a
 * count, a 0..1 rate shown as a percentage, a date as its key 'YYYY-MM-DD', or a moment as epoch ms). The XLSX
 * sheets (real Excel dates) and the CSV (the same words the screens use) are both written from these.
 */
import type { CompletionReport } from '../report/completion';
import type { IssueReport } from '../report/issues';
import type { SatisfactionReport } from '../report/satisfaction';
import type { SatisfactionStats } from '../../../shared/satisfaction';
import type { ListedIssue } from './build';
import type { Org } from '../org';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { ISSUE_SOURCE_NAMES } from '../../../shared/schemas/events';
import { checkpointLabel } from '../../../shared/labels';
import type { Checkpoint } from '../ledgerChain';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F, completionRate, type DutyFigures } from '../../../shared/metrics';
import { mustGet } from '../mustGet';

export type Cell = string | number | null;
export interface Column {
  header: string;
  width: number;
  kind: 'text' | 'count' | 'rate' | 'date' | 'time';
}
export interface Table {
  columns: Column[];
  rows: Cell[][];
  /** For a sheet whose last column mixes kinds (the summary): each row's kind of value. */
  rowKinds?: Column['kind'][];
}

const text = (header: string, width = 14): Column => ({ header, width, kind: 'text' });
const count = (header: string, width = 10): Column => ({ header, width, kind: 'count' });
const rate = (header: string, width = 12): Column => ({ header, width, kind: 'rate' });
const date = (header: string, width = 14): Column => ({ header, width, kind: 'date' });
const time = (header: string, width = 20): Column => ({ header, width, kind: 'time' });

// Every duty table shows the same figures under the same words (shared/metrics.ts).
const DUTY_COLUMNS = [
  count(F.dueByNow), count(S.on_time), count(S.late), count(S.missed), count(S.overdue), count(S.pending), rate(F.rate), rate(F.onTimeRate, 13),
];
const dutyCells = (s: DutyFigures): Cell[] => [s.dueByNow, s.on_time, s.late, s.missed, s.overdue, s.pending, s.rate, s.onTimeRate];
const ISSUE_COLUMNS = [count('上报问题'), count('已整改'), count('超期未整改'), count('返工次数'), rate('按期整改率', 13)];
const issueCells = (s: IssueReport['total']): Cell[] => [s.reported, s.rectified, s.overdue, s.reopens, s.onTimeRectifyRate];

export function summaryTable(title: string, c: CompletionReport, i: IssueReport, generatedAt: number, checkpoint: Checkpoint): Table {
  const t = c.total;
  const rows: [string, Cell, Column['kind']][] = [
    ['统计范围', title, 'text'],
    ['统计期间', `${c.from} 至 ${c.to}`, 'text'],
    ['生成时间', generatedAt, 'time'],
    ['台账校验', checkpointLabel(checkpoint), 'text'],
    ['单位数', c.byUnit.length, 'count'],
    ...DUTY_COLUMNS.map((col, k): [string, Cell, Column['kind']] => [col.header, dutyCells(t)[k], col.kind]),
    ['上报问题', i.total.reported, 'count'],
    ['已整改', i.total.rectified, 'count'],
    ['已核查', i.total.verified, 'count'],
    ['超期未整改', i.total.overdue, 'count'],
    ['返工次数', i.total.reopens, 'count'],
    ['按期整改率', i.total.onTimeRectifyRate, 'rate'],
  ];
  return { columns: [text('项目', 30), text('数值', 24)], rows: rows.map(([k, v]) => [k, v]), rowKinds: rows.map(([, , kind]) => kind) };
}

export function zoneTable(c: CompletionReport, i: IssueReport): Table {
  const issuesOf = new Map(i.byZone.map((z) => [z.zoneId, z]));
  return {
    columns: [count('片区编号'), text('片区', 24), count('单位数'), ...DUTY_COLUMNS, ...ISSUE_COLUMNS],
    rows: c.byZone.map((z) => [z.zoneNumber, z.zoneName, z.unitCount, ...dutyCells(z), ...issueCells(mustGet(issuesOf, z.zoneId, '片区'))]),
  };
}

export function unitTable(c: CompletionReport, i: IssueReport, org: Org): Table {
  const issuesOf = new Map(i.byUnit.map((u) => [u.unitId, u]));
  const zoneName = new Map(org.zones.map((z) => [z.id, z.name]));
  return {
    columns: [text('片区', 24), text('单位', 24), ...DUTY_COLUMNS, ...ISSUE_COLUMNS],
    rows: c.byUnit.map((u) => [zoneName.get(u.zoneId) ?? '', u.unitName, ...dutyCells(u), ...issueCells(mustGet(issuesOf, u.unitId, '单位'))]),
  };
}

/** One row per unit and date (needs the report's heat map). */
export function dailyTable(c: CompletionReport, org: Org): Table {
  const zoneName = new Map(org.zones.map((z) => [z.id, z.name]));
  const unitOf = new Map(c.byUnit.map((u) => [u.unitId, u]));
  const rows: Cell[][] = [];
  c.dates.forEach((date, d) => {
    for (const row of c.heat ?? []) {
      const cell = row.cells[d];
      if (cell.done + cell.missed + cell.overdue + cell.pending === 0) continue;
      const unit = mustGet(unitOf, row.unitId, '单位');
      rows.push([date, zoneName.get(unit.zoneId) ?? '', unit.unitName, cell.done + cell.missed + cell.overdue, cell.done, cell.missed, cell.overdue, cell.pending, completionRate(cell)]);
    }
  });
  return {
    columns: [date('日期'), text('片区', 24), text('单位', 24), count(F.dueByNow), count(F.done), count(S.missed), count(S.overdue), count(S.pending), rate(F.rate)],
    rows,
  };
}

export function issueTable(list: ListedIssue[]): Table {
  return {
    columns: [
      time('上报时间'), text('片区', 22), text('单位', 20), text('类别', 12), text('地点', 24), text('问题描述', 40),
      text('来源', 8), text('状态', 10), time('整改时限'), time('整改时间'), time('核查时间'), count('返工次数'), count('超期天数'),
    ],
    rows: list.map((x) => [
      x.reportedAt, x.zoneName, x.unitName, CATEGORY_NAMES[x.category], x.place, x.description, ISSUE_SOURCE_NAMES[x.source],
      ISSUE_STATE_NAMES[x.state], x.deadlineAt, x.rectifiedAt, x.verifiedAt, x.reopenCount, x.overdue ? x.overdueDays : null,
    ]),
  };
}

/** 群众满意度: the place, each zone and each unit that was answered about, with the times on the place's row. */
export function satisfactionTable(s: SatisfactionReport): Table {
  const cells = (x: SatisfactionStats): Cell[] => [x.answered, x.satisfied, x.basically, x.dissatisfied, x.rate];
  return {
    columns: [text('层级', 8), text('名称', 24), count('评价数'), count('满意'), count('基本满意'), count('不满意'), rate('群众满意率', 13), count('平均受理用时（小时）', 20), count('平均整改用时（小时）', 20)],
    rows: [
      ['合计', `${s.from} 至 ${s.to}`, ...cells(s.total), s.total.toAcceptanceHours, s.total.toFixHours],
      ...s.byZone.map((z): Cell[] => ['片区', z.zoneName, ...cells(z), null, null]),
      ...s.byUnit.filter((u) => u.answered > 0).map((u): Cell[] => ['单位', u.unitName, ...cells(u), null, null]),
    ],
  };
}
