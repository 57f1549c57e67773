/*
 * What the dashboard asks the server for (report.* and export.*). A report covers whole Shanghai dates
 * `from`..`to` (both included), at most a little over a year, for one of four places: the caller's own scope,
 * a zone, a unit, or the whole county.
 */
import { z } from 'zod';
import { id } from './common';
import { category } from './org';
import { ISSUE_STATES } from '../issueFlow';
import { isValidDateKey } from '../calendar';

export const MAX_REPORT_DAYS = 400;

export const validDate = z
  .string({ error: '日期必须是文字' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-11-28')
  .refine(isValidDateKey, '日期不存在');

export const reportPlace = z.union(
  [
    z.literal('mine'),
    z.literal('county'),
    z.object({ zoneId: id }).strict(),
    z.object({ unitId: id }).strict(),
  ],
  { error: '范围应为 mine、county、{ zoneId } 或 { unitId }' },
);
export type ReportPlace = z.infer<typeof reportPlace>;

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;

export const reportRange = z
  .object({ scope: reportPlace.default('mine'), from: validDate, to: validDate })
  .refine((r) => r.from <= r.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((r) => daysBetween(r.from, r.to) <= MAX_REPORT_DAYS, { message: `一次最多统计${MAX_REPORT_DAYS}天`, path: ['to'] });
export type ReportRange = z.infer<typeof reportRange>;

/** A place the dashboard's overview covers (its dates come from the server's clock). */
export const overviewInput = z.object({ scope: reportPlace.default('mine') });

export const unitDayInput = z.object({ unitId: id, date: validDate });

export const issueFilters = z.object({
  zoneId: id.optional(),
  unitId: id.optional(),
  category: category.optional(),
  state: z.enum(ISSUE_STATES, { error: '问题状态无效' }).optional(),
  /** Only open issues past their deadline. */
  overdue: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).default(300),
});
export type IssueFilters = z.infer<typeof issueFilters>;

export const issueHistoryInput = z.object({ issueId: z.uuid({ error: '问题编号无效' }) });

/** A bulletin covers `days` dates ending `end` (default: the 5 days ending yesterday). */
export const bulletinInput = z.object({
  scope: reportPlace.default('mine'),
  end: validDate.optional(),
  days: z.number().int().min(1).max(31).default(5),
});
