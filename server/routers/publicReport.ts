/**
 * The public page's procedures (问题建议与投诉平台): no device, no enrolment. Every call is limited per address
 * (server/publicLimits.ts); a report also per phone number. Nothing here returns a name or a phone.
 */
import { TRPCError } from '@trpc/server';
import { publicProcedure, router } from '../trpc';
import type { Context } from '../context';
import { orgToday } from '../domain/org';
import { answerReport, followReport, submitReport } from '../domain/publicReport/reports';
import { phoneKey, take } from '../publicLimits';
import type { RateLimiter } from '../rateLimit';
import { answerInput, followInput, submitReportInput } from '../../shared/schemas/publicReport';

function limit(limiter: RateLimiter, key: string, ctx: Context, message: string): void {
  if (!take(limiter, key, ctx.clock.now())) throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message });
}

const TOO_MANY_REPORTS = '提交过于频繁，请稍后再试；情况紧急请拨打指挥部电话';
const TOO_MANY_LOOKUPS = '查询过于频繁，请10分钟后再试';

export const publicReportRouter = router({
  /** A new report; the answer is its tracking code, shown once. */
  submit: publicProcedure.input(submitReportInput).mutation(({ ctx, input }) => {
    limit(ctx.publicLimits.reports, ctx.ip, ctx, TOO_MANY_REPORTS);
    if (input.phone) limit(ctx.publicLimits.phones, phoneKey(input.phone), ctx, TOO_MANY_REPORTS);
    return submitReport(ctx.db, orgToday(ctx.db, ctx.clock.now()), input, ctx.clock.now());
  }),

  /** Where a report stands, by its tracking code. */
  follow: publicProcedure.input(followInput).query(({ ctx, input }) => {
    limit(ctx.publicLimits.lookups, ctx.ip, ctx, TOO_MANY_LOOKUPS);
    return followReport(ctx.db, orgToday(ctx.db, ctx.clock.now()), input.code);
  }),

  /** 满意 / 基本满意 / 不满意 once the fix is verified; 不满意 goes to the command center for review. */
  answer: publicProcedure.input(answerInput).mutation(({ ctx, input }) => {
    limit(ctx.publicLimits.lookups, ctx.ip, ctx, TOO_MANY_LOOKUPS);
    answerReport(ctx.db, input.code, input.answer, input.comment, ctx.clock.now());
    return followReport(ctx.db, orgToday(ctx.db, ctx.clock.now()), input.code);
  }),
});
