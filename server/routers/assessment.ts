/**
 * 考核: the rubric (everyone reads it, the command center changes it), a period's scores as far as the caller sees
 * them (ranks stay county-wide), one unit's deductions explained, appeals in scope, and bulletins: the command
 * center drafts and issues them; heads and the command center read the archive and reprint an issue as issued.
 * Appeals themselves are ledger events pushed through sync.push (see server/domain/eventRules.ts).
 */
import { TRPCError } from '@trpc/server';
import { authedProcedure, router, scopedProcedure, scopedTo, allowedTo } from '../trpc';
import { assertUnitInScope } from '../domain/report/place';
import { rubricState, setRubric } from '../domain/assessment/rubric';
import { assessmentOf, chiefNamesOf, periodFor, scopedScores } from '../domain/assessment/scores';
import { describeKey, explainUnit } from '../domain/assessment/explain';
import { appealsOf } from '../domain/assessment/appeals';
import { bulletinDraft, issueBulletin } from '../domain/assessment/bulletins';
import { archiveList, archivedContent, blackListStreaks } from '../domain/assessment/archive';
import { bulletinNumberInput, issueBulletinInput, scoresInput, setRubricInput, unitScoreInput } from '../../shared/schemas/assessment';
import { scopeHasUnit } from '../../shared/scope';

const command = scopedTo('assessment.manage');
const readers = allowedTo('assessment.read');

export const assessmentRouter = router({
  rubric: authedProcedure.query(({ ctx }) => rubricState(ctx.db, ctx.clock.now())),

  setRubric: command.input(setRubricInput).mutation(({ ctx, input }) => setRubric(ctx.db, ctx.actor, input, ctx.now)),

  scores: scopedProcedure.input(scoresInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const a = assessmentOf(ctx.db, org, periodFor(ctx.db, input.period, input.date, now), now);
    return scopedScores(a, scope, blackListStreaks(ctx.db), chiefNamesOf(ctx.db, a.zones));
  }),

  /** 为什么扣分: one unit's deductions, each with what it is for, its ledger event and any appeal. */
  unit: scopedProcedure.input(unitScoreInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const unit = assertUnitInScope(scope, org.unitById.get(input.unitId));
    const appeals = appealsOf(ctx.db);
    return { unitName: unit.name, ...explainUnit(ctx.db, org, assessmentOf(ctx.db, org, periodFor(ctx.db, input.period, input.date, now), now, appeals), unit.id, appeals) };
  }),

  /** Appeals of the units in the caller's scope, newest first. */
  appeals: scopedProcedure.query(({ ctx }) => {
    const { org, scope } = ctx;
    return appealsOf(ctx.db)
      .filter((a) => scopeHasUnit(scope, a.unitId))
      .reverse()
      .map((a) => ({ ...a, unitName: org.unitById.get(a.unitId)?.name ?? a.unitId, what: describeKey(ctx.db, org, a.deductionKey) }));
  }),

  draftBulletin: command.input(issueBulletinInput).query(({ ctx, input }) => bulletinDraft(ctx.db, ctx.org, ctx.actor, ctx.now, input.end, input.days)),

  issueBulletin: command.input(issueBulletinInput).mutation(({ ctx, input }) => issueBulletin(ctx.db, ctx.org, ctx.actor, ctx.now, input.end, input.days)),

  archive: readers.query(({ ctx }) => archiveList(ctx.db)),

  reprint: readers.input(bulletinNumberInput).query(({ ctx, input }) => {
    const content = archivedContent(ctx.db, input.issueNumber);
    if (!content) throw new TRPCError({ code: 'NOT_FOUND', message: `第${input.issueNumber}期通报不存在` });
    return { content };
  }),
});
