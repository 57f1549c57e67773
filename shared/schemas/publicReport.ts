/** Inputs of the public page's procedures and of the command center's intake (待受理), checked the same way everywhere. */
import { z } from 'zod';
import { category } from './org';
import { id, photoId, text, uuid } from './common';
import { phone } from './supervision';
import { normaliseCode } from '../codes';
import {
  isTrackingCode,
  MAX_PUBLIC_PHOTOS,
  PUBLIC_CATEGORIES,
  REPORT_KINDS,
  REVIEW_OUTCOMES,
  SATISFACTION_ANSWERS,
} from '../publicReport';

export const trackingCode = z
  .string({ error: '查询码必须是文字' })
  .max(40, '查询码格式不正确')
  .transform(normaliseCode)
  .refine(isTrackingCode, '查询码格式不正确，应为12位字母和数字，如 ABCD-EFGH-JKMN');

export const submitReportInput = z.object({
  kind: z.enum(REPORT_KINDS, { error: '请选择反映问题或提出建议' }),
  category: z.enum(PUBLIC_CATEGORIES, { error: '请选择问题类别' }),
  /** A zone picked from the landmark list, or null when the reporter does not know. */
  zoneId: id.nullable(),
  place: text('地点', 100),
  description: text('问题描述', 500).refine((s) => s.length >= 5, '问题描述至少5个字，请写清楚是什么问题'),
  photoIds: z
    .array(photoId)
    .max(MAX_PUBLIC_PHOTOS, `最多${MAX_PUBLIC_PHOTOS}张照片`)
    .refine((ids) => new Set(ids).size === ids.length, '照片重复'),
  name: text('姓名', 30, 0).optional(),
  phone: z.union([z.literal(''), phone]).optional(),
  /** Hidden from people by the page; a robot filling every field fills this one too. */
  website: z.string().max(200).optional(),
});

export const followInput = z.object({ code: trackingCode });

const satisfaction = z.enum(SATISFACTION_ANSWERS, { error: '请选择满意、基本满意或不满意' });
const comment = text('意见', 300, 0);
const needsReasonWhenDissatisfied = (a: { answer: string; comment: string }) => a.answer !== 'dissatisfied' || a.comment.length > 0;
const REASON_MESSAGE = { message: '选择不满意时请写明原因', path: ['comment'] };

export const answerInput = z.object({ code: trackingCode, answer: satisfaction, comment }).refine(needsReasonWhenDissatisfied, REASON_MESSAGE);

/** 受理: the command center fixes the category (其他 is not an issue category), zone, unit and wording of the issue. */
export const acceptReportInput = z.object({
  reportId: uuid,
  category,
  zoneId: id,
  unitId: id,
  gridCellId: id.nullable(),
  place: text('地点', 100),
  description: text('问题描述', 500),
  /** Whether the follow page may show the before and after photos. */
  publishPhotos: z.boolean(),
});

export const rejectReportInput = z.object({ reportId: uuid, reason: text('不予受理理由', 300) });

export const publishPhotosInput = z.object({ reportId: uuid, published: z.boolean() });

/** 回访: a satisfaction answer the command center took by phone. */
export const followUpCallInput = z.object({ issueId: uuid, answer: satisfaction, comment }).refine(needsReasonWhenDissatisfied, REASON_MESSAGE);

/** The review of a 不满意: uphold the result, or file the problem again as a new issue for the same unit. */
export const reviewAnswerInput = z.object({
  answerId: uuid,
  outcome: z.enum(REVIEW_OUTCOMES, { error: '请选择复核结果' }),
  note: text('复核意见', 300),
});

export type SubmitReportInput = z.infer<typeof submitReportInput>;
export type AcceptReportInput = z.infer<typeof acceptReportInput>;
export type ReviewAnswerInput = z.infer<typeof reviewAnswerInput>;
