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
