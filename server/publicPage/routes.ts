/*
 * The public page (问题建议与投诉平台), served by the server itself: GET /report is the page, its script and style
 * live beside it, photos are uploaded raw and shown only once the command center publishes them. A strict
 * Content-Security-Policy: this origin only, no inline script, nothing from a third party.
 */
import { Router, type NextFunction, type Request, type Response } from 'express';
import { createReadStream, existsSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { photos } from '../db/schema';
import type { Services } from '../context';
import { clientKey } from '../rateLimit';
import { take } from '../publicLimits';
import { keepPhotoFile, photoPath } from '../photoRoutes';
import { boundedBody } from '../boundedBody';
import { orgToday } from '../domain/org';
import { isPublishedPhoto, PUBLIC_UPLOADER } from '../domain/publicReport/reports';
import { pageAssets, type Asset } from './bundle';
import { pageHtml } from './html';

/** The browser shrinks photos to about 200–400 KB (1280 px, JPEG 0.8); anything near this is not from the page. */
export const MAX_PUBLIC_PHOTO_BYTES = 1024 * 1024;

const ICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1a5fb4"/><path d="M9 17l5 5 9-11" stroke="#fff" stroke-width="3" fill="none"/></svg>';

export const PUBLIC_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // blob: for the preview of a chosen photo before it is sent.
  "img-src 'self' blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

function fail(res: Response, status: number, message: string) {
  res.status(status).json({ error: { message } });
}

function serveAsset(res: Response, asset: Asset) {
  res.setHeader('Content-Type', asset.type);
  res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  res.end(asset.body);
}

export function publicPageRoutes(services: Services): Router {
  const { db, clock, dataDir } = services;
  const routes = Router();
  routes.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', PUBLIC_PAGE_CSP);
    next();
  });

  routes.get('/', (_req, res) => {
    const { js, css } = pageAssets();
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.end(pageHtml(orgToday(db, clock.now()).zones, { js: `/report/app.${js.hash}.js`, css: `/report/app.${css.hash}.css` }));
  });
  // Without an icon of its own the browser asks for /favicon.ico and logs a 404.
  routes.get('/icon.svg', (_req, res) => {
    res.setHeader('Content-Type', 'image/svg+xml');
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.end(ICON_SVG);
  });
  routes.get(/^\/app\.[0-9a-f]{12}\.js$/, (_req, res) => serveAsset(res, pageAssets().js));
  routes.get(/^\/app\.[0-9a-f]{12}\.css$/, (_req, res) => serveAsset(res, pageAssets().css));

  // Counted before the body is read, so a flood of uploads costs the server nothing but the refusal.
  const limitUploads = (req: Request, res: Response, next: NextFunction) =>
    take(services.publicLimits.photos, clientKey(req.ip ?? 'unknown'), clock.now()) ? next() : fail(res, 429, '上传过于频繁，请稍后再试');

  const photoBody = boundedBody({ limit: MAX_PUBLIC_PHOTO_BYTES, as: 'raw', tooLarge: `照片不能超过 ${MAX_PUBLIC_PHOTO_BYTES / 1024 / 1024} MB，请压缩后再上传` });
  routes.post('/photos', limitUploads, photoBody, (req, res) => {
    const kept = keepPhotoFile(dataDir, req.body);
    if (!kept) return fail(res, 415, '只能上传 JPEG、PNG 或 WebP 格式的照片');
    const { id, mime, size } = kept;
    db.insert(photos).values({ id, mime, size, uploadedBy: PUBLIC_UPLOADER, createdAt: clock.now() }).onConflictDoNothing().run();
    res.status(201).json({ id });
  });

  routes.get('/photos/:id', (req, res) => {
    const id = String(req.params.id);
    const photo = /^[0-9a-f]{64}$/.test(id) ? db.select().from(photos).where(eq(photos.id, id)).get() : undefined;
    // Unpublished and unknown look the same from outside.
    if (!photo || !isPublishedPhoto(db, id)) return fail(res, 404, '照片不存在或未公开');
    const path = photoPath(dataDir, id);
    if (!existsSync(path)) return fail(res, 404, '照片不存在或未公开');
    res.setHeader('Content-Type', photo.mime);
    res.setHeader('Cache-Control', 'no-cache');
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  });

  routes.use((err: { type?: string }, _req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') return fail(res, 413, `照片不能超过 ${MAX_PUBLIC_PHOTO_BYTES / 1024 / 1024} MB，请重新选择`);
    next(err);
  });
  return routes;
}
