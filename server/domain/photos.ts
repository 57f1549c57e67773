/*
 * Who may see a photo: one rule for downloading it and for citing it in an event. A person sees a photo they
 * uploaded themselves (whoever sends the same bytes holds them already: every uploader is recorded), and any
 * photo an issue in their scope shows, before or after. An event may cite only photos that are uploaded (the
 * client uploads before it pushes) and that its sender may see, so citing an id is never a way to get access.
 */
import { and, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../db/open';
import { issues, photoHolders, photos } from '../db/schema';
import { scopeHasUnit, type Scope } from '../../shared/scope';
import type { ClientEvent } from '../../shared/schemas/events';
import type { Person } from '../../shared/schemas/org';
import { PUBLIC_UPLOADER } from './publicReport/reports';

export type PhotoAccess = 'ok' | 'missing' | 'hidden';

export function photoAccess(db: Db, person: Pick<Person, 'id' | 'role'>, scope: Scope, id: string): PhotoAccess {
  const photo = db.select({ uploadedBy: photos.uploadedBy }).from(photos).where(eq(photos.id, id)).get();
  if (!photo) return 'missing';
  // The command center triages public reports (待受理) before their photos are on any issue.
  if (photo.uploadedBy === PUBLIC_UPLOADER && person.role === 'command') return 'ok';
  if (db.select({ id: photoHolders.photoId }).from(photoHolders).where(and(eq(photoHolders.photoId, id), eq(photoHolders.personId, person.id))).get()) return 'ok';
  const shownOn = db
    .select({ unitId: issues.unitId })
    .from(issues)
    .where(or(sql`exists (select 1 from json_each(${issues.photoIds}) where value = ${id})`, sql`exists (select 1 from json_each(${issues.afterPhotoIds}) where value = ${id})`))
    .all();
  return shownOn.some((i) => scopeHasUnit(scope, i.unitId)) ? 'ok' : 'hidden';
}

/** Records that `personId` sent these bytes (an upload, or the demo seed standing in for one). */
export function holdPhoto(db: Db, photoId: string, personId: string, at: number): void {
  db.insert(photoHolders).values({ photoId, personId, at }).onConflictDoNothing().run();
}

/** The photos an event cites. */
export function photosCited(event: Pick<ClientEvent, 'kind' | 'payload'>): readonly string[] {
  return 'photoIds' in event.payload ? event.payload.photoIds : [];
}
