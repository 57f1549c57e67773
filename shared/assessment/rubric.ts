/*
 * The 考核办法 (rubric): how many points each kind of failure costs, per period, with caps; how the 红榜 and 黑榜
 * are drawn; and the escalation ladder for repeated black-listing. The command center changes it in the dashboard;
 * each change is a ledger event ('rubric.changed') that takes effect from a date, never earlier than the day it is
 * made, so a score already published never moves (and issued bulletins are frozen anyway).
 *
 * What is scored is what the accountability chain records: duties missed, problems found by others, days a
 * rectification is overdue, failed 回头看. Never time online, logins or the number of photos.
 * Public satisfaction (满意度) will become one more item here: a `satisfaction` entry beside `problemFound`, scored
 * from the public page's follow-up calls, priced per period like the others.
 */
import { z } from 'zod';
import { CATEGORIES, type Category } from '../categories';

export const PERIOD_KINDS = ['week', 'month', 'campaign'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_NAMES: Record<PeriodKind, string> = { week: '本周', month: '本月', campaign: '创卫以来' };
/** The same kinds as the rubric names them: every week's base and caps, not this week's. */
export const RUBRIC_PERIOD_NAMES: Record<PeriodKind, string> = { week: '周考核', month: '月考核', campaign: '创卫以来' };

const points = (label: string) =>
  z.number({ error: `${label}必须是数字` }).min(0, `${label}不能为负`).max(100, `${label}不能超过100分`).multipleOf(0.1, `${label}最多一位小数`);
/** null: no cap. */
const cap = (label: string) => points(label).nullable();

const periodRule = z.object({
  /** The score a unit starts each period with. */
  base: z.number({ error: '基础分必须是数字' }).min(1, '基础分至少1分').max(1000, '基础分不能超过1000分').int('基础分应为整数'),
  /** The most a period's deductions may take off. */
  deductionCap: cap('扣分上限'),
  /** The most a period's credits may add. */
  creditCap: cap('加分上限'),
});
export type PeriodRule = z.infer<typeof periodRule>;

export const LIST_MODES = ['rank', 'threshold'] as const;
export const LADDER_STEPS = ['criticism', 'interview', 'accountability'] as const;
export type LadderStep = (typeof LADDER_STEPS)[number];
export const LADDER_STEP_NAMES: Record<LadderStep, string> = { criticism: '通报批评', interview: '约谈', accountability: '问责' };

/** 首次上黑榜 / 连续第3次上黑榜: a unit's run of black-listings as the 通报 and the 考核 page word it. */
export function blackRunLabel(consecutive: number): string {
  return consecutive === 1 ? '首次上黑榜' : `连续第${consecutive}次上黑榜`;
}

const count = (label: string) => z.number({ error: `${label}必须是数字` }).int(`${label}应为整数`).min(0, `${label}不能为负`).max(50, `${label}不能超过50`);

export const rubricSchema = z
  .object({
    periods: z.object({ week: periodRule, month: periodRule, campaign: periodRule }),
    /** Per daily item (每天一保洁) not ticked by the end of its day. */
    missedDaily: points('每日保洁漏项扣分'),
    /** Per weekly sweep (每周一扫除) not ticked by the end of its week. */
    missedWeekly: points('每周扫除漏项扣分'),
    /** Per problem found by an inspection or a public complaint (not rejected), by category. */
    problemFound: z.object(Object.fromEntries(CATEGORIES.map((c) => [c, points('发现问题扣分')])) as Record<Category, ReturnType<typeof points>>),
    /** Per day a rectification is past its deadline. */
    overduePerDay: points('整改超期每日扣分'),
    /** Per failed 回头看 (返工). */
    reopen: points('返工扣分'),
    /** Credit per problem a unit found itself (自查) and fixed; 0 = no credit. */
    selfFixedCredit: points('自查自改加分'),
    lists: z.object({
      /** rank: the top / bottom N; threshold: at or above `redAt` / below `blackBelow`. */
      mode: z.enum(LIST_MODES, { error: '红黑榜方式应为按名次或按分数线' }),
      redCount: count('红榜名额'),
      blackCount: count('黑榜名额'),
      redAt: points('红榜分数线').max(1000),
      blackBelow: points('黑榜分数线').max(1000),
    }),
    /** After this many consecutive black-listings in issued bulletins, each step applies. */
    ladder: z
      .object({ criticism: count('通报批评次数').min(1, '至少1次'), interview: count('约谈次数').min(1, '至少1次'), accountability: count('问责次数').min(1, '至少1次') })
      .refine((l) => l.criticism < l.interview && l.interview < l.accountability, '升级次数应依次增加：通报批评 < 约谈 < 问责'),
  })
  .strict();
export type Rubric = z.infer<typeof rubricSchema>;

/** The demo county's rubric, and the one in force until the command center sets its own. */
export const DEFAULT_RUBRIC: Rubric = {
  periods: {
    week: { base: 100, deductionCap: 40, creditCap: 5 },
    month: { base: 100, deductionCap: 60, creditCap: 10 },
    campaign: { base: 100, deductionCap: null, creditCap: 20 },
  },
  missedDaily: 0.5,
  missedWeekly: 2,
  problemFound: {
    public_facilities: 1,
    city_appearance: 1,
    traffic_order: 1,
    greening: 1,
    sanitation: 2,
    health_education: 0.5,
    vector_control: 2,
  },
  overduePerDay: 1,
  reopen: 3,
  selfFixedCredit: 0.5,
  lists: { mode: 'rank', redCount: 5, blackCount: 5, redAt: 95, blackBelow: 85 },
  ladder: { criticism: 1, interview: 2, accountability: 3 },
};

/** One change as the ledger holds it. */
export interface RubricVersion {
  seq: number;
  effectiveFrom: string;
  rubric: Rubric;
}

/** The rubric in force on a date: the latest change effective by then (by date, then ledger order). */
export function rubricOn(versions: readonly RubricVersion[], date: string): Rubric {
  let best: RubricVersion | undefined;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (!best || v.effectiveFrom > best.effectiveFrom || (v.effectiveFrom === best.effectiveFrom && v.seq > best.seq)) best = v;
  }
  return best?.rubric ?? DEFAULT_RUBRIC;
}

/** Which step of the ladder a unit black-listed this many times in a row has reached, or null. */
export function ladderStep(consecutive: number, ladder: Rubric['ladder']): LadderStep | null {
  if (consecutive >= ladder.accountability) return 'accountability';
  if (consecutive >= ladder.interview) return 'interview';
  if (consecutive >= ladder.criticism) return 'criticism';
  return null;
}
