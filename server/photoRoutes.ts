/*
 * Photos travel outside tRPC as raw bytes. Upload: the type is read from the bytes, not a name; stored on disk
 * by the SHA-256 of the content, so the same photo twice is stored once, and every uploader is recorded as
 * holding it. Download: for people who hold it or whose scope covers an issue that shows it (domain/photos.ts,
 * the same rule that decides which photos an event may cite).
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { photos } from './db/schema';
import { authenticate } from './domain/auth';
import { bearerToken, type Services } from './context';
import { orgSeenBy } from './domain/org';
import { holdPhoto, photoAccess } from './domain/photos';

export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;

/** The image type from its first bytes, or null when it is not a JPEG, PNG or WebP. */
export function sniffImage(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export function photoPath(dataDir: string, id: string): string {
  return join(dataDir, 'photos', id.slice(0, 2), id);
}

function fail(res: Response, status: number, message: string) {
  res.status(status).json({ error: { message } });
}

export function photoRoutes(services: Services): Router {
  const { db, clock, dataDir } = services;
  const routes = Router();
  const actorOf = (req: Request) => {
    const token = bearerToken(req);
    return token ? authenticate(db, token, clock.now()) : null;
  };

  routes.post('/', express.raw({ type: () => true, limit: MAX_PHOTO_BYTES }), (req, res) => {
    const actor = actorOf(req);
    if (!actor) return fail(res, 401, '本设备未登记或已被注销，请在设置页重新登记');
    const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const mime = sniffImage(bytes);
    if (!mime) return fail(res, 415, '只能上传 JPEG、PNG 或 WebP 格式的照片');
    const id = createHash('sha256').update(bytes).digest('hex');
    const path = photoPath(dataDir, id);
    if (!existsSync(path)) {
      mkdirSync(join(dataDir, 'photos', id.slice(0, 2)), { recursive: true });
      writeFileSync(path, bytes);
    }
    db.transaction(() => {
      db.insert(photos).values({ id, mime, size: bytes.length, uploadedBy: actor.person.id, createdAt: clock.now() }).onConflictDoNothing().run();
      holdPhoto(db, id, actor.person.id, clock.now());
    });
    res.status(201).json({ id });
  });

  routes.get('/:id', (req, res) => {
    const actor = actorOf(req);
    if (!actor) return fail(res, 401, '本设备未登记或已被注销，请在设置页重新登记');
    const id = String(req.params.id);
    const photo = /^[0-9a-f]{64}$/.test(id) ? db.select().from(photos).where(eq(photos.id, id)).get() : undefined;
    if (!photo) return fail(res, 404, '照片不存在');
    const { scope } = orgSeenBy(db, actor.person, clock.now());
    if (photoAccess(db, actor.person, scope, id) !== 'ok') return fail(res, 403, '您无权查看这张照片');
    // A database restored without its photos folder: answer, don't let the stream's error take the server down.
    const path = photoPath(dataDir, id);
    if (!existsSync(path)) return fail(res, 404, '照片文件缺失，请联系管理员从备份恢复');
    res.setHeader('Content-Type', photo.mime);
    res.setHeader('Cache-Control', 'private, max-age=31536000, immutable');
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  });

  // A body over the limit is cut off while it streams in, before anything is written: say so in photo terms.
  routes.use((err: { type?: string; status?: number }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') return fail(res, 413, `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，请压缩后再上传`);
    next(err);
  });
  return routes;
}
