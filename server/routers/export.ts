/**
 * Exports for heads and the command center: the XLSX workbook (with the 考核得分 sheet), the 按单位 and 考核得分
 * tables as CSV (files come back as base64 with a filename), and the data of a 通报. Staff and inspectors are
 * refused; scope as for reports (scores of the units in scope, ranks county-wide).
 */
import { allowedTo, router } from '../trpc';
import { orgToday } from '../domain/org';
import { csvFile, exportData, scoresCsvFile, xlsxFile } from '../domain/export/build';
import { scoreTable } from '../domain/assessment/sheet';
import { reportUnits } from '../domain/report/place';
import { bulletinData } from '../domain/export/bulletin';
import { bulletinInput, reportRange } from '../../shared/schemas/report';

const exporter = allowedTo('export.download');

export const exportRouter = router({
  xlsx: exporter.input(reportRange).query(async ({ ctx, input }) => {
    const org = orgToday(ctx.db, ctx.clock.now());
    const now = ctx.clock.now();
    const scores = scoreTable(ctx.db, org, reportUnits(ctx.actor.person, org, input.scope).units, input.from, input.to, now);
    return xlsxFile(exportData(ctx.db, org, ctx.actor.person, input.scope, input.from, input.to, now), org, now, scores);
  }),

  scoresCsv: exporter.input(reportRange).query(({ ctx, input }) => {
    const org = orgToday(ctx.db, ctx.clock.now());
    const { units } = reportUnits(ctx.actor.person, org, input.scope);
    return scoresCsvFile(scoreTable(ctx.db, org, units, input.from, input.to, ctx.clock.now()), input.from, input.to);
  }),

  csv: exporter.input(reportRange).query(({ ctx, input }) => {
    const org = orgToday(ctx.db, ctx.clock.now());
    return csvFile(exportData(ctx.db, org, ctx.actor.person, input.scope, input.from, input.to, ctx.clock.now(), false), org);
  }),

  bulletin: exporter.input(bulletinInput).query(({ ctx, input }) =>
    bulletinData(ctx.db, orgToday(ctx.db, ctx.clock.now()), ctx.actor.person, input.scope, ctx.clock.now(), input.end, input.days),
  ),
});
