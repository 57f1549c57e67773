/** The dashboard's figures: completion, issues, a unit's day, the issue list and an issue's history. */
import { TRPCError } from '@trpc/server';
import { scopedProcedure, router } from '../trpc';
import { assertUnitInScope, reportUnits } from '../domain/report/place';
import { completionReport } from '../domain/report/completion';
import { issueReport, issuesOfUnits } from '../domain/report/issues';
import { issueHistory, issueList, unitDay } from '../domain/report/detail';
import { issueById } from '../domain/supervision/issueView';
import { overviewReport, placeVersion } from '../domain/report/overview';
import { issueFilters, issueHistoryInput, overviewInput, reportRange, unitDayInput } from '../../shared/schemas/report';
import { scopeHasUnit } from '../../shared/scope';
import { satisfactionReport } from '../domain/report/satisfaction';

export const reportRouter = router({
  /** Today, this week, the last 30 days and the issue figures of a place, in one answer, with its change version. */
  overview: scopedProcedure.input(overviewInput).query(({ ctx, input }) =>
    overviewReport(ctx.db, ctx.scope, ctx.org, input.scope, ctx.now),
  ),

  /** What an open dashboard polls: changes when anything the overview of this place shows may have changed. */
  version: scopedProcedure.input(overviewInput).query(({ ctx, input }) => ({
    version: placeVersion(ctx.db, ctx.scope, ctx.org, input.scope, ctx.now),
  })),

  /** Duty completion per unit, zone, day and week for a place and a date range. */
  completion: scopedProcedure.input(reportRange).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const place = reportUnits(scope, org, input.scope, input);
    return { title: place.title, ...completionReport(ctx.db, org, place.units, place.zones, input.from, input.to, now, { zoneIds: place.zoneIds }) };
  }),

  /** Issues reported, rectified, verified and overdue, and the 按期整改率, by zone, unit and category. */
  issues: scopedProcedure.input(reportRange).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const place = reportUnits(scope, org, input.scope, input);
    const rows = issuesOfUnits(ctx.db, place.units, place.units.length === org.units.length);
    return { title: place.title, ...issueReport(rows, org, place.units, input.from, input.to, now) };
  }),

  /** 群众满意率 by zone and unit, and the times from a public report to acceptance and to the fix. */
  satisfaction: scopedProcedure.input(reportRange).query(({ ctx, input }) => {
    const { org, scope } = ctx;
    const place = reportUnits(scope, org, input.scope);
    return { title: place.title, ...satisfactionReport(ctx.db, org, place.units, input.from, input.to) };
  }),

  /** One unit's day: each item, done or not, by whom and when; its issues. */
  unitDay: scopedProcedure.input(unitDayInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const unit = assertUnitInScope(scope, org.unitById.get(input.unitId));
    return unitDay(ctx.db, org, unit, input.date, now);
  }),

  /** Issues in the caller's scope, newest first, filtered. */
  issueList: scopedProcedure.input(issueFilters).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    if (input.unitId) assertUnitInScope(scope, org.unitById.get(input.unitId));
    if (input.zoneId) {
      const zone = org.zones.find((z) => z.id === input.zoneId);
      if (!zone) throw new TRPCError({ code: 'NOT_FOUND', message: '片区不存在' });
      if (!org.units.some((u) => u.zoneId === zone.id && scopeHasUnit(scope, u.id))) {
        throw new TRPCError({ code: 'FORBIDDEN', message: `您无权查看“${zone.name}”的问题` });
      }
    }
    return issueList(ctx.db, org, scope, input, now);
  }),

  /** Every event of one issue from the ledger, with who did it. */
  issueHistory: scopedProcedure.input(issueHistoryInput).query(({ ctx, input }) => {
    const { scope } = ctx;
    const issue = issueById(ctx.db, input.issueId);
    if (!issue || !scopeHasUnit(scope, issue.unitId)) throw new TRPCError({ code: 'NOT_FOUND', message: '问题不存在或您无权查看' });
    return issueHistory(ctx.db, issue.unitId, issue.id);
  }),
});
