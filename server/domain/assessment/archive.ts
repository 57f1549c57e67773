/*
 * The archive of issued bulletins (table `bulletins`, rows frozen by triggers). A reprint returns the content
 * exactly as it was stored when issued.
 */
import { asc, desc, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { bulletins } from '../../db/schema';

export function nextIssueNumber(db: Db): number {
  return (db.select({ n: max(bulletins.issueNumber) }).from(bulletins).get()?.n ?? 0) + 1;
}

export function archiveList(db: Db) {
  return db
    .select({
      issueNumber: bulletins.issueNumber,
      periodFrom: bulletins.periodFrom,
      periodTo: bulletins.periodTo,
      issuedAt: bulletins.issuedAt,
      issuedBy: bulletins.issuedBy,
      checkpointSeq: bulletins.checkpointSeq,
      checkpointHash: bulletins.checkpointHash,
      contentHash: bulletins.contentHash,
    })
    .from(bulletins)
    .orderBy(desc(bulletins.issueNumber))
    .all();
}

/** The stored JSON of one issued bulletin, or undefined. */
export function archivedContent(db: Db, issueNumber: number): string | undefined {
  return db.select({ content: bulletins.content }).from(bulletins).where(eq(bulletins.issueNumber, issueNumber)).get()?.content;
}

/** Every issued bulletin's stored JSON, oldest first. */
export function archivedContents(db: Db): string[] {
  return db.select({ content: bulletins.content }).from(bulletins).orderBy(asc(bulletins.issueNumber)).all().map((r) => r.content);
}

/**
 * How many issued bulletins in a row, ending with the latest, black-listed each unit (units on the latest 黑榜
 * only). A unit black-listed again in the next issue has climbed one more step of the ladder.
 */
export function blackListStreaks(db: Db): Map<string, number> {
  const lists = archivedContents(db).map((c) => (JSON.parse(c) as { assessment: { blackList: { unitId: string }[] } }).assessment.blackList.map((b) => b.unitId));
  const streaks = new Map<string, number>();
  for (const unitId of lists.at(-1) ?? []) {
    let n = 0;
    for (let i = lists.length - 1; i >= 0 && lists[i].includes(unitId); i--) n++;
    streaks.set(unitId, n);
  }
  return streaks;
}
