/** Inputs of the supervision procedures (server/routers/supervision.ts), checked the same way on both sides. */
import { z } from 'zod';
import { CATEGORIES } from '../categories';
import { DAY_COUNTS } from '../deadlines';
import { category } from './org';
import { id, instant, text, uuid } from './common';
import { issueReportedPayload } from './events';

const days = (label: string, max: number) =>
  z.number({ error: `${label}必须是数字` }).int(`${label}必须是整数天`).min(1, `${label}至少1天`).max(max, `${label}不能超过${max}天`);

/**
 * The 督查设置 form as one change, saved in one transaction: deadline days for some categories, whether they
 * count working or calendar days, and the supervision settings. What is left out keeps its value.
 */
export const setSettingsInput = z.object({
  deadlineDays: z.partialRecord(z.enum(CATEGORIES, { error: '类别必须是七类之一' }), days('整改时限', 90)).optional(),
  deadlineCounting: z.partialRecord(z.enum(CATEGORIES, { error: '类别必须是七类之一' }), z.enum(DAY_COUNTS, { error: '时限应按工作日或自然日计算' })).optional(),
  inspectionEveryDays: days('督查周期', 30).optional(),
  escalateEveryDays: days('升级间隔', 30).optional(),
  duplicateWindowDays: days('重复问题比对天数', 60).optional(),
  recheckAfterDays: days('回头看间隔', 60).optional(),
});

export const TEAM_MEMBER_ROLES = ['leader', 'liaison', 'member'] as const;
export const TEAM_MEMBER_ROLE_NAMES: Record<(typeof TEAM_MEMBER_ROLES)[number], string> = { leader: '组长', liaison: '联络员', member: '组员' };

const teamMember = z.object({
  name: text('成员姓名', 30),
  office: text('成员所在单位', 60),
  role: z.enum(TEAM_MEMBER_ROLES, { error: '成员身份须为组长、联络员或组员' }),
});
const exactlyOne = (role: (typeof TEAM_MEMBER_ROLES)[number]) => (members: { role: string }[]) => members.filter((m) => m.role === role).length === 1;

/** An inspection team (督查组): one 组长, one 联络员, and members, each with the county office they come from. */
export const inspectionTeam = z.object({
  id: uuid,
  name: text('督查组名称', 30),
  members: z
    .array(teamMember)
    .min(2, '督查组至少要有组长和联络员')
    .max(30, '督查组最多30人')
    .refine(exactlyOne('leader'), '督查组须有且只有一名组长')
    .refine(exactlyOne('liaison'), '督查组须有且只有一名联络员'),
});
export type InspectionTeam = z.infer<typeof inspectionTeam>;
export type TeamMember = InspectionTeam['members'][number];

export const issueIdInput = z.object({ issueId: uuid });

export const similarOpenInput = z.object({
  category,
  zoneId: id,
  gridCellId: id.nullable().optional(),
  /** Used when no grid cell is given: the same place text in the zone counts as the same place. */
  place: z.string().max(100).optional(),
});

export const hotspotsInput = z
  .object({ zoneId: id.optional() })
  .optional()
  .default({});

/** A phone number as people write it: digits with optional +, spaces and dashes, 5–20 characters. */
export const phone = z
  .string({ error: '联系电话必须是文字' })
  .trim()
  .regex(/^\+?[0-9][0-9 -]{3,18}[0-9]$/, '联系电话格式不正确');

/**
 * A complaint (投诉) logged by the command center: the issue as reported (source is always 'complaint'), the unit
 * it is assigned to at once, and the caller's contact, which is stored apart from the ledger.
 */
export const logComplaintInput = z.object({
  issue: issueReportedPayload.omit({ source: true, inspectionId: true, deadlineAt: true }),
  unitId: id,
  clientTime: instant,
  contact: z.object({ name: text('投诉人姓名', 30), phone }),
});

export type LogComplaintInput = z.infer<typeof logComplaintInput>;
export type SimilarOpenInput = z.infer<typeof similarOpenInput>;
