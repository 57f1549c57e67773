/*
 * Issuing a 通报. The draft is the bulletin of the period (export/bulletin.ts) with the period's 考核 added: scores,
 * the 红榜 and 黑榜 with each black-listed unit's step on the escalation ladder, the zones at the bottom named with
 * their chiefs, the cumulative figures since the first issue (累计通报问题N件次、通报单位M个) and what changed since
 * the previous issue. Issuing freezes exactly that JSON with the ledger checkpoint, gives it the next 期数, stores
 * it in `bulletins` and records a 'bulletin.issued' event carrying the content's SHA-256. A reprint is the stored
 * JSON, whatever has changed since.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../db/open';
import { bulletins } from '../../db/schema';
import type { Org } from '../org';
import type { Actor } from '../auth';
import { bulletinData } from '../export/bulletin';
import { assessmentOf, chiefNamesOf } from './scores';
import { appendCountyEvent } from './ledgerReads';
import { archivedContents, blackListStreaks } from './archive';
import { ladderStep } from '../../../shared/assessment/rubric';
import { periodOfRange, type UnitScore } from '../../../shared/assessment/score';
import { WHOLE_COUNTY } from '../../../shared/scope';

type Named = Pick<UnitScore, 'unitId' | 'unitName' | 'score' | 'rank'>;

/** What a draft reads back from the issues before it. */
interface Earlier {
  number: number;
  overall: { rate: number | null; reported: number; overdueIssues: number };
  assessment: { blackList: { unitId: string; unitName: string }[] };
  named: { unitIds: string[]; issueIds: string[] };
}

export function bulletinDraft(db: Db, org: Org, actor: Actor, now: number, end?: string, days = 5) {
  const base = bulletinData(db, org, WHOLE_COUNTY, 'county', now, end, days);
  const a = assessmentOf(db, org, periodOfRange(base.period.from, base.period.to), now);
  const earlier = archivedContents(db).map((c) => JSON.parse(c) as Earlier);
  const previous = earlier.at(-1);

  const pick = (u: UnitScore): Named => ({ unitId: u.unitId, unitName: u.unitName, score: u.score, rank: u.rank });
  const streaks = blackListStreaks(db);
  const blackList = a.units
    .filter((u) => u.list === 'black')
    .sort((x, y) => x.score - y.score)
    .map((u) => {
      const times = 1 + (streaks.get(u.unitId) ?? 0);
      return { ...pick(u), consecutive: times, step: ladderStep(times, a.rubric.ladder) };
    });
  const redList = a.units.filter((u) => u.list === 'red').sort((x, y) => y.score - x.score).map(pick);
  const chiefs = chiefNamesOf(db, a.zones);
  const bottomZones = a.zones
    .filter((z) => z.list === 'black')
    .sort((x, y) => (y.rank ?? 0) - (x.rank ?? 0))
    .map((z) => ({ zoneId: z.zoneId, zoneName: z.zoneName, score: z.score, rank: z.rank, chiefName: chiefs.get(z.zoneId) ?? '', leadUnitName: z.leadUnitId ? (org.unitById.get(z.leadUnitId)?.name ?? '') : '' }));

  const named = {
    unitIds: [...new Set([...base.unitsNamed.map((u) => u.unitId), ...blackList.map((b) => b.unitId), ...base.overdueIssues.map((x) => x.unitId)])],
    issueIds: [...new Set([...base.problems.issueIds, ...base.overdueIssues.map((x) => x.id)])],
  };
  const everyUnit = new Set([...earlier.flatMap((b) => b.named.unitIds), ...named.unitIds]);
  const cumulative = { problems: earlier.reduce((sum, b) => sum + b.named.issueIds.length, named.issueIds.length), units: everyUnit.size, issues: earlier.length + 1 };

  const changes = previous
    ? {
        previousNumber: previous.number,
        rate: { now: base.overall.rate, before: previous.overall.rate },
        reported: { now: base.overall.reported, before: previous.overall.reported },
        overdueIssues: { now: base.overall.overdueIssues, before: previous.overall.overdueIssues },
        newlyBlack: blackList.filter((b) => !previous.assessment.blackList.some((p) => p.unitId === b.unitId)).map((b) => b.unitName),
        offBlack: previous.assessment.blackList.filter((p) => !blackList.some((b) => b.unitId === p.unitId)).map((p) => p.unitName),
      }
    : null;

  return {
    ...base,
    assessment: {
      period: a.period,
      base: a.rubric.periods[a.period.kind].base,
      units: a.units.map((u) => ({ ...pick(u), zoneId: u.zoneId, deducted: u.deducted, credited: u.credited, list: u.list })),
      zones: a.zones.map((z) => ({ zoneId: z.zoneId, zoneName: z.zoneName, score: z.score, rank: z.rank, list: z.list })),
      leadUnits: a.leadUnits.map((l) => ({ unitId: l.unitId, unitName: l.unitName, score: l.score, rank: l.rank, list: l.list })),
      redList,
      blackList,
      bottomZones,
    },
    named,
    cumulative,
    changes,
    issued: null as null | { at: number; by: string },
  };
}

export type BulletinDraft = ReturnType<typeof bulletinDraft>;
export type IssuedBulletin = BulletinDraft & { issued: { at: number; by: string } };

/** Freezes the draft as the next issue. Everything in one transaction: a failure stores nothing. */
export function issueBulletin(db: Db, org: Org, actor: Actor, now: number, end?: string, days = 5): IssuedBulletin {
  return db.transaction(() => {
    const draft = bulletinDraft(db, org, actor, now, end, days);
    const issued: IssuedBulletin = { ...draft, issued: { at: now, by: actor.person.name } };
    const content = JSON.stringify(issued);
    const contentHash = createHash('sha256').update(content).digest('hex');
    const bulletinId = uuidv7();
    db.insert(bulletins)
      .values({
        id: bulletinId,
        issueNumber: issued.number,
        periodFrom: issued.period.from,
        periodTo: issued.period.to,
        issuedAt: now,
        issuedBy: actor.person.id,
        checkpointSeq: issued.checkpoint.seq,
        checkpointHash: issued.checkpoint.hash,
        content,
        contentHash,
      })
      .run();
    appendCountyEvent(db, actor, 'bulletin.issued', { bulletinId, issueNumber: issued.number, contentHash }, now);
    return issued;
  });
}
