/*
 * Photos over real HTTP (createApp on port 0): the upload limits and who may download. Before/after photos are
 * evidence in the issue loop, so a refused upload must leave no trace and a photo must not leak across zones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { MAX_PHOTO_BYTES } from '../../server/photoRoutes';
import { pushEvents } from '../../server/domain/ledger';
import { PEOPLE, actor } from './fixtures/smallCounty';
import { startCountyServer, type CountyServer } from '../support/countyServer';
import { ev, issueIn, NOW, refusedWith } from './supervision.helpers';
import { eq } from 'drizzle-orm';
import { issues, photos } from '../../server/db/schema';

const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const PNG_HEAD = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const WEBP_HEAD = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const jpegOf = (size: number, fill = 0x41) => Buffer.concat([JPEG_HEAD, Buffer.alloc(size - JPEG_HEAD.length, fill)]);

let county: CountyServer;
const token = new Map<string, string>();
beforeAll(async () => {
  county = await startCountyServer({ now: NOW });
  for (const p of Object.values(PEOPLE)) token.set(p.id, county.tokenFor(p.id));
});
afterAll(() => county.close());

const issueState = (id: string) => county.db.select({ state: issues.state }).from(issues).where(eq(issues.id, id)).get()!.state;
const photoRows = () => county.db.select({ n: count() }).from(photos).get()!.n;
const filesOnDisk = () => {
  const root = join(county.dir, 'photos');
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0;
};

async function upload(personId: string | null, body: Buffer, headers: Record<string, string> = {}) {
  const res = await fetch(`${county.url}/photos`, {
    method: 'POST',
    headers: { ...(personId ? { authorization: `Bearer ${token.get(personId)}` } : {}), 'content-type': 'image/jpeg', ...headers },
    body: new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as { id?: string; error?: { message: string } } };
}

async function download(personId: string | null, id: string) {
  const res = await fetch(`${county.url}/photos/${id}`, { headers: personId ? { authorization: `Bearer ${token.get(personId)}` } : {} });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

describe('uploading', () => {
  it('a photo over 2 MB is refused with 413 and a Chinese message; nothing is written to disk or the table', async () => {
    const [rows, files] = [photoRows(), filesOnDisk()];
    const res = await upload(PEOPLE.staffA.id, jpegOf(MAX_PHOTO_BYTES + 1));
    expect(res.status).toBe(413);
    expect(res.body.error?.message).toBe('照片不能超过 2 MB，请压缩后再上传');
    expect([photoRows(), filesOnDisk()]).toEqual([rows, files]);
  });

  it('a photo of exactly 2 MB is accepted', async () => {
    const res = await upload(PEOPLE.staffA.id, jpegOf(MAX_PHOTO_BYTES, 0x42));
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a file called 现场.jpg that holds text is refused with 415, whatever its name and declared type say', async () => {
    const [rows, files] = [photoRows(), filesOnDisk()];
    const res = await upload(PEOPLE.staffA.id, Buffer.from('这不是照片，是一段文字'), {
      'content-type': 'image/jpeg',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent('现场.jpg')}`,
    });
    expect(res.status).toBe(415);
    expect(res.body.error?.message).toBe('只能上传 JPEG、PNG 或 WebP 格式的照片');
    expect([photoRows(), filesOnDisk()]).toEqual([rows, files]);
  });

  it('JPEG, PNG and WebP are told apart by their bytes; the same photo twice is stored once', async () => {
    for (const [bytes, mime] of [[jpegOf(500, 1), 'image/jpeg'], [Buffer.concat([PNG_HEAD, Buffer.alloc(100, 2)]), 'image/png'], [Buffer.concat([WEBP_HEAD, Buffer.alloc(100, 3)]), 'image/webp']] as const) {
      const first = await upload(PEOPLE.staffA.id, bytes, { 'content-type': 'application/octet-stream' });
      const rows = photoRows();
      const again = await upload(PEOPLE.staffA.id, bytes);
      expect([first.status, again.status, again.body.id]).toEqual([201, 201, first.body.id]);
      expect(photoRows()).toBe(rows);
      expect((await download(PEOPLE.staffA.id, first.body.id!)).type).toBe(mime);
    }
  });

  it('without an enrolled device nothing is accepted', async () => {
    expect((await upload(null, jpegOf(100))).status).toBe(401);
  });
});

describe('who may see a photo', () => {
  it('before and after photos of an issue in zone 2: its unit, its zone chief and the county-wide roles; not zone 1’s lead unit', async () => {
    const before = (await upload(PEOPLE.staffB.id, jpegOf(800, 7))).body.id!;
    const after = (await upload(PEOPLE.staffB.id, jpegOf(800, 8))).body.id!;
    const issueId = issueIn(county.db, 'u-b', 'assigned', NOW - 60 * 60_000, { photoIds: [before] });
    pushEvents(county.db, actor(PEOPLE.staffB), [ev('u-b', NOW - 1000, { kind: 'issue.rectified', payload: { issueId, note: '已清理', photoIds: [after] } })], NOW);

    const expected: [string, string, number][] = [
      [PEOPLE.staffB.name, PEOPLE.staffB.id, 200], // the uploader and the unit
      [PEOPLE.chief2.name, PEOPLE.chief2.id, 200], // zone 2's chief
      [PEOPLE.inspector.name, PEOPLE.inspector.id, 200],
      [PEOPLE.command.name, PEOPLE.command.id, 200],
      [PEOPLE.deptHead.name, PEOPLE.deptHead.id, 403], // leads zone 1, not zone 2
      [PEOPLE.staffA.name, PEOPLE.staffA.id, 403],
      [PEOPLE.headA.name, PEOPLE.headA.id, 403],
    ];
    for (const id of [before, after]) {
      for (const [name, personId, status] of expected) expect((await download(personId, id)).status, `${name} ${id === before ? 'before' : 'after'}`).toBe(status);
    }
    const refused = await fetch(`${county.url}/photos/${after}`, { headers: { authorization: `Bearer ${token.get(PEOPLE.deptHead.id)}` } });
    expect(await refused.json()).toEqual({ error: { message: '您无权查看这张照片' } });
    expect((await download(PEOPLE.chief2.id, after)).bytes.equals(jpegOf(800, 8))).toBe(true);
    expect((await download(null, after)).status).toBe(401);
  });

  it('an unknown or malformed photo id is not found', async () => {
    expect((await download(PEOPLE.command.id, 'f'.repeat(64))).status).toBe(404);
    expect((await download(PEOPLE.command.id, '..%2F..%2Fcounty.sqlite')).status).toBe(404);
  });
});

describe('citing photos in events', () => {
  const rectify = (issueId: string, photoIds: string[]) => ev('u-b', NOW - 500, { kind: 'issue.rectified', payload: { issueId, note: '已清理', photoIds } });

  it('a fix citing a photo that was never uploaded is refused, and nothing changes', async () => {
    const issueId = issueIn(county.db, 'u-b', 'assigned', NOW - 60 * 60_000);
    const err = refusedWith(() => pushEvents(county.db, actor(PEOPLE.staffB), [rectify(issueId, ['c'.repeat(64)])], NOW));
    expect([err.code, err.message]).toEqual(['BAD_REQUEST', '第1条记录未被接受：引用的照片尚未上传到服务器，请联网同步后再试']);
    expect(issueState(issueId)).toBe('assigned');
  });

  it('citing another zone’s photo in one’s own issue is refused, and does not open the photo to the sender', async () => {
    const theirs = (await upload(PEOPLE.staffB.id, jpegOf(700, 21))).body.id!;
    issueIn(county.db, 'u-b', 'assigned', NOW - 60 * 60_000, { photoIds: [theirs] });
    const mine = issueIn(county.db, 'u-a', 'assigned', NOW - 60 * 60_000);
    const err = refusedWith(() =>
      pushEvents(county.db, actor(PEOPLE.staffA), [ev('u-a', NOW - 500, { kind: 'issue.rectified', payload: { issueId: mine, note: '已清理', photoIds: [theirs] } })], NOW),
    );
    expect([err.code, err.message]).toEqual(['FORBIDDEN', '第1条记录未被接受：不能引用您无权查看的照片']);
    expect((await download(PEOPLE.staffA.id, theirs)).status).toBe(403);
  });

  it('a photo one uploaded oneself may be cited; so may the same bytes uploaded again by someone else', async () => {
    const bytes = jpegOf(900, 33);
    const id = (await upload(PEOPLE.staffB.id, bytes)).body.id!;
    expect((await download(PEOPLE.staffA.id, id)).status).toBe(403);
    expect((await upload(PEOPLE.staffA.id, bytes)).body.id).toBe(id); // holding the bytes is holding the photo
    expect((await download(PEOPLE.staffA.id, id)).status).toBe(200);
    const mine = issueIn(county.db, 'u-a', 'assigned', NOW - 60 * 60_000);
    pushEvents(county.db, actor(PEOPLE.staffA), [ev('u-a', NOW - 500, { kind: 'issue.rectified', payload: { issueId: mine, note: '已清理', photoIds: [id] } })], NOW);
    expect(issueState(mine)).toBe('rectified');
  });

  it('an inspector may cite in a 回头看 the unit’s after-photo, which an issue in the inspector’s scope shows', async () => {
    const after = (await upload(PEOPLE.staffB.id, jpegOf(600, 44))).body.id!;
    const issueId = issueIn(county.db, 'u-b', 'assigned', NOW - 60 * 60_000);
    pushEvents(county.db, actor(PEOPLE.staffB), [rectify(issueId, [after])], NOW);
    pushEvents(county.db, actor(PEOPLE.inspector), [ev('u-b', NOW - 100, { kind: 'issue.verified', payload: { issueId, passed: true, note: '', photoIds: [after] } })], NOW);
    expect(issueState(issueId)).toBe('verified');
  });
});
