/**
 * Exports for heads and the command center: the XLSX workbook (with the 考核得分 sheet), the 按单位 and 考核得分
 * tables as CSV (files come back as base64 with a filename), and the data of a 通报. Staff and inspectors are
 * refused; scope as for reports (scores of the units in scope, ranks county-wide).
 */
import { scopedTo, router } from '../trpc';
import { csvFile, exportData, scoresCsvFile, xlsxFile } from '../domain/export/build';
import { scoreTable } from '../domain/assessment/sheet';
import { reportUnits } from '../domain/report/place';
import { bulletinData } from '../domain/export/bulletin';
import { bulletinInput, reportRange } from '../../shared/schemas/report';

const exporter = scopedTo('export.download');

export const exportRouter = router({
  xlsx: exporter.input(reportRange).query(async ({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const scores = scoreTable(ctx.db, org, reportUnits(scope, org, input.scope).units, input.from, input.to, now);
    return xlsxFile(exportData(ctx.db, org, scope, input.scope, input.from, input.to, now), org, now, scores);
  }),

  scoresCsv: exporter.input(reportRange).query(({ ctx, input }) => {
    const { units } = reportUnits(ctx.scope, ctx.org, input.scope);
    return scoresCsvFile(scoreTable(ctx.db, ctx.org, units, input.from, input.to, ctx.now), input.from, input.to);
  }),

  csv: exporter.input(reportRange).query(({ ctx, input }) =>
    csvFile(exportData(ctx.db, ctx.org, ctx.scope, input.scope, input.from, input.to, ctx.now, false), ctx.org),
  ),

  bulletin: exporter.input(bulletinInput).query(({ ctx, input }) =>
    bulletinData(ctx.db, ctx.org, ctx.scope, input.scope, ctx.now, input.end, input.days),
  ),
});
