/*
 * 为什么扣分: one unit's score opened up. Each deduction in words (which item on which day, which issue), the
 * ledger event behind it where there is one, and any appeal against it.
 */
import { TRPCError } from '@trpc/server';
import type { Db } from '../../db/open';
import type { Org } from '../org';
import { issueById } from '../supervision/issueView';
import type { Appeal } from './appeals';
import { DEDUCTION_KIND_NAMES, type Assessment, type Credit, type Deduction } from '../../../shared/assessment/score';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { weekLabel } from '../../../shared/labels';
import { ISSUE_SOURCE_NAMES } from '../../../shared/schemas/events';

export interface ExplainedDeduction extends Deduction {
  kindName: string;
  what: string;
  appeal: Pick<Appeal, 'appealId' | 'state' | 'reason' | 'decision'> | null;
}

/** A deduction or credit in words, as the dashboard, the XLSX and the CSV show it. */
export function describe(db: Db, org: Org, d: Deduction | Credit): string {
  const issue = d.issueId ? issueById(db, d.issueId) : undefined;
  const where = issue ? `${issue.place}：${issue.description}` : (d.issueId ?? '');
  if (!('kind' in d)) return `自查自改：${where}`;
  switch (d.kind) {
    // The day is in the date column beside it; a weekly sweep names its week in words, not as 2026-W47.
    case 'missedDaily':
      return `${org.dutyById.get(d.dutyId!)?.title ?? d.dutyId}未完成`;
    case 'missedWeekly':
      return `${org.dutyById.get(d.dutyId!)?.title ?? d.dutyId}未完成（${weekLabel(d.periodKey!)}）`;
    case 'problem':
      return `${issue?.source === 'inspection' ? '督查发现' : ISSUE_SOURCE_NAMES[issue?.source ?? 'public']}${CATEGORY_NAMES[d.category!]}问题，${where}`;
    case 'overdue':
      return `整改超过时限${d.days}天，${where}`;
    case 'reopen':
      return `回头看未通过（返工），${where}`;
  }
}

/** What an appealed deduction was for, from its key alone (see shared/assessment/score.ts for the keys). */
export function describeKey(db: Db, org: Org, key: string): string {
  const [kind, ...rest] = key.split(':');
  if (kind === 'duty') {
    const [, dutyId, periodKey] = rest;
    return `${org.dutyById.get(dutyId)?.title ?? dutyId}（${periodKey}）未完成`;
  }
  const issueId = kind === 'reopen' ? reopenedIssue(db, rest.join(':')) : rest.join(':');
  const issue = issueId ? issueById(db, issueId) : undefined;
  const where = issue ? `${issue.place}：${issue.description}` : '';
  const name = kind === 'problem' || kind === 'overdue' || kind === 'reopen' ? DEDUCTION_KIND_NAMES[kind] : '扣分';
  return `${name}，${where}`;
}

function reopenedIssue(db: Db, eventId: string): string | undefined {
  const row = db.$client.prepare<[string], { issueId: string }>("select json_extract(payload, '$.issueId') as issueId from events where id = ?").get(eventId);
  return row?.issueId;
}

export function explainUnit(db: Db, org: Org, a: Assessment, unitId: string, appeals: readonly Appeal[]) {
  const latestAppeal = new Map<string, Appeal>();
  for (const x of appeals) if (x.unitId === unitId) latestAppeal.set(x.deductionKey, x);
  const deductions: ExplainedDeduction[] = a.deductions
    .filter((d) => d.unitId === unitId)
    .sort((x, y) => x.date.localeCompare(y.date) || x.key.localeCompare(y.key))
    .map((d) => {
      const appeal = latestAppeal.get(d.key);
      return { ...d, kindName: DEDUCTION_KIND_NAMES[d.kind], what: describe(db, org, d), appeal: appeal ? { appealId: appeal.appealId, state: appeal.state, reason: appeal.reason, decision: appeal.decision } : null };
    });
  const credits = a.credits.filter((c) => c.unitId === unitId).map((c) => ({ ...c, what: describe(db, org, c) }));
  // A unit that came after the period (or ended before it) has no score in it.
  const score = a.units.find((u) => u.unitId === unitId);
  if (!score) throw new TRPCError({ code: 'NOT_FOUND', message: '该单位不在这一期的考核中' });
  return { period: a.period, score, deductions, credits, unitCount: a.units.length };
}
