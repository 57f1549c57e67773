/*
 * Photos by id on any device. A photo is shown from IndexedDB when this browser has it (taken here, or fetched
 * before); otherwise it is fetched from the server, which checks that the holder may see it, and kept. Photos
 * the server has are evicted least recently shown first once together they pass a size cap; a photo still
 * waiting for its upload is never evicted (it has no PhotoUse row until the sync engine has sent it).
 */
import type { PanelDb } from './db';

export const PHOTO_CACHE_BYTES = 40 * 1024 * 1024;

export type DownloadPhoto = (id: string) => Promise<Blob>;

export interface PhotoCacheDeps {
  db: PanelDb;
  download: DownloadPhoto;
  now(): number;
  /** Bytes kept at most (40 MB unless a test wants a small cap). */
  capBytes?: number;
}

/** The photo's bytes: local when here, fetched (and kept) when not. Throws the server's refusal as is. */
export async function photoBlob(deps: PhotoCacheDeps, id: string): Promise<Blob> {
  const { db, now } = deps;
  const local = await db.photos.get(id);
  if (local) {
    await db.photoUse.update(id, { usedAt: now() });
    return new Blob([local.bytes], { type: local.type });
  }
  const blob = await deps.download(id);
  const bytes = await blob.arrayBuffer();
  const at = now();
  await db.transaction('rw', [db.photos, db.photoUse], async () => {
    await db.photos.put({ id, bytes, type: blob.type || 'image/jpeg', uploaded: 1, createdAt: at });
    await db.photoUse.put({ id, size: bytes.byteLength, usedAt: at });
  });
  await evict(db, deps.capBytes ?? PHOTO_CACHE_BYTES);
  return new Blob([bytes], { type: blob.type || 'image/jpeg' });
}

/** Marks a photo as on the server (the sync engine just uploaded it): from now on it may be evicted. */
export async function keepUploaded(db: PanelDb, id: string, size: number, at: number): Promise<void> {
  await db.transaction('rw', [db.photos, db.photoUse], async () => {
    await db.photos.update(id, { uploaded: 1 });
    await db.photoUse.put({ id, size, usedAt: at });
  });
}

/** Drops the least recently shown photos until the rest fit under `capBytes`. */
export async function evict(db: PanelDb, capBytes: number): Promise<void> {
  await db.transaction('rw', [db.photos, db.photoUse], async () => {
    const uses = await db.photoUse.orderBy('usedAt').toArray();
    let total = uses.reduce((sum, u) => sum + u.size, 0);
    const drop: string[] = [];
    for (const u of uses) {
      if (total <= capBytes) break;
      drop.push(u.id);
      total -= u.size;
    }
    await db.photos.bulkDelete(drop);
    await db.photoUse.bulkDelete(drop);
  });
}
