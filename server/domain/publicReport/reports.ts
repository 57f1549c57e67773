/*
 * The public's side of the platform: submit a report (it gets a tracking code), follow it by that code, and say
 * whether they are satisfied once the fix is verified. Nothing here touches the ledger: a report becomes an issue
 * only when the command center accepts it (intake.ts). The code is stored as its SHA-256, so a copy of the
 * database cannot be used to read or answer anyone's report.
 */
import { TRPCError } from '@trpc/server';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/open';
import { photos, publicReports, satisfactionAnswers } from '../../db/schema';
import { randomCode, sha256 } from '../auth';
import { issueById } from '../supervision/issueView';
import type { Org } from '../org';
import {
  formatTrackingCode,
  publicStage,
  PUBLIC_CATEGORY_NAMES,
  PUBLIC_STAGE_NAMES,
  REPORT_KIND_NAMES,
  REVIEW_OUTCOME_NAMES,
  SATISFACTION_NAMES,
  TRACKING_CODE_LENGTH,
  type PublicStage,
  type SatisfactionAnswer,
} from '../../../shared/publicReport';
import type { IssueRow } from '../../../shared/projection';
import { isoMinuteLabel } from '../../../shared/labels';
import type { SubmitReportInput } from '../../../shared/schemas/publicReport';

/** Who uploaded a photo from the public page (photos.uploaded_by): no person. */
export const PUBLIC_UPLOADER = 'public';

export type ReportRow = typeof publicReports.$inferSelect;

export function reportByCode(db: Db, code: string): ReportRow | undefined {
  return db.select().from(publicReports).where(eq(publicReports.codeHash, sha256(code))).get();
}

export function reportById(db: Db, reportId: string): ReportRow | undefined {
  return db.select().from(publicReports).where(eq(publicReports.id, reportId)).get();
}

const bad = (message: string) => new TRPCError({ code: 'BAD_REQUEST', message });

/**
 * Stores a report and returns its tracking code (shown once, never stored in the clear). A filled honeypot field
 * gets a code that leads nowhere: the robot learns nothing, the command center's queue stays clean.
 */
export function submitReport(db: Db, org: Org, input: SubmitReportInput, now: number): { code: string } {
  const code = randomCode(TRACKING_CODE_LENGTH);
  if (input.website) return { code: formatTrackingCode(code) };
  if (input.zoneId && !org.zones.some((z) => z.id === input.zoneId)) throw bad('所选片区不存在，请重新选择');
  if (input.photoIds.length) {
    const uploaded = db
      .select({ id: photos.id })
      .from(photos)
      .where(and(inArray(photos.id, input.photoIds), eq(photos.uploadedBy, PUBLIC_UPLOADER)))
      .all();
    if (uploaded.length !== input.photoIds.length) throw bad('照片未上传成功，请重新选择照片');
  }
  db.insert(publicReports)
    .values({
      id: uuidv7(),
      codeHash: sha256(code),
      kind: input.kind,
      category: input.category,
      zoneId: input.zoneId,
      place: input.place,
      description: input.description,
      photoIds: input.photoIds,
      reporterName: input.name || null,
      reporterPhone: input.phone || null,
      submittedAt: now,
      state: 'pending',
    })
    .run();
  return { code: formatTrackingCode(code) };
}

export interface FollowStep {
  stage: PublicStage;
  label: string;
  at: number;
  /** 2026-11-28 09:30, Shanghai time: the page shows it as is. */
  atLabel: string;
}

export interface FollowView {
  kind: string;
  category: string;
  zoneName: string | null;
  place: string;
  description: string;
  submittedAt: number;
  stage: PublicStage;
  stageName: string;
  steps: FollowStep[];
  rejectReason: string | null;
  /** Shown only when the command center published them. */
  photos: { before: string[]; after: string[] } | null;
  canAnswer: boolean;
  answer: { answer: SatisfactionAnswer; answerName: string; comment: string; answeredAt: number; review: { outcome: string; note: string } | null } | null;
}

/** The public answer about the report's current issue, if any. */
function publicAnswerOf(db: Db, report: ReportRow) {
  if (!report.issueId) return undefined;
  return db
    .select()
    .from(satisfactionAnswers)
    .where(and(eq(satisfactionAnswers.reportId, report.id), eq(satisfactionAnswers.issueId, report.issueId), eq(satisfactionAnswers.via, 'public')))
    .get();
}

function stepsOf(report: ReportRow, issue: IssueRow | undefined): FollowStep[] {
  const step = (stage: PublicStage, at: number | null): FollowStep[] => (at === null ? [] : [{ stage, label: PUBLIC_STAGE_NAMES[stage], at, atLabel: isoMinuteLabel(at) }]);
  if (report.state === 'rejected') return [...step('pending', report.submittedAt), ...step('rejected', report.handledAt)];
  return [
    ...step('pending', report.submittedAt),
    ...step('accepted', report.handledAt),
    ...(issue
      ? [
          ...step('assigned', issue.assignedAt),
          ...step('rectified', issue.rectifiedAt),
          ...step('verified', issue.verifiedAt),
          ...(issue.state === 'rejected' ? step('rejected', issue.closedAt) : []),
        ]
      : []),
  ];
}

export function followReport(db: Db, org: Org, code: string): FollowView {
  const report = reportByCode(db, code);
  if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: '没有找到这个查询码对应的反映，请核对后重新输入' });
  const issue = report.issueId ? issueById(db, report.issueId) : undefined;
  const stage = publicStage(report.state, issue?.state ?? null);
  const answer = publicAnswerOf(db, report);
  return {
    kind: REPORT_KIND_NAMES[report.kind],
    category: PUBLIC_CATEGORY_NAMES[report.category],
    zoneName: org.zones.find((z) => z.id === report.zoneId)?.name ?? null,
    place: report.place,
    description: report.description,
    submittedAt: report.submittedAt,
    stage,
    stageName: PUBLIC_STAGE_NAMES[stage],
    steps: stepsOf(report, issue),
    rejectReason: report.state === 'rejected' ? report.rejectReason : issue?.state === 'rejected' ? issue.rejectReason : null,
    photos: report.photosPublished ? { before: report.photoIds, after: issue?.afterPhotoIds ?? [] } : null,
    canAnswer: stage === 'verified' && !answer,
    answer: answer
      ? {
          answer: answer.answer,
          answerName: SATISFACTION_NAMES[answer.answer],
          comment: answer.comment,
          answeredAt: answer.answeredAt,
          review: answer.reviewOutcome ? { outcome: REVIEW_OUTCOME_NAMES[answer.reviewOutcome], note: answer.reviewNote ?? '' } : null,
        }
      : null,
  };
}

/** The reporter's answer, once the fix is verified, once per issue. */
export function answerReport(db: Db, code: string, answer: SatisfactionAnswer, comment: string, now: number): void {
  db.transaction(() => {
    const report = reportByCode(db, code);
    if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: '没有找到这个查询码对应的反映，请核对后重新输入' });
    const issue = report.issueId ? issueById(db, report.issueId) : undefined;
    if (issue?.state !== 'verified') throw new TRPCError({ code: 'CONFLICT', message: '问题核查整改到位后才能评价，请稍后再来' });
    if (publicAnswerOf(db, report)) throw new TRPCError({ code: 'CONFLICT', message: '您已评价过，感谢您的反馈' });
    db.insert(satisfactionAnswers)
      .values({ id: uuidv7(), issueId: issue.id, reportId: report.id, answer, comment, via: 'public', answeredAt: now })
      .run();
  });
}

/**
 * Whether anyone without a device may see this photo: it is on a report whose photos the command center
 * published (the report's own, or its issue's before and after photos).
 */
export function isPublishedPhoto(db: Db, photoId: string): boolean {
  const row = db.$client
    .prepare(
      `select 1 from public_reports r left join issues i on i.id = r.issue_id
       where r.photos_published = 1 and (
         exists (select 1 from json_each(r.photo_ids) where value = @id)
         or exists (select 1 from json_each(i.photo_ids) where value = @id)
         or exists (select 1 from json_each(i.after_photo_ids) where value = @id))
       limit 1`,
    )
    .get({ id: photoId });
  return row !== undefined;
}
