/** What an export holds for a place and a date range, and the files made from it. */
import type { Db } from '../../db/open';
import type { Org } from '../org';
import { deadlineRulesOf } from '../settings';
import type { Scope } from '../../../shared/scope';
import type { ReportPlace } from '../../../shared/schemas/report';
import { reportUnits } from '../report/place';
import { completionReport, type CompletionReport } from '../report/completion';
import { issueReport, issuesOfUnits, rangeInstants, type IssueReport } from '../report/issues';
import { isOpen, isOverdue } from '../../../shared/metrics';
import { viewOf, type IssueView } from '../supervision/issueView';
import { dailyTable, issueTable, satisfactionTable, summaryTable, unitTable, zoneTable, type Table } from './tables';
import { satisfactionReport, type SatisfactionReport } from '../report/satisfaction';
import { workbookBytes, XLSX_MIME } from './workbook';
import { CSV_MIME, toCsv } from './csv';
import { overdueDays } from '../../../shared/metrics';
import { ledgerCheckpoint, type Checkpoint } from '../ledgerChain';

/** An issue as listed in exports and the 通报: whether it is overdue now, and by how many days (shared/metrics.ts). */
export type ListedIssue = IssueView & { overdue: boolean; overdueDays: number };

export interface ExportData {
  title: string;
  completion: CompletionReport;
  issues: IssueReport;
  /** Issues reported in the range or still open, newest first. */
  issueList: ListedIssue[];
  /** The ledger as these figures read it (台账校验), printed with them so a copy can be checked later. */
  checkpoint: Checkpoint;
  /** 群众满意率 and the times to acceptance and fix (shared/satisfaction.ts). */
  satisfaction: SatisfactionReport;
}

export function exportData(db: Db, org: Org, scope: Scope, place: ReportPlace, from: string, to: string, now: number, heat = true): ExportData {
  const chosen = reportUnits(scope, org, place, { from, to });
  const completion = completionReport(db, org, chosen.units, chosen.zones, from, to, now, { heat, zoneIds: chosen.zoneIds });
  const rows = issuesOfUnits(db, chosen.units, chosen.units.length === org.units.length);
  const [start, end] = rangeInstants(from, to);
  const rules = deadlineRulesOf(db);
  const issueList = rows
    .filter((r) => (r.reportedAt >= start && r.reportedAt < end) || isOpen(r))
    .sort((a, b) => b.reportedAt - a.reportedAt)
    .map((r) => {
      const overdue = isOverdue(r, now);
      return { ...viewOf(r, org), overdue, overdueDays: overdue ? overdueDays(r.deadlineAt, now, rules.counterFor(r.category)) : 0 };
    });
  return { title: chosen.title, completion, issues: issueReport(rows, org, chosen.units, from, to, now), issueList, satisfaction: satisfactionReport(db, org, chosen.units, from, to), checkpoint: ledgerCheckpoint(db.$client) };
}

export interface ExportFile {
  filename: string;
  mime: string;
  base64: string;
}

/** The workbook; with `scores` (server/domain/assessment/sheet.ts) it adds the 考核得分 sheet. */
export async function xlsxFile(data: ExportData, org: Org, now: number, scores?: Table): Promise<ExportFile> {
  const { completion: c, issues: i } = data;
  const sheets: [string, Table][] = [
    ['汇总', summaryTable(data.title, c, i, now, data.checkpoint)],
    ['按片区', zoneTable(c, i)],
    ['按单位', unitTable(c, i, org)],
    ['每日明细', dailyTable(c, org)],
    ['问题清单', issueTable(data.issueList)],
    ['群众满意度', satisfactionTable(data.satisfaction)],
  ];
  const bytes = await workbookBytes(scores ? [...sheets, ['考核得分', scores]] : sheets);
  return { filename: `片区通_汇总_${c.from}_${c.to}.xlsx`, mime: XLSX_MIME, base64: bytes.toString('base64') };
}

/** The 考核得分 table as CSV. */
export function scoresCsvFile(scores: Table, from: string, to: string): ExportFile {
  return { filename: `片区通_考核得分_${from}_${to}.csv`, mime: CSV_MIME, base64: Buffer.from(toCsv(scores), 'utf8').toString('base64') };
}

export function csvFile(data: ExportData, org: Org): ExportFile {
  const text = toCsv(unitTable(data.completion, data.issues, org));
  return { filename: `片区通_按单位_${data.completion.from}_${data.completion.to}.csv`, mime: CSV_MIME, base64: Buffer.from(text, 'utf8').toString('base64') };
}
