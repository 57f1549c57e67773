/*
 * 群众满意度: the one definition of the public's satisfaction figures, used by the dashboard, the XLSX, the 通报
 * (and the 考核 rubric when it wants them).
 * - The answers of a period: for each issue, its latest answer (from the follow page or a 回访 by phone) given in
 *   the period. An issue answered twice counts once, by its latest word.
 * - 群众满意率 = (满意 + 基本满意) ÷ issues answered, as the national standard counts it; null when nobody answered.
 * - 平均受理用时: from a public report to its acceptance, over reports accepted in the period.
 * - 平均整改用时: from a public report to the fix of its issue, over fixes made in the period (the fix still stands:
 *   rectified or verified, not sent back).
 * An answer is counted for the issue's unit and zone as they are now (after 交办 the issue is the unit's).
 */
import type { SatisfactionAnswer } from './publicReport';
import { HOUR } from './calendar';

/** The national standard for a sanitary county: at least 90% of the public satisfied. */
export const SATISFACTION_TARGET = 0.9;

export interface AnswerFact {
  issueId: string;
  unitId: string;
  zoneId: string;
  answer: SatisfactionAnswer;
  answeredAt: number;
}

export interface SatisfactionStats {
  answered: number;
  satisfied: number;
  basically: number;
  dissatisfied: number;
  /** (satisfied + basically) / answered, or null when nobody answered. */
  rate: number | null;
}

/** Each issue's latest answer among those given in [start, end). */
export function answersInPeriod(facts: readonly AnswerFact[], start: number, end: number): AnswerFact[] {
  const latest = new Map<string, AnswerFact>();
  for (const f of facts) {
    if (f.answeredAt < start || f.answeredAt >= end) continue;
    const seen = latest.get(f.issueId);
    if (!seen || f.answeredAt >= seen.answeredAt) latest.set(f.issueId, f);
  }
  return [...latest.values()];
}

export function satisfactionOf(answers: readonly Pick<AnswerFact, 'answer'>[]): SatisfactionStats {
  const count = (a: SatisfactionAnswer) => answers.filter((x) => x.answer === a).length;
  const [satisfied, basically, dissatisfied] = [count('satisfied'), count('basically'), count('dissatisfied')];
  return { answered: answers.length, satisfied, basically, dissatisfied, rate: answers.length ? (satisfied + basically) / answers.length : null };
}

/** The mean of durations in hours, one decimal; null for none. */
export function averageHours(durations: readonly number[]): number | null {
  if (!durations.length) return null;
  return Math.round((durations.reduce((a, b) => a + b, 0) / durations.length / HOUR) * 10) / 10;
}

/** 12.5小时 / 3.2天 / — */
export function hoursLabel(hours: number | null): string {
  if (hours === null) return '—';
  return hours < 48 ? `${hours}小时` : `${(hours / 24).toFixed(1)}天`;
}
