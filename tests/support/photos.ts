/** Photos for tests that need no bytes: the `photos` row (when missing) and who holds it, as if each had uploaded it. */
import type { Db } from '../../server/db/open';
import { photos } from '../../server/db/schema';
import { holdPhoto } from '../../server/domain/photos';

export function givePhoto(db: Db, photoId: string, ...personIds: string[]): string {
  db.insert(photos).values({ id: photoId, mime: 'image/jpeg', size: 1000, uploadedBy: personIds[0], createdAt: 0 }).onConflictDoNothing().run();
  for (const personId of personIds) holdPhoto(db, photoId, personId, 0);
  return photoId;
}
