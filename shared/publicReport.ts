/*
 * The public complaint and suggestion platform (问题建议与投诉平台): what a report from the public may say, the
 * tracking code that lets its reporter follow it, the words the follow page uses for each stage, and the three
 * satisfaction answers. A public report is not an issue until the command center accepts it (see
 * server/domain/publicReport.ts); from then on the issue's own state (shared/issueFlow.ts) decides its stage.
 */
import { CATEGORIES, CATEGORY_NAMES } from './categories';
import type { IssueState } from './issueFlow';
import { CODE_ALPHABET } from './codes';

/** The seven categories of the duty list, plus 其他 for what fits none (the command center picks one on accepting). */
export const PUBLIC_CATEGORIES = [...CATEGORIES, 'other'] as const;
export type PublicCategory = (typeof PUBLIC_CATEGORIES)[number];
export const PUBLIC_CATEGORY_NAMES: Record<PublicCategory, string> = { ...CATEGORY_NAMES, other: '其他' };

export const REPORT_KINDS = ['problem', 'suggestion'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_NAMES: Record<ReportKind, string> = { problem: '反映问题', suggestion: '提出建议' };

export const MAX_PUBLIC_PHOTOS = 3;

/*
 * Tracking codes: 12 characters from 31 that are not easily confused (no 0/O, 1/I/L), 31¹² ≈ 7.9×10¹⁷ (59 bits),
 * made by a cryptographic generator and shown as ABCD-EFGH-JKMN. Lookups are rate-limited per address
 * (server/publicLimits.ts), so guessing any one of even a million live codes is hopeless.
 */
export const TRACKING_CODE_LENGTH = 12;
const TRACKING_CODE = new RegExp(`^[${CODE_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);

export function isTrackingCode(normalised: string): boolean {
  return TRACKING_CODE.test(normalised);
}

/** ABCDEFGHJKMN → ABCD-EFGH-JKMN */
export function formatTrackingCode(normalised: string): string {
  return normalised.match(/.{1,4}/g)!.join('-');
}

export const REPORT_STATES = ['pending', 'accepted', 'rejected'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The stages the follow page names, in the order a report goes through them. */
export const PUBLIC_STAGES = ['pending', 'accepted', 'assigned', 'rectifying', 'rectified', 'verified', 'rejected'] as const;
export type PublicStage = (typeof PUBLIC_STAGES)[number];
export const PUBLIC_STAGE_NAMES: Record<PublicStage, string> = {
  pending: '待受理',
  accepted: '已受理',
  assigned: '已交办',
  rectifying: '整改中',
  rectified: '已整改',
  verified: '已核查',
  rejected: '不予受理',
};

const STAGE_OF_ISSUE: Record<IssueState, PublicStage> = {
  reported: 'accepted',
  assigned: 'assigned',
  // 返工: the 回头看 found the fix wanting and the unit is at it again.
  reopened: 'rectifying',
  rectified: 'rectified',
  verified: 'verified',
  rejected: 'rejected',
};

/** Where a report stands, in the public's words: its own state until accepted, then its issue's. */
export function publicStage(reportState: ReportState, issueState: IssueState | null): PublicStage {
  if (reportState === 'pending') return 'pending';
  if (reportState === 'rejected') return 'rejected';
  return issueState ? STAGE_OF_ISSUE[issueState] : 'accepted';
}

export const SATISFACTION_ANSWERS = ['satisfied', 'basically', 'dissatisfied'] as const;
export type SatisfactionAnswer = (typeof SATISFACTION_ANSWERS)[number];
export const SATISFACTION_NAMES: Record<SatisfactionAnswer, string> = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' };

export const ANSWER_VIA = ['public', 'phone'] as const;
export type AnswerVia = (typeof ANSWER_VIA)[number];
export const ANSWER_VIA_NAMES: Record<AnswerVia, string> = { public: '群众评价', phone: '电话回访' };

export const REVIEW_OUTCOMES = ['upheld', 'reissued'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_NAMES: Record<ReviewOutcome, string> = { upheld: '维持原处理结果', reissued: '重新立案交办' };
