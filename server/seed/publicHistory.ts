/*
 * The demo county's public side, written after the ledger: every accepted public issue gets the report it came
 * from (sent a few hours before it was accepted, under a tracking code nobody knows), most verified public and
 * complaint issues an answer (from the follow page, or a 回访 by phone), mostly 满意, a 不满意 reviewed when it
 * is old enough; and a few recent reports still waiting in 待受理.
 */
import { createHash } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/open';
import { issues, publicReports, satisfactionAnswers } from '../db/schema';
import type { Zone } from '../../shared/schemas/org';
import { DAY, HOUR, MINUTE } from '../../shared/calendar';
import type { SatisfactionAnswer } from '../../shared/publicReport';
import { SURNAMES, STREETS } from './names';
import { uuidv7At, type Rng } from './random';

const codeHash = (rng: Rng) => createHash('sha256').update(`demo-${rng.next()}-${rng.next()}`).digest('hex');
const ANSWER_CHANCE = 0.75;

function answer(rng: Rng): SatisfactionAnswer {
  const roll = rng.next();
  return roll < 0.75 ? 'satisfied' : roll < 0.92 ? 'basically' : 'dissatisfied';
}

const COMMENTS: Record<SatisfactionAnswer, string[]> = {
  satisfied: ['', '处理很及时，谢谢', '现在干净多了'],
  basically: ['', '基本解决了，希望保持', '处理有点慢'],
  dissatisfied: ['过两天又脏了', '只清理了一半', '没有从根本上解决'],
};

const PENDING = [
  { category: 'sanitation', description: '小区门口垃圾桶满了两天没人清运，气味很大' },
  { category: 'other', description: '建议在广场周边多设几个分类垃圾桶' },
  { category: 'city_appearance', description: '路边有人乱贴小广告，电线杆上贴满了' },
] as const;

export function publicHistory(db: Db, rng: Rng, now: number, commandIds: readonly string[], zones: readonly Zone[]): void {
  const filed = db.select().from(issues).where(inArray(issues.source, ['public', 'complaint'])).all();
  for (const issue of filed) {
    const reportId = issue.source === 'public' ? uuidv7At(issue.reportedAt, rng) : null;
    if (reportId) {
      db.insert(publicReports)
        .values({
          id: reportId,
          codeHash: codeHash(rng),
          kind: 'problem',
          category: issue.category,
          zoneId: rng.chance(0.7) ? issue.zoneId : null,
          place: issue.place,
          description: issue.description,
          photoIds: issue.photoIds,
          reporterName: rng.chance(0.5) ? rng.pick(SURNAMES) + rng.pick(['先生', '女士']) : null,
          reporterPhone: rng.chance(0.6) ? `13${rng.int(100000000, 999999999)}` : null,
          submittedAt: issue.reportedAt - rng.int(20, 20 * 60) * MINUTE,
          state: 'accepted',
          handledBy: issue.reportedBy,
          handledAt: issue.reportedAt,
          issueId: issue.id,
          photosPublished: rng.chance(0.8),
        })
        .run();
    }
    if (issue.state !== 'verified' || !rng.chance(ANSWER_CHANCE)) continue;
    const answeredAt = issue.verifiedAt! + rng.int(2, 72) * HOUR;
    if (answeredAt > now) continue;
    const said = answer(rng);
    const reviewed = said === 'dissatisfied' && answeredAt < now - 3 * DAY;
    const reviewer = rng.pick(commandIds);
    db.insert(satisfactionAnswers)
      .values({
        id: uuidv7At(answeredAt, rng),
        issueId: issue.id,
        reportId,
        answer: said,
        comment: rng.pick(COMMENTS[said]),
        // A public report's reporter answers on the follow page; a phoned-in complaint is called back.
        via: reportId ? 'public' : 'phone',
        recordedBy: reportId ? null : reviewer,
        answeredAt,
        ...(reviewed ? { reviewOutcome: 'upheld', reviewNote: '经复核，现场已整改到位，已向群众解释', reviewedBy: reviewer, reviewedAt: answeredAt + DAY } : {}),
      })
      .run();
  }
  PENDING.forEach((p, i) => {
    const submittedAt = now - (i + 1) * 3 * HOUR;
    db.insert(publicReports)
      .values({
        id: uuidv7At(submittedAt, rng),
        codeHash: codeHash(rng),
        kind: p.category === 'other' ? 'suggestion' : 'problem',
        category: p.category,
        zoneId: rng.pick(zones).id,
        place: `${rng.pick(STREETS)}${rng.int(1, 199)}号附近`,
        description: p.description,
        photoIds: [],
        reporterName: rng.pick(SURNAMES) + rng.pick(['先生', '女士']),
        reporterPhone: `13${rng.int(100000000, 999999999)}`,
        submittedAt,
        state: 'pending',
      })
      .run();
  });
}
