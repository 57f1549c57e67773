/*
 * Export: the XLSX workbook of the county for a month through the real export.xlsx over HTTP (as the dashboard
 * downloads it) and in process, both with the 考核得分 sheet; its size; next to exceljs alone writing the same seven
 * sheets (what the file format itself costs, without gathering the figures or scoring).
 */
import { createApi } from '../../extension/lib/api';
import { loadOrg, orgSeenBy } from '../../server/domain/org';
import { exportData, xlsxFile } from '../../server/domain/export/build';
import { scoreTable } from '../../server/domain/assessment/sheet';
import { reportUnits } from '../../server/domain/report/place';
import { addDays, dateKeyOf } from '../../shared/calendar';
import type { BenchContext } from '../context';
import type { Figure } from '../report';
import { spread, timeRuns } from '../stats';

export async function exportFigures(ctx: BenchContext): Promise<Figure[]> {
  const command = ctx.county.org.command[0];
  const api = createApi(ctx.url, command.token);
  const now = Date.now();
  const to = dateKeyOf(now);
  const from = addDays(to, -29);
  const { org, scope } = orgSeenBy(ctx.db, command.person, now);
  // As export.xlsx does: the figures and the 考核得分 sheet gathered, then written.
  const scores = () => scoreTable(ctx.db, org, reportUnits(scope, org, 'county').units, from, to, now);
  const inProcess = async () => xlsxFile(exportData(ctx.db, loadOrg(ctx.db), scope, 'county', from, to, now), org, now, scores());
  const data = exportData(ctx.db, org, scope, 'county', from, to, now);
  const scored = scores();
  const writeOnly = () => xlsxFile(data, org, now, scored);

  const file = await api.export.xlsx.query({ scope: 'county', from, to });
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.subarray(0, 2).toString() !== 'PK') throw new Error('导出的文件不是 XLSX（zip）');
  const runs = ctx.scale.runs;
  const writer = { label: 'exceljs 只写同样的七张表（数据和得分已算好）', value: await timeRuns(runs, writeOnly) };
  return [
    { section: 'export', label: '导出：全县一个月 XLSX，经 HTTP', note: `${file.filename}`, unit: 'ms', value: await timeRuns(runs, () => api.export.xlsx.query({ scope: 'county', from, to })), baseline: writer },
    { section: 'export', label: '导出：全县一个月 XLSX，进程内', unit: 'ms', value: await timeRuns(runs, inProcess), baseline: writer },
    { section: 'export', label: '导出：文件大小', unit: 'KB', value: spread([bytes.length / 1024]) },
  ];
}
