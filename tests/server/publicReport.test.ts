/*
 * The public complaint and suggestion platform over real HTTP: report → tracking code → 待受理 → 受理 (an issue
 * with source 'public') → 交办 → 整改 → 回头看 → the reporter's answer → review of a 不满意; rejection with a
 * reason; the honeypot; the reporter's contact kept out of pulls; limits per address and per phone.
 */
import { givePhoto } from '../support/photos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { gzipSync } from 'node:zlib';
import { issues, publicReports, satisfactionAnswers } from '../../server/db/schema';
import { randomCode } from '../../server/domain/auth';
import { PUBLIC_LIMITS } from '../../server/publicLimits';
import { PEOPLE } from './fixtures/smallCounty';
import { apiClient, outcome, startCountyServer, TEST_NOW, type Api, type CountyServer } from '../support/countyServer';
import { assign, fixAndVerify, publicCall, REPORT, uploadPublicPhoto } from '../support/publicReports';
import { CODE_ALPHABET } from '../../shared/codes';
import { isTrackingCode, TRACKING_CODE_LENGTH } from '../../shared/publicReport';
import { normaliseCode } from '../../shared/codes';

const JPEG = (tag: string) => new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(tag)]));
type Follow = { stage: string; stageName: string; rejectReason: string | null; canAnswer: boolean; photos: { before: string[]; after: string[] } | null; answer: { answerName: string } | null };

let county: CountyServer;
let command: Api;
beforeAll(async () => {
  county = await startCountyServer({ trustProxy: 'loopback' });
  command = apiClient(county.url, county.tokenFor(PEOPLE.command.id));
});
afterAll(() => county.close());

const follow = (code: string, from?: string) => publicCall<Follow>(county.url, 'follow', { code }, from);

describe('a report from the public, followed to the end', () => {
  let code: string;
  let photoId: string;
  let reportId: string;
  let issueId: string;

  it('a photo and a report give a tracking code that follows a 待受理 report', async () => {
    const upload = await uploadPublicPhoto(county.url, JPEG('scene'));
    expect(upload.status).toBe(201);
    photoId = upload.id!;
    const sent = await publicCall<{ code: string }>(county.url, 'submit', { ...REPORT, photoIds: [photoId] });
    expect(sent.status).toBe(200);
    code = sent.data!.code;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const seen = await follow(code.toLowerCase().replace(/-/g, ' '));
    expect(seen.data).toMatchObject({ stage: 'pending', stageName: '待受理', canAnswer: false, photos: null });
    expect(JSON.stringify(seen.data)).not.toContain('139');
    // Nothing entered the ledger, and the photo is not public before the command center says so.
    expect(county.db.select().from(issues).where(eq(issues.source, 'public')).all()).toHaveLength(0);
    expect((await fetch(`${county.url}/report/photos/${photoId}`)).status).toBe(404);
  });

  it('the command center sees it in 待受理 with the contact, and accepts it as an issue with source public', async () => {
    const queue = await command.intake.queue.query();
    const pending = queue.pending.find((r) => r.place === REPORT.place)!;
    expect(pending).toMatchObject({ reporterName: '王女士', reporterPhone: '139 0000 5678', zoneName: '1号人民广场片区', photoIds: [photoId] });
    expect(JSON.stringify(queue)).not.toContain('codeHash');
    reportId = pending.id;
    ({ issueId } = await command.intake.accept.mutate({
      reportId, category: 'sanitation', zoneId: 'z1', unitId: 'u-a', gridCellId: 'g-a1', place: REPORT.place, description: REPORT.description, publishPhotos: true,
    }));
    const issue = county.db.select().from(issues).where(eq(issues.id, issueId)).get()!;
    expect(issue).toMatchObject({ source: 'public', state: 'reported', unitId: 'u-a', photoIds: [photoId] });
    expect((await follow(code)).data).toMatchObject({ stageName: '已受理', photos: { before: [photoId], after: [] } });
    expect((await fetch(`${county.url}/report/photos/${photoId}`)).status).toBe(200);
    expect(await outcome(command.intake.accept.mutate({ reportId, category: 'sanitation', zoneId: 'z1', unitId: 'u-a', gridCellId: null, place: 'x', description: 'x', publishPhotos: false }))).toBe(409);
    // The issue's detail shows the command center who reported it.
    expect(await command.supervision.issue.query({ issueId })).toMatchObject({ contact: { name: '王女士', phone: '139 0000 5678' } });
  });

  it('交办, 整改 and 回头看 show on the follow page, with the after photo', async () => {
    assign(county.db, issueId, 'u-a', TEST_NOW + 1000);
    expect((await follow(code)).data!.stageName).toBe('已交办');
    const after = (await uploadPublicPhoto(county.url, JPEG('after'))).id!;
    givePhoto(county.db, after, PEOPLE.staffA.id); // the unit's staff took the after photo (an event cites only photos its sender holds)
    fixAndVerify(county.db, issueId, 'u-a', TEST_NOW + 2000, true, [after]);
    const seen = (await follow(code)).data!;
    expect(seen).toMatchObject({ stageName: '已核查', canAnswer: true, photos: { before: [photoId], after: [after] } });
    expect((await fetch(`${county.url}/report/photos/${after}`)).status).toBe(200);
  });

  it('不满意 needs a reason, is taken once, and lands in the command center’s review queue', async () => {
    const noReason = await publicCall(county.url, 'answer', { code, answer: 'dissatisfied', comment: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.message).toContain('选择不满意时请写明原因');
    const answered = await publicCall<Follow>(county.url, 'answer', { code, answer: 'dissatisfied', comment: '垃圾桶旁边还是脏' });
    expect(answered.data).toMatchObject({ canAnswer: false, answer: { answerName: '不满意' } });
    const again = await publicCall(county.url, 'answer', { code, answer: 'satisfied', comment: '' });
    expect(again.status).toBe(409);
    const { toReview } = await command.intake.queue.query();
    expect(toReview).toHaveLength(1);
    expect(toReview[0]).toMatchObject({ comment: '垃圾桶旁边还是脏', issue: { id: issueId, unitName: '县教育局' } });
  });

  it('reviewing the 不满意 files it again for the same unit, and the report follows the new issue', async () => {
    const { toReview } = await command.intake.queue.query();
    const { reissuedIssueId } = await command.intake.review.mutate({ answerId: toReview[0].answerId, outcome: 'reissued', note: '安排重新清理' });
    const reissued = county.db.select().from(issues).where(eq(issues.id, reissuedIssueId!)).get()!;
    expect(reissued).toMatchObject({ source: 'public', state: 'reported', unitId: 'u-a', category: 'sanitation' });
    expect(reissued.description).toContain('垃圾桶旁边还是脏');
    expect((await follow(code)).data!.stageName).toBe('已受理');
    expect((await command.intake.queue.query()).toReview).toHaveLength(0);
    expect(await outcome(command.intake.review.mutate({ answerId: toReview[0].answerId, outcome: 'upheld', note: '重复' }))).toBe(409);
  });

  it('the reporter’s name and phone are in no pulled event and no export, for anyone', async () => {
    for (const person of Object.values(PEOPLE)) {
      const api = apiClient(county.url, county.tokenFor(person.id));
      const pulled = JSON.stringify(await api.sync.pull.query({ after: 0, limit: 1000 }));
      expect(pulled, person.role).not.toContain('139 0000 5678');
      expect(pulled, person.role).not.toContain('王女士');
    }
    const csv = JSON.stringify(await command.export.csv.query({ from: '2026-11-23', to: '2026-11-30', scope: 'county' }));
    expect(csv).not.toContain('139 0000 5678');
  });
});

describe('rejection, the honeypot and phone follow-ups', () => {
  it('不予受理 sends its reason to the follow page, and the report never becomes an issue', async () => {
    const { data } = await publicCall<{ code: string }>(county.url, 'submit', { ...REPORT, place: '城外高速路口', phone: '' }, '203.0.113.20');
    const report = (await command.intake.queue.query()).pending.find((r) => r.place === '城外高速路口')!;
    expect(report.reporterPhone).toBeNull();
    await command.intake.reject.mutate({ reportId: report.id, reason: '不在县城建成区范围内，已转交通部门' });
    expect((await follow(data!.code, '203.0.113.20')).data).toMatchObject({ stageName: '不予受理', rejectReason: '不在县城建成区范围内，已转交通部门', canAnswer: false });
    expect(county.db.select().from(issues).where(eq(issues.place, '城外高速路口')).all()).toHaveLength(0);
  });

  it('a filled honeypot gets a code like any other, and nothing is stored', async () => {
    const before = county.db.select().from(publicReports).all().length;
    const { status, data } = await publicCall<{ code: string }>(county.url, 'submit', { ...REPORT, website: 'http://spam.example' }, '203.0.113.21');
    expect(status).toBe(200);
    expect(data!.code).toMatch(/^[A-Z2-9]{4}-/);
    expect(county.db.select().from(publicReports).all()).toHaveLength(before);
    expect((await follow(data!.code, '203.0.113.21')).status).toBe(404);
  });

  it('回访 records an answer taken by phone, only for a verified public or complaint issue', async () => {
    const { data } = await publicCall<{ code: string }>(county.url, 'submit', { ...REPORT, place: '农贸市场北门' }, '203.0.113.22');
    const report = (await command.intake.queue.query()).pending.find((r) => r.place === '农贸市场北门')!;
    const { issueId } = await command.intake.accept.mutate({ reportId: report.id, category: 'sanitation', zoneId: 'z2', unitId: 'u-b', gridCellId: null, place: report.place, description: report.description, publishPhotos: false });
    expect(await outcome(command.intake.followUpCall.mutate({ issueId, answer: 'satisfied', comment: '' }))).toBe(409);
    assign(county.db, issueId, 'u-b', TEST_NOW + 5000);
    fixAndVerify(county.db, issueId, 'u-b', TEST_NOW + 6000);
    expect((await command.intake.queue.query()).toCall.map((i) => i.id)).toContain(issueId);
    await command.intake.followUpCall.mutate({ issueId, answer: 'basically', comment: '电话回访，基本满意' });
    const stored = county.db.select().from(satisfactionAnswers).where(eq(satisfactionAnswers.issueId, issueId)).all();
    expect(stored).toMatchObject([{ answer: 'basically', via: 'phone', recordedBy: PEOPLE.command.id }]);
    expect((await command.intake.queue.query()).toCall.map((i) => i.id)).not.toContain(issueId);
    // The phone answer does not stop the reporter's own; photos stay private unless published.
    expect((await follow(data!.code, '203.0.113.22')).data).toMatchObject({ canAnswer: true, photos: null });
  });
});

describe('tracking codes', () => {
  it('are 12 characters of 31, all different over many draws, and every character turns up', () => {
    const codes = Array.from({ length: 5000 }, () => randomCode(TRACKING_CODE_LENGTH));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every(isTrackingCode)).toBe(true);
    expect(new Set(codes.join('')).size).toBe(CODE_ALPHABET.length);
    expect(isTrackingCode(normaliseCode('abcd-efgh-jkmn'))).toBe(true);
    expect(isTrackingCode(normaliseCode('ABCD-EFGH-JKM0'))).toBe(false);
  });
});

describe('limits per address and per phone', () => {
  it('a flood of reports from one address is refused while another address still gets through', async () => {
    const flood = [];
    for (let i = 0; i < PUBLIC_LIMITS.reportsPerAddressPerHour + 5; i++) {
      flood.push(await publicCall(county.url, 'submit', { ...REPORT, phone: '', place: `洪水${i}` }, '198.51.100.7'));
    }
    expect(flood.slice(0, PUBLIC_LIMITS.reportsPerAddressPerHour).every((a) => a.status === 200)).toBe(true);
    const refused = flood.slice(PUBLIC_LIMITS.reportsPerAddressPerHour);
    expect(refused.every((a) => a.status === 429 && a.message!.includes('提交过于频繁'))).toBe(true);
    expect((await publicCall(county.url, 'submit', { ...REPORT, phone: '', place: '另一个地址' }, '198.51.100.8')).status).toBe(200);
    const stored = county.db.select().from(publicReports).all().filter((r) => r.place.startsWith('洪水'));
    expect(stored).toHaveLength(PUBLIC_LIMITS.reportsPerAddressPerHour);
    // An hour later the address may report again.
    county.clock.advance(60 * 60_000);
    expect((await publicCall(county.url, 'submit', { ...REPORT, phone: '', place: '一小时后' }, '198.51.100.7')).status).toBe(200);
  });

  it('one phone number from many addresses is limited too', async () => {
    const answers = [];
    for (let i = 0; i < PUBLIC_LIMITS.reportsPerPhonePerDay + 2; i++) {
      answers.push((await publicCall(county.url, 'submit', { ...REPORT, phone: '13711112222', place: `同一电话${i}` }, `192.0.2.${i + 1}`)).status);
    }
    expect(answers.filter((s) => s === 200)).toHaveLength(PUBLIC_LIMITS.reportsPerPhonePerDay);
    expect(answers.slice(-2)).toEqual([429, 429]);
  });

  it('guessing codes is cut off after a handful of lookups, and photo uploads are limited', async () => {
    const statuses = [];
    for (let i = 0; i < PUBLIC_LIMITS.lookupsPerAddressPer10Minutes + 3; i++) statuses.push((await follow(randomCode(TRACKING_CODE_LENGTH), '198.51.100.9')).status);
    expect(statuses.slice(0, PUBLIC_LIMITS.lookupsPerAddressPer10Minutes).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    const uploads = [];
    for (let i = 0; i < PUBLIC_LIMITS.photosPerAddressPerHour + 1; i++) uploads.push((await uploadPublicPhoto(county.url, JPEG(`flood${i}`), '198.51.100.10')).status);
    expect(uploads.at(-1)).toBe(429);
    expect((await uploadPublicPhoto(county.url, JPEG('other address'), '198.51.100.11')).status).toBe(201);
  });

  it('refuses what is not a photo, or too big, in Chinese', async () => {
    const notImage = await uploadPublicPhoto(county.url, new Uint8Array(Buffer.from('<svg onload=alert(1)>')), '198.51.100.12');
    expect(notImage).toMatchObject({ status: 415, message: '只能上传 JPEG、PNG 或 WebP 格式的照片' });
    const big = await uploadPublicPhoto(county.url, new Uint8Array(Buffer.concat([Buffer.from(JPEG('x')), Buffer.alloc(1024 * 1024)])), '198.51.100.12');
    expect(big.status).toBe(413);
    expect(big.message).toContain('照片不能超过');
  });
});

describe('the page', () => {
  it('is served with a strict CSP, no inline script, and its script and style from this origin, small', async () => {
    const res = await fetch(`${county.url}/report`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    const html = await res.text();
    expect(html).toContain('1号人民广场片区');
    expect(html).toContain('病媒生物防治');
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.every(([, attrs, body]) => attrs.includes('src=') || attrs.includes('application/json') || !body.trim())).toBe(true);
    expect(html).not.toMatch(/https?:\/\//);
    let gzipped = 0;
    for (const [, path] of html.matchAll(/(?:src|href)="(\/report\/app\.[0-9a-f]+\.(?:js|css))"/g)) {
      const asset = await fetch(`${county.url}${path}`);
      expect(asset.status).toBe(200);
      const body = Buffer.from(await asset.arrayBuffer());
      expect(body.toString()).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
      gzipped += gzipSync(body).length;
    }
    expect(gzipped).toBeGreaterThan(1000);
    expect(gzipped).toBeLessThanOrEqual(30 * 1024);
  });
});
