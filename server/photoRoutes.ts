/*
 * Photos travel outside tRPC as raw bytes. Upload: the type is read from the bytes, not a name; stored on disk
 * by the SHA-256 of the content, so the same photo twice is stored once, and every uploader is recorded as
 * holding it. Download: for people who hold it or whose scope covers an issue that shows it (domain/photos.ts,
 * the same rule that decides which photos an event may cite).
 */
import { Router, type Request, type Response } from 'express';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync, existsSync, createReadStream, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import { photos } from './db/schema';
import { authenticate } from './domain/auth';
import { bearerToken, type Services } from './context';
import { orgSeenBy } from './domain/org';
import { boundedBody } from './boundedBody';
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

/** Written beside and renamed into place, so a full disk never leaves a cut-off photo under its hash. */
function writeWhole(path: string, bytes: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * A photo's bytes from a bounded raw body, sniffed, then kept on disk under their SHA-256 (written whole, once):
 * null when they are not a JPEG, PNG or WebP. Both upload routes (this one and the public page's) store through here.
 */
export function keepPhotoFile(dataDir: string, body: unknown): { id: string; mime: string; size: number } | null {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  const mime = sniffImage(bytes);
  if (!mime) return null;
  const id = createHash('sha256').update(bytes).digest('hex');
  const path = photoPath(dataDir, id);
  if (!existsSync(path)) writeWhole(path, bytes);
  return { id, mime, size: bytes.length };
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

  // Any declared type: the bytes are sniffed.
  routes.post('/', boundedBody({ limit: MAX_PHOTO_BYTES, as: 'raw', tooLarge: `照片不能超过 ${MAX_PHOTO_BYTES / 1024 / 1024} MB，请压缩后再上传` }), (req, res) => {
    const actor = actorOf(req);
    if (!actor) return fail(res, 401, '本设备未登记或已被注销，请在设置页重新登记');
    const kept = keepPhotoFile(dataDir, req.body);
    if (!kept) return fail(res, 415, '只能上传 JPEG、PNG 或 WebP 格式的照片');
    const { id, mime, size } = kept;
    db.transaction(() => {
      db.insert(photos).values({ id, mime, size, uploadedBy: actor.person.id, createdAt: clock.now() }).onConflictDoNothing().run();
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

  return routes;
}
