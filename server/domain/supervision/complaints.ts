/*
 * Complaints (投诉). The command center logs the issue and assigns it in one step; the caller's name and phone
 * go to `complaint_contacts`, never into the ledger, because events are pulled by everyone whose scope holds the
 * unit and the contact is for the command center alone. Issue, assignment and contact land in one transaction.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/open';
import { complaintContacts, publicReports } from '../../db/schema';
import type { Actor } from '../auth';
import { pushEvents } from '../ledger';
import type { ClientEvent } from '../../../shared/schemas/events';
import type { LogComplaintInput } from '../../../shared/schemas/supervision';
import { eventIdAt } from '../../../shared/eventId';

export function logComplaint(db: Db, actor: Actor, input: LogComplaintInput, receivedAt: number): { issueId: string; duplicate: boolean } {
  const { issueId } = input.issue;
  return db.transaction(() => {
    // A retried request (the reply was lost) finds its contact stored: acknowledged, nothing stored twice.
    if (db.select().from(complaintContacts).where(eq(complaintContacts.issueId, issueId)).get()) return { issueId, duplicate: true };
    const base = { unitId: input.unitId, clientTime: input.clientTime };
    const events: ClientEvent[] = [
      { ...base, id: eventIdAt(receivedAt), kind: 'issue.reported', payload: { ...input.issue, source: 'complaint' } },
      { ...base, id: eventIdAt(receivedAt), kind: 'issue.assigned', payload: { issueId, unitId: input.unitId } },
    ];
    // Nested in this transaction (a savepoint): a refused event or a failed insert below stores nothing at all.
    pushEvents(db, actor, events, receivedAt);
    db.insert(complaintContacts)
      .values({ issueId, name: input.contact.name, phone: input.contact.phone, recordedBy: actor.person.id, recordedAt: receivedAt })
      .run();
    return { issueId, duplicate: false };
  });
}

/** Who complained about an issue: a phoned-in complaint's caller, or the public reporter if they left a name or phone. */
export function complaintContact(db: Db, issueId: string): { name: string; phone: string } | null {
  const row = db.select().from(complaintContacts).where(eq(complaintContacts.issueId, issueId)).get();
  if (row) return { name: row.name, phone: row.phone };
  const report = db.select().from(publicReports).where(eq(publicReports.issueId, issueId)).get();
  return report && (report.reporterName || report.reporterPhone) ? { name: report.reporterName ?? '', phone: report.reporterPhone ?? '' } : null;
}
