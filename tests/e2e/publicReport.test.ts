/*
 * The public complaint platform end to end, in real Chromium at a phone's size (390×844, touch, a chat app's
 * browser string) against the real server (a child process on the small county, behind a trusted proxy so each
 * browser can speak from its own address): a report with a photo, followed by its code; the command center
 * accepts it on the dashboard's 待受理 tab and 交办s it; the unit fixes it in the side panel; the inspector's
 * 回头看 passes it; the reporter sees the after photo and answers 不满意, which reappears in the command center's
 * queue. Then a rejected report, and a flood from one address refused while another address gets through.
 * Every public screen is saved to test-output/public-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { issues, photos, publicReports, satisfactionAnswers } from '../../server/db/schema';
import type { Db } from '../../server/db/open';
import { PUBLIC_LIMITS } from '../../server/publicLimits';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { CHROMIUM_PATH } from '../support/chromium';
import { apiClient } from '../support/countyServer';
import { dbFileOf, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, solidPng, startServer, type LaunchedExtension, type StartedServer } from './harness';

/** WeChat's built-in browser on an Android phone, as the page will mostly meet it. */
const CHAT_APP_UA =
  'Mozilla/5.0 (Linux; Android 13; V2154A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

let server: StartedServer;
let db: Db;
let phoneBrowser: Browser;
const extensions: LaunchedExtension[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-public-'));
  smallCounty(dbFileOf(dataDir)).$client.close();
  server = await startServer({ dataDir, env: { TRUST_PROXY: 'loopback' } });
  db = openServerDb(dataDir);
  phoneBrowser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'] });
});
afterAll(async () => {
  await phoneBrowser?.close().catch(() => undefined);
  for (const b of extensions) await b.close().catch(() => undefined);
  db?.$client.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
  for (const b of extensions) removeDir(b.profileDir);
});

/** A phone's browser speaking from `address` (the proxy's X-Forwarded-For). */
function phone(address: string): Promise<BrowserContext> {
  return phoneBrowser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent: CHAT_APP_UA,
    extraHTTPHeaders: { 'x-forwarded-for': address },
  });
}

async function personAt(personId: string, path: string): Promise<Page> {
  const browser = await launchExtension();
  extensions.push(browser);
  const options = await browser.openPage('options.html');
  await enrol(options, server.url, issueCode(server.dataDir, personId));
  await options.close();
  return browser.openPage(path);
}

async function fillReport(page: Page, place: string, description: string) {
  await page.getByTestId('category').selectOption('sanitation');
  await page.getByTestId('zone').selectOption({ label: '1号人民广场片区' });
  await page.getByTestId('place').fill(place);
  await page.getByTestId('description').fill(description);
}

async function loadedImages(page: Page, testId: string): Promise<number> {
  const imgs = page.getByTestId(testId).locator('img');
  await expect.poll(async () => imgs.evaluateAll((all) => all.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), { timeout: 10_000 }).toBeGreaterThan(0);
  return imgs.count();
}

const reportRow = (place: string) => db.select().from(publicReports).where(eq(publicReports.place, place)).get()!;
const PLACE = '人民路东段公交站旁';

describe('a report from a phone, through the whole loop', () => {
  let reporter: Page;
  let code: string;
  let command: Page;
  let issueId: string;

  it('the reporter sends a problem with a photo and gets a tracking code', async () => {
    reporter = await (await phone('203.0.113.10')).newPage();
    const consoleErrors: string[] = [];
    reporter.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    await reporter.goto(`${server.url}/report`);
    expect(await reporter.title()).toBe('问题建议与投诉平台');
    await screenshot(reporter, 'public-1-form');
    await fillReport(reporter, PLACE, '垃圾桶满溢，周边散落生活垃圾，气味很大');
    await reporter.getByTestId('photos').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: solidPng(1600, 1200, [200, 60, 40]) });
    await reporter.getByTestId('name').fill('王女士');
    await reporter.getByTestId('phone').fill('139 0000 5678');
    await expect.poll(() => reporter.locator('#previews img').count()).toBe(1);
    await screenshot(reporter, 'public-2-form-filled');
    await reporter.getByTestId('submit').tap();
    await reporter.getByTestId('done').waitFor({ state: 'visible', timeout: 15_000 });
    code = (await reporter.getByTestId('code').textContent())!;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await screenshot(reporter, 'public-3-code');
    // Stored as a report, not an issue; the photo shrunk in the browser to a JPEG of at most 1280 px.
    const stored = reportRow(PLACE);
    expect([stored.state, stored.reporterPhone, stored.photoIds.length]).toEqual(['pending', '139 0000 5678', 1]);
    expect(db.select().from(issues).all()).toHaveLength(0);
    expect(db.select().from(photos).where(eq(photos.id, stored.photoIds[0])).get()!.mime).toBe('image/jpeg');
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
  });

  it('the code leads to the follow page: 待受理', async () => {
    await reporter.getByTestId('follow-link').tap();
    await expect.poll(() => reporter.getByTestId('stage').textContent(), { timeout: 10_000 }).toBe('办理进度：待受理');
    expect(reporter.url()).toBe(`${server.url}/report#${code}`);
    await screenshot(reporter, 'public-4-follow-pending');
  });

  it('the command center sees it in 待受理 with the photo and the contact, and accepts it', async () => {
    command = await personAt(PEOPLE.command.id, 'dashboard.html');
    await command.getByTestId('tab-intake').click();
    const card = command.getByTestId(`report-${reportRow(PLACE).id}`);
    await card.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await card.getByTestId('reporter').textContent()).toBe('反映人：王女士，电话：139 0000 5678');
    expect(await loadedImages(command, 'report-photos')).toBe(1);
    await card.getByTestId('accept-unit').selectOption('u-a');
    await screenshot(command, 'public-intake-dashboard');
    await card.getByTestId('accept').click();
    await expect.poll(() => command.getByTestId('intake-notice').textContent()).toContain('已受理');
    const issue = db.select().from(issues).get()!;
    expect([issue.source, issue.state, issue.unitId, issue.place]).toEqual(['public', 'reported', 'u-a', PLACE]);
    issueId = issue.id;
  });

  it('交办 to 县教育局 (through the server, as the 待交办 screen would), and the follow page says so', async () => {
    const token = (await apiClient(server.url).auth.enrol.mutate({ code: issueCode(server.dataDir, PEOPLE.command.id), deviceName: '指挥部电脑' })).token;
    await apiClient(server.url, token).sync.push.mutate({ events: [{ id: uuidv7(), unitId: 'u-a', clientTime: Date.now(), kind: 'issue.assigned', payload: { issueId, unitId: 'u-a' } }] });
    await reporter.reload();
    await expect.poll(() => reporter.getByTestId('stage').textContent(), { timeout: 10_000 }).toBe('办理进度：已交办');
    expect(await loadedImages(reporter, 'before')).toBe(1);
  });

  it('the unit fixes it with an after photo, and the inspector’s 回头看 passes it', async () => {
    const staff = await personAt(PEOPLE.staffA.id, 'sidepanel.html');
    await staff.getByTestId(`issue-${issueId}`).waitFor({ state: 'visible', timeout: 20_000 });
    await staff.getByTestId(`rectify-${issueId}`).click();
    await staff.getByTestId('rectify-photo').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: solidPng(64, 48, [40, 160, 80]) });
    await staff.getByTestId('rectify-note').fill('已清运垃圾并清洗桶身');
    await staff.getByTestId('rectify-submit').click();
    await expect.poll(() => db.select().from(issues).where(eq(issues.id, issueId)).get()!.state, { timeout: 20_000 }).toBe('rectified');

    const inspector = await personAt(PEOPLE.inspector.id, 'inspect.html');
    await inspector.getByTestId('tab-rechecks').click();
    await inspector.getByTestId(`recheck-${issueId}`).getByRole('button', { name: '核查' }).click();
    await inspector.getByTestId('verify-pass').check();
    await inspector.getByTestId('verify-note').fill('回头看：已整改到位');
    await inspector.getByTestId('verify-submit').click();
    await expect.poll(() => inspector.getByTestId('notice').textContent()).toBe('已核查通过，问题闭环');
  });

  it('the reporter sees the after photo and answers 不满意, with a reason', async () => {
    await reporter.reload();
    await expect.poll(() => reporter.getByTestId('stage').textContent(), { timeout: 10_000 }).toBe('办理进度：已核查');
    expect(await loadedImages(reporter, 'after')).toBe(1);
    expect(await reporter.getByTestId('steps').locator('li').allTextContents()).toEqual([
      expect.stringMatching(/^待受理/), expect.stringMatching(/^已受理/), expect.stringMatching(/^已交办/), expect.stringMatching(/^已整改/), expect.stringMatching(/^已核查/),
    ]);
    await screenshot(reporter, 'public-5-verified-with-photos');
    await reporter.getByTestId('answer-dissatisfied').tap();
    await reporter.getByTestId('answer-submit').tap();
    await expect.poll(() => reporter.getByTestId('error').textContent()).toBe('选择不满意时请写明原因');
    await screenshot(reporter, 'public-6-answer-needs-reason');
    await reporter.getByTestId('answer-comment').fill('垃圾桶旁边还是有污水，没有冲洗干净');
    await reporter.getByTestId('answer-submit').tap();
    await expect.poll(() => reporter.getByTestId('answered').textContent()).toContain('您的评价：不满意');
    expect(await reporter.getByTestId('satisfaction').isHidden()).toBe(true);
    await screenshot(reporter, 'public-7-answered');
    expect(db.select().from(satisfactionAnswers).get()).toMatchObject({ issueId, answer: 'dissatisfied', via: 'public' });
  });

  it('the 不满意 reappears in the command center’s queue', async () => {
    await command.reload();
    await command.getByTestId('tab-intake').click();
    const review = command.getByTestId(`review-${issueId}`);
    await review.waitFor({ state: 'visible', timeout: 15_000 });
    expect(await review.textContent()).toContain('垃圾桶旁边还是有污水');
    await screenshot(command, 'public-intake-review');
  });
});

describe('a rejected report, and abuse', () => {
  it('不予受理 shows its reason on the follow page', async () => {
    const page = await (await phone('203.0.113.11')).newPage();
    await page.goto(`${server.url}/report`);
    await fillReport(page, '城外高速路口', '高速路口有人乱扔垃圾');
    await page.getByTestId('submit').tap();
    await page.getByTestId('done').waitFor({ state: 'visible', timeout: 15_000 });
    const code = (await page.getByTestId('code').textContent())!;
    const token = (await apiClient(server.url).auth.enrol.mutate({ code: issueCode(server.dataDir, PEOPLE.command.id), deviceName: '指挥部电脑2' })).token;
    await apiClient(server.url, token).intake.reject.mutate({ reportId: reportRow('城外高速路口').id, reason: '不在县城建成区范围内，已转交通运输局' });
    await page.goto(`${server.url}/report#follow`);
    await page.getByTestId('lookup-code').fill(code.toLowerCase());
    await page.getByTestId('lookup').tap();
    await expect.poll(() => page.getByTestId('stage').textContent(), { timeout: 10_000 }).toBe('办理进度：不予受理');
    expect(await page.getByTestId('reject-reason').textContent()).toBe('不予受理的理由：不在县城建成区范围内，已转交通运输局');
    await screenshot(page, 'public-8-rejected');
  });

  it('a flood from one address is refused in plain words, while another address still gets through', async () => {
    const flooder = await (await phone('198.51.100.66')).newPage();
    await flooder.goto(`${server.url}/report`);
    // A script hammering the endpoint from the page's own origin.
    const statuses = await flooder.evaluate(async (n) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const body = JSON.stringify({ kind: 'problem', category: 'sanitation', zoneId: null, place: `刷屏${i}`, description: '重复提交的内容', photoIds: [] });
        out.push((await fetch('/trpc/publicReport.submit', { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status);
      }
      return out;
    }, PUBLIC_LIMITS.reportsPerAddressPerHour);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await fillReport(flooder, '刷屏之后', '再提交一次试试看');
    await flooder.getByTestId('submit').tap();
    await expect.poll(() => flooder.getByTestId('error').textContent()).toBe('提交过于频繁，请稍后再试；情况紧急请拨打指挥部电话');
    expect(await flooder.getByTestId('done').isHidden()).toBe(true);
    await screenshot(flooder, 'public-9-flood-refused');

    const neighbour = await (await phone('198.51.100.67')).newPage();
    await neighbour.goto(`${server.url}/report`);
    await fillReport(neighbour, '另一个地址', '同一时间另一位群众的反映');
    await neighbour.getByTestId('submit').tap();
    await neighbour.getByTestId('done').waitFor({ state: 'visible', timeout: 15_000 });
    expect(db.select().from(publicReports).all().filter((r) => r.place.startsWith('刷屏'))).toHaveLength(PUBLIC_LIMITS.reportsPerAddressPerHour);
    expect(reportRow('另一个地址').state).toBe('pending');
  });
});
