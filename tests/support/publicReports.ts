/** Calls the public page makes, over real HTTP, as a given address (X-Forwarded-For, with the server trusting loopback). */
import { eventIdAt } from '../../shared/eventId';
import type { Db } from '../../server/db/open';
import { pushEvents } from '../../server/domain/ledger';
import { PEOPLE, actor } from '../server/fixtures/smallCounty';
import { SOME_PHOTO } from './issueStates';
import { eq } from 'drizzle-orm';
import { satisfactionAnswers } from '../../server/db/schema';
import { loadOrg } from '../../server/domain/org';
import { answerReport, reportByCode, submitReport } from '../../server/domain/publicReport/reports';
import { acceptReport } from '../../server/domain/publicReport/intake';
import { normaliseCode } from '../../shared/codes';

export interface PublicAnswer<T = unknown> {
  status: number;
  data: T | null;
  message: string | null;
}

export async function publicCall<T>(url: string, procedure: string, input: unknown, from = '203.0.113.1'): Promise<PublicAnswer<T>> {
  const query = procedure === 'follow';
  const path = `${url}/trpc/publicReport.${procedure}`;
  const headers = { 'x-forwarded-for': from, 'content-type': 'application/json' };
  const res = query
    ? await fetch(`${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
    : await fetch(path, { method: 'POST', headers, body: JSON.stringify(input) });
  const body = (await res.json()) as { result?: { data: T }; error?: { message: string } };
  return { status: res.status, data: body.result?.data ?? null, message: body.error?.message ?? null };
}

export async function uploadPublicPhoto(url: string, bytes: Uint8Array, from = '203.0.113.1'): Promise<{ status: number; id?: string; message?: string }> {
  const res = await fetch(`${url}/report/photos`, { method: 'POST', headers: { 'x-forwarded-for': from, 'content-type': 'image/jpeg' }, body: Buffer.from(bytes) });
  const body = (await res.json()) as { id?: string; error?: { message: string } };
  return { status: res.status, id: body.id, message: body.error?.message };
}

export const REPORT = {
  kind: 'problem' as const,
  category: 'sanitation' as const,
  zoneId: 'z1',
  place: '人民路东段公交站旁',
  description: '垃圾桶满溢，周边散落生活垃圾',
  photoIds: [] as string[],
  name: '王女士',
  phone: '139 0000 5678',
};

/** The unit fixes the issue and the inspector's 回头看 passes (or sends it back), through the real ledger. */
export function fixAndVerify(db: Db, issueId: string, unitId: 'u-a' | 'u-b', at: number, passed = true, afterPhotoIds = [SOME_PHOTO]): void {
  const staff = unitId === 'u-a' ? PEOPLE.staffA : PEOPLE.staffB;
  pushEvents(db, actor(staff), [{ id: eventIdAt(at), unitId, clientTime: at, kind: 'issue.rectified', payload: { issueId, note: '已清运', photoIds: afterPhotoIds } }], at);
  pushEvents(db, actor(PEOPLE.inspector), [{ id: eventIdAt(at + 1), unitId, clientTime: at + 1, kind: 'issue.verified', payload: { issueId, passed, note: '已整改到位', photoIds: [] } }], at + 1);
}

export function assign(db: Db, issueId: string, unitId: string, at: number): void {
  pushEvents(db, actor(PEOPLE.command), [{ id: eventIdAt(at), unitId, clientTime: at, kind: 'issue.assigned', payload: { issueId, unitId } }], at);
}

/** A report as the public page stores it, pending; its id and tracking code. */
export function pendingReport(db: Db, at: number, place = REPORT.place): { reportId: string; code: string } {
  const { code } = submitReport(db, loadOrg(db), { ...REPORT, place }, at);
  return { reportId: reportByCode(db, normaliseCode(code))!.id, code };
}

/** A report accepted, 交办ed to 县教育局, fixed and verified: ready for a satisfaction answer. */
export function verifiedPublicReport(db: Db, at: number): { reportId: string; code: string; issueId: string } {
  const { reportId, code } = pendingReport(db, at);
  const { issueId } = acceptReport(
    db,
    actor(PEOPLE.command),
    { reportId, category: 'sanitation', zoneId: 'z1', unitId: 'u-a', gridCellId: null, place: REPORT.place, description: REPORT.description, publishPhotos: true },
    at,
  );
  assign(db, issueId, 'u-a', at + 1);
  fixAndVerify(db, issueId, 'u-a', at + 2);
  return { reportId, code, issueId };
}

/** A 不满意 from the public, waiting for the command center's review; its answer id. */
export function dissatisfiedAnswer(db: Db, at: number): string {
  const { code, issueId } = verifiedPublicReport(db, at);
  answerReport(db, normaliseCode(code), 'dissatisfied', '还是很脏', at + 10);
  return db.select().from(satisfactionAnswers).where(eq(satisfactionAnswers.issueId, issueId)).get()!.id;
}
