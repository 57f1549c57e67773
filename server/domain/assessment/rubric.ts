/*
 * The rubric as the ledger holds it: every 'rubric.changed' event, each effective from its date. The command center
 * may set a change from today on, never for a day already past (that would rewrite scores people have seen).
 */
import { TRPCError } from '@trpc/server';
import type { Db } from '../../db/open';
import type { Actor } from '../auth';
import { appendCountyEvent, eventsOfKind } from './ledgerReads';
import { rubricOn, type RubricVersion } from '../../../shared/assessment/rubric';
import type { SetRubricInput } from '../../../shared/schemas/assessment';
import { addDays, dateKeyOf } from '../../../shared/calendar';

export interface RubricChange extends RubricVersion {
  changedBy: string;
  changedAt: number;
}

export function rubricVersions(db: Db): RubricChange[] {
  return eventsOfKind(db, 'rubric.changed').map((e) => ({ seq: e.seq, effectiveFrom: e.payload.effectiveFrom, rubric: e.payload.rubric, changedBy: e.actorId, changedAt: e.effectiveAt }));
}

export function rubricState(db: Db, now: number) {
  const versions = rubricVersions(db);
  return { today: dateKeyOf(now), current: rubricOn(versions, dateKeyOf(now)), versions };
}

export function setRubric(db: Db, actor: Actor, input: SetRubricInput, now: number) {
  const today = dateKeyOf(now);
  if (input.effectiveFrom < today) throw new TRPCError({ code: 'BAD_REQUEST', message: '生效日期不能早于今天：已过去的日子按当时的考核办法计分' });
  if (input.effectiveFrom > addDays(today, 366)) throw new TRPCError({ code: 'BAD_REQUEST', message: '生效日期不能晚于一年以后' });
  appendCountyEvent(db, actor, 'rubric.changed', input, now);
  return rubricState(db, now);
}
