/** The command center's intake of public reports (待受理) and the satisfaction follow-up (回访, review of 不满意). */
import { allowedTo, router } from '../trpc';
import { orgToday } from '../domain/org';
import { supervisionSettings } from '../domain/settings';
import { acceptReport, intakeQueue, recordFollowUpCall, rejectReport, reviewAnswer, setPhotosPublished } from '../domain/publicReport/intake';
import {
  acceptReportInput,
  followUpCallInput,
  publishPhotosInput,
  rejectReportInput,
  reviewAnswerInput,
} from '../../shared/schemas/publicReport';

const command = allowedTo('intake.handle');

export const intakeRouter = router({
  /** Reports waiting to be accepted (with possible duplicates and the reporter's contact), and 不满意 to review. */
  queue: command.query(({ ctx }) => intakeQueue(ctx.db, orgToday(ctx.db, ctx.clock.now()), ctx.clock.now(), supervisionSettings(ctx.db).duplicateWindowDays)),

  accept: command.input(acceptReportInput).mutation(({ ctx, input }) => acceptReport(ctx.db, ctx.actor, input, ctx.clock.now())),

  reject: command.input(rejectReportInput).mutation(({ ctx, input }) => {
    rejectReport(ctx.db, ctx.actor, input.reportId, input.reason, ctx.clock.now());
    return { ok: true };
  }),

  publishPhotos: command.input(publishPhotosInput).mutation(({ ctx, input }) => {
    setPhotosPublished(ctx.db, input.reportId, input.published);
    return { ok: true };
  }),

  followUpCall: command
    .input(followUpCallInput)
    .mutation(({ ctx, input }) => recordFollowUpCall(ctx.db, ctx.actor, input.issueId, input.answer, input.comment, ctx.clock.now())),

  review: command.input(reviewAnswerInput).mutation(({ ctx, input }) => reviewAnswer(ctx.db, ctx.actor, input, ctx.clock.now())),
});
