/*
 * The command center's intake (待受理): public reports waiting to be accepted or rejected, and 不满意 answers
 * waiting for review, and verified complaints waiting for a 回访 by phone. Accepting files the report as an issue with source 'public' through the ledger (pushEvents),
 * so it is 交办ed, rectified and verified like any other; the reporter's name and phone stay in public_reports.
 */
import { TRPCError } from '@trpc/server';
import { and, asc, eq, gte, inArray, isNull, notInArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { eventIdAt } from '../../../shared/eventId';
import type { Db } from '../../db/open';
import { issues, publicReports, satisfactionAnswers } from '../../db/schema';
import { DAY } from '../../../shared/calendar';
import type { Actor } from '../auth';
import type { Org } from '../org';
import { pushEvents } from '../ledger';
import { issueById, viewOf, type IssueView } from '../supervision/issueView';
import { similarOpen, type SimilarIssue } from '../supervision/duplicates';
import { reportById, type ReportRow } from './reports';
import type { Scope } from '../../../shared/scope';
import type { ClientEvent } from '../../../shared/schemas/events';
import type { AcceptReportInput, ReviewAnswerInput } from '../../../shared/schemas/publicReport';
import type { SatisfactionAnswer } from '../../../shared/publicReport';

export interface PendingReport extends Omit<ReportRow, 'codeHash'> {
  zoneName: string | null;
  /** Open issues of the same category recently reported in the same zone: maybe the same problem. */
  similar: SimilarIssue[];
}

export interface AnswerToReview {
  answerId: string;
  answer: SatisfactionAnswer;
  comment: string;
  via: string;
  answeredAt: number;
  issue: IssueView;
  reportId: string | null;
}

const EVERYTHING: Scope = { all: true };

/** How far back verified complaints are offered for a 回访 by phone. */
export const FOLLOW_UP_DAYS = 30;

/** Verified public and complaint issues of the last 30 days that nobody has answered about yet. */
function awaitingFollowUp(db: Db, org: Org, now: number): IssueView[] {
  const answered = db.select({ issueId: satisfactionAnswers.issueId }).from(satisfactionAnswers);
  return db
    .select()
    .from(issues)
    .where(and(inArray(issues.source, ['public', 'complaint']), eq(issues.state, 'verified'), gte(issues.verifiedAt, now - FOLLOW_UP_DAYS * DAY), notInArray(issues.id, answered)))
    .orderBy(asc(issues.verifiedAt))
    .all()
    .map((r) => viewOf(r, org));
}

export function intakeQueue(db: Db, org: Org, now: number, duplicateWindowDays: number): { pending: PendingReport[]; toReview: AnswerToReview[]; toCall: IssueView[] } {
  const pending = db.select().from(publicReports).where(eq(publicReports.state, 'pending')).orderBy(asc(publicReports.submittedAt)).all();
  const toReview = db
    .select()
    .from(satisfactionAnswers)
    .where(and(eq(satisfactionAnswers.answer, 'dissatisfied'), isNull(satisfactionAnswers.reviewedAt)))
    .orderBy(asc(satisfactionAnswers.answeredAt))
    .all();
  return {
    pending: pending.map(({ codeHash: _hidden, ...r }) => ({
      ...r,
      zoneName: org.zones.find((z) => z.id === r.zoneId)?.name ?? null,
      similar:
        r.zoneId && r.category !== 'other'
          ? similarOpen(db, org, EVERYTHING, { zoneId: r.zoneId, category: r.category, gridCellId: null, place: r.place }, now, duplicateWindowDays)
          : [],
    })),
    toReview: toReview.flatMap((a) => {
      const issue = issueById(db, a.issueId);
      return issue
        ? [{ answerId: a.id, answer: a.answer, comment: a.comment, via: a.via, answeredAt: a.answeredAt, issue: viewOf(issue, org), reportId: a.reportId }]
        : [];
    }),
    toCall: awaitingFollowUp(db, org, now),
  };
}

function pendingReport(db: Db, reportId: string): ReportRow {
  const report = reportById(db, reportId);
  if (!report) throw new TRPCError({ code: 'NOT_FOUND', message: '群众反映不存在' });
  if (report.state !== 'pending') throw new TRPCError({ code: 'CONFLICT', message: report.state === 'accepted' ? '该反映已受理' : '该反映已不予受理' });
  return report;
}

/** 受理: the report becomes an issue (source 'public') in the unit the command center chose; 交办 follows as usual. */
export function acceptReport(db: Db, actor: Actor, input: AcceptReportInput, now: number): { issueId: string } {
  return db.transaction(() => {
    const report = pendingReport(db, input.reportId);
    const issueId = uuidv7();
    const event: ClientEvent = {
      id: eventIdAt(now),
      unitId: input.unitId,
      clientTime: now,
      kind: 'issue.reported',
      payload: {
        issueId,
        category: input.category,
        zoneId: input.zoneId,
        gridCellId: input.gridCellId,
        place: input.place,
        description: input.description,
        photoIds: report.photoIds,
        source: 'public',
      },
    };
    // A savepoint inside this transaction: a refused event leaves the report pending.
    pushEvents(db, actor, [event], now);
    db.update(publicReports)
      .set({ state: 'accepted', handledBy: actor.person.id, handledAt: now, issueId, photosPublished: input.publishPhotos })
      .where(eq(publicReports.id, report.id))
      .run();
    return { issueId };
  });
}

/** 不予受理 before the report is an issue: the reason goes to the follow page. */
export function rejectReport(db: Db, actor: Actor, reportId: string, reason: string, now: number): void {
  db.transaction(() => {
    const report = pendingReport(db, reportId);
    db.update(publicReports)
      .set({ state: 'rejected', handledBy: actor.person.id, handledAt: now, rejectReason: reason })
      .where(eq(publicReports.id, report.id))
      .run();
  });
}

export function setPhotosPublished(db: Db, reportId: string, published: boolean): void {
  const res = db.update(publicReports).set({ photosPublished: published }).where(eq(publicReports.id, reportId)).run();
  if (res.changes === 0) throw new TRPCError({ code: 'NOT_FOUND', message: '群众反映不存在' });
}

/** 回访: an answer taken by phone about a verified issue that came from the public or a phoned-in complaint. */
export function recordFollowUpCall(db: Db, actor: Actor, issueId: string, answer: SatisfactionAnswer, comment: string, now: number): { answerId: string } {
  const issue = issueById(db, issueId);
  if (!issue) throw new TRPCError({ code: 'NOT_FOUND', message: '问题不存在' });
  if (issue.source !== 'public' && issue.source !== 'complaint') throw new TRPCError({ code: 'BAD_REQUEST', message: '只有群众投诉的问题需要回访' });
  if (issue.state !== 'verified') throw new TRPCError({ code: 'CONFLICT', message: '问题核查整改到位后才能回访' });
  const report = db.select({ id: publicReports.id }).from(publicReports).where(eq(publicReports.issueId, issueId)).get();
  const answerId = uuidv7();
  db.insert(satisfactionAnswers)
    .values({ id: answerId, issueId, reportId: report?.id ?? null, answer, comment, via: 'phone', recordedBy: actor.person.id, answeredAt: now })
    .run();
  return { answerId };
}

const REISSUE_PREFIX = '群众回访不满意，重新立案：';

/**
 * Review of a 不满意: 'upheld' keeps the result and answers the reporter with the note; 'reissued' files the
 * problem again as a new issue for the same unit (the verified one stays as it was: it was closed by its 回头看),
 * and the report follows the new issue from then on.
 */
export function reviewAnswer(db: Db, actor: Actor, input: ReviewAnswerInput, now: number): { reissuedIssueId: string | null } {
  return db.transaction(() => {
    const answer = db.select().from(satisfactionAnswers).where(eq(satisfactionAnswers.id, input.answerId)).get();
    if (!answer || answer.answer !== 'dissatisfied') throw new TRPCError({ code: 'NOT_FOUND', message: '没有待复核的不满意评价' });
    if (answer.reviewedAt !== null) throw new TRPCError({ code: 'CONFLICT', message: '该评价已复核' });
    const issue = issueById(db, answer.issueId);
    if (!issue) throw new TRPCError({ code: 'NOT_FOUND', message: '该评价对应的问题不存在' });
    let reissuedIssueId: string | null = null;
    if (input.outcome === 'reissued') {
      reissuedIssueId = uuidv7();
      const description = `${REISSUE_PREFIX}${answer.comment}（原问题：${issue.description}）`.slice(0, 500);
      const event: ClientEvent = {
        id: eventIdAt(now),
        unitId: issue.unitId,
        clientTime: now,
        kind: 'issue.reported',
        payload: { issueId: reissuedIssueId, category: issue.category, zoneId: issue.zoneId, gridCellId: issue.gridCellId, place: issue.place, description, photoIds: issue.photoIds, source: 'public' },
      };
      pushEvents(db, actor, [event], now);
      if (answer.reportId) db.update(publicReports).set({ issueId: reissuedIssueId }).where(eq(publicReports.id, answer.reportId)).run();
    }
    db.update(satisfactionAnswers)
      .set({ reviewOutcome: input.outcome, reviewNote: input.note, reviewedBy: actor.person.id, reviewedAt: now, reissuedIssueId })
      .where(eq(satisfactionAnswers.id, answer.id))
      .run();
    return { reissuedIssueId };
  });
}
