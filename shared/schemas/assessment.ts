/** What the dashboard sends for 考核: the rubric, a period's scores, a unit's deductions, issuing a bulletin. */
import { z } from 'zod';
import { id } from './common';
import { validDate } from './report';
import { PERIOD_KINDS, rubricSchema } from '../assessment/rubric';

export const setRubricInput = z.object({ effectiveFrom: validDate, rubric: rubricSchema });
export type SetRubricInput = z.infer<typeof setRubricInput>;

const periodKind = z.enum(PERIOD_KINDS, { error: '考核周期应为周、月或创卫以来' });
/** The period of this kind that holds `date` (default: today). */
export const scoresInput = z.object({ period: periodKind.default('week'), date: validDate.optional() });
export const unitScoreInput = scoresInput.extend({ unitId: id });

/** A bulletin covers `days` dates ending `end` (default: the 5 days ending yesterday). */
export const issueBulletinInput = z.object({ end: validDate.optional(), days: z.number().int().min(1).max(31).default(5) });
export const bulletinNumberInput = z.object({ issueNumber: z.number({ error: '期数必须是数字' }).int('期数应为整数').min(1, '期数从1开始') });
