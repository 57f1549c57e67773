/*
 * The supervision loop closed, in real Chromium with the built extension, across three browser profiles:
 * an inspector (inspect page), the lead unit's head (dashboard) and the unit's staff (side panel).
 *   1. The inspector plans a 随机式 round (the page draws the zones), and records it with a finding and its photo
 *      while the server is down; the page is closed; when the server is back the round and finding arrive.
 *   2. The lead-unit head finds the finding in 待交办, sees its photo (fetched by id: it was never in that
 *      browser) and 交办s it.
 *   3. The staff see it in the panel with the inspector's photo, and fix it with an after-photo while the
 *      server is down; the fix arrives when it is back.
 *   4. The 回头看 is not due at the fix; a week later (the server's clock moved on) it is, and the inspector
 *      sees before and after and closes the issue.
 *   5. The head nudges the unit; the nudge stays in the panel until acknowledged, and the head sees it was read.
 * The server runs in this process (createApp on a real port, the small county in a SQLite file) so the test can
 * stop it, start it again on the same port, and move its clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { createApp } from '../../server/app';
import { silentLog } from '../../server/log';
import type { Db } from '../../server/db/open';
import { events, inspections, issues, nudges } from '../../server/db/schema';
import { issueEnrolCode } from '../../server/domain/auth';
import { saveTeam } from '../../server/domain/supervision/teams';
import { DAY } from '../../shared/calendar';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { freePort } from '../support/childServer';
import { listen } from '../support/countyServer';
import { enrol, launchExtension, removeDir, screenshot, solidPng, type LaunchedExtension } from './harness';

const TEAM_ID = '01936b2e-0000-7000-8000-000000000001';
let db: Db;
let dir: string;
let port: number;
let url: string;
let http: Server | null = null;
/** The server's clock: the real time plus an offset the test moves ("a week later"). */
const clock = { offset: 0, now: () => Date.now() + clock.offset };
const app = () => createApp({ db, clock, log: silentLog, dataDir: dir });
let built: ReturnType<typeof app>;
const browsers: LaunchedExtension[] = [];

async function serverUp() {
  http = built.listen(port, '127.0.0.1');
  await listen(http);
}
async function serverDown() {
  const s = http!;
  http = null;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
}

/** A browser profile of its own for a person, enrolled through the real options page. */
async function browserFor(personId: string): Promise<LaunchedExtension> {
  const browser = await launchExtension();
  browsers.push(browser);
  const options = await browser.openPage('options.html');
  await enrol(options, url, issueEnrolCode(db, personId, clock.now()));
  await options.close();
  return browser;
}

const issueRow = (id: string) => db.select().from(issues).where(eq(issues.id, id)).get();

/** How many of the images under a test id have loaded (decoded, not broken). */
async function loadedImages(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).locator('img').evaluateAll((all) => all.filter((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0).length);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pqt-e2e-loop-'));
  db = smallCounty(join(dir, 'county.sqlite'));
  saveTeam(
    db,
    {
      id: TEAM_ID,
      name: '第一督查组',
      members: [
        { name: '刘洋', office: '县爱卫办', role: 'leader' },
        { name: '周敏', office: '县创卫指挥部', role: 'liaison' },
        { name: '吴磊', office: '县城管局', role: 'member' },
      ],
    },
    clock.now(),
  );
  built = app();
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  await serverUp();
});
afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  if (http) await serverDown();
  db?.$client.close();
  for (const b of browsers) removeDir(b.profileDir);
  if (dir) removeDir(dir);
});

describe('the supervision loop across three browsers', () => {
  let inspector: LaunchedExtension;
  let head: LaunchedExtension;
  let staff: LaunchedExtension;
  let issueId: string;

  it('an inspector draws a random round and records it with a finding and photo offline; it lands when the server is back', async () => {
    inspector = await browserFor(PEOPLE.inspector.id);
    const page = await inspector.openPage('inspect.html');
    await page.getByTestId('zone-z1').waitFor({ timeout: 15_000 });
    await serverDown();

    await page.getByTestId('round-team').selectOption(TEAM_ID);
    await page.getByTestId('kind-random').check();
    // Two zones in the small county, three drawn by default: both are proposed, and ticked.
    await expect.poll(() => page.getByTestId('proposal').textContent()).toContain('1号人民广场片区');
    expect(await page.getByTestId('zone-z1').locator('input[type=checkbox]').isChecked()).toBe(true);
    await page.getByTestId('start-round').click();
    await page.getByTestId('add-finding').click();
    const finding = page.locator('fieldset.finding').first();
    await finding.locator('input[data-testid$="-unit-search"]').fill('教育');
    await finding.locator('select[data-testid$="-unit"]').selectOption('u-a');
    await finding.locator('input[data-testid$="-place"]').fill('人民路东段公交站旁');
    await finding.locator('textarea[data-testid$="-description"]').fill('垃圾桶满溢，周边散落生活垃圾');
    await finding.locator('input[data-testid$="-photo"]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: solidPng(64, 48, [200, 60, 40]) });
    await expect.poll(() => finding.locator('img').count()).toBe(1);
    await page.getByTestId('round-summary').fill('随机督查两个片区，发现1处问题');
    await page.getByTestId('round-submit').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('督查记录已保存，发现问题1个，待交办；联网时自动上传');
    await expect.poll(() => page.getByTestId('sync-status').textContent(), { timeout: 15_000 }).toMatch(/2 条/);
    await screenshot(page, 'loop-1-round-offline');
    await page.close();
    expect(db.select().from(inspections).all()).toHaveLength(0);

    // Opened again with the server still down: the lists read last time are there, and the page says when from.
    const offline = await inspector.openPage('inspect.html');
    await offline.getByTestId('zone-z1').waitFor({ timeout: 15_000 });
    await expect.poll(() => offline.getByTestId('kept-note').textContent(), { timeout: 15_000 }).toMatch(/^暂时连不上服务器，以下名单是\d+月\d+日 \d{2}:\d{2}读取的；记录照常保存，联网后自动上传$/);
    expect(await offline.getByTestId('page-error').count()).toBe(0);
    await screenshot(offline, 'loop-1b-inspect-reopened-offline');
    await offline.close();

    await serverUp();
    // Opening the page again asks the background to sync.
    const again = await inspector.openPage('inspect.html');
    await expect.poll(() => db.select().from(issues).all().length, { timeout: 30_000 }).toBe(1);
    const round = db.select().from(inspections).get()!;
    expect([round.kind, round.teamId, typeof round.drawSeed, round.zoneIds.includes('z1')]).toEqual(['random', TEAM_ID, 'number', true]);
    const stored = db.select().from(issues).get()!;
    issueId = stored.id;
    expect([stored.state, stored.unitId, stored.source, stored.inspectionId, stored.photoIds.length]).toEqual(['reported', 'u-a', 'inspection', round.id, 1]);
    await again.close();
  });

  it('the lead unit’s head sees the finding and its photo in 待交办 and 交办s it', async () => {
    head = await browserFor(PEOPLE.deptHead.id);
    const page = await head.openPage('dashboard.html');
    await page.getByTestId('tab-queue').click();
    const item = page.getByTestId(`queue-${issueId}`);
    await item.waitFor({ timeout: 30_000 });
    await expect.poll(() => loadedImages(page, `queue-photos-${issueId}`), { timeout: 15_000 }).toBe(1);
    await screenshot(page, 'loop-2-queue');
    await page.getByTestId(`assign-${issueId}`).click();
    await expect.poll(() => page.getByTestId('assign-notice').textContent()).toBe('已交办给县教育局');
    await expect.poll(() => issueRow(issueId)?.state, { timeout: 30_000 }).toBe('assigned');
  });

  it('the unit’s staff see the inspector’s photo and fix it offline with an after-photo', async () => {
    staff = await browserFor(PEOPLE.staffA.id);
    const page = await staff.openPage('sidepanel.html');
    await page.getByTestId(`issue-${issueId}`).waitFor({ timeout: 30_000 });
    await expect.poll(() => loadedImages(page, `photos-${issueId}`), { timeout: 15_000 }).toBe(1);

    await serverDown();
    await page.getByTestId(`rectify-${issueId}`).click();
    await page.getByTestId('rectify-photo').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: solidPng(64, 48, [40, 160, 80]) });
    await page.getByTestId('rectify-note').fill('已清运垃圾并清洗桶身');
    await page.getByTestId('rectify-submit').click();
    await expect.poll(() => page.getByTestId(`issue-${issueId}`).textContent()).toContain('已整改');
    await screenshot(page, 'loop-3-rectified-offline');
    // The page closes; the fix waits in the outbox.
    await page.close();
    expect(issueRow(issueId)!.state).toBe('assigned');

    await serverUp();
    const again = await staff.openPage('sidepanel.html');
    await expect.poll(() => issueRow(issueId)?.state, { timeout: 30_000 }).toBe('rectified');
    expect(issueRow(issueId)!.afterPhotoIds).toHaveLength(1);
    await again.close();
  });

  it('the 回头看 is not due at the fix; a week later it is, and the inspector closes the issue', async () => {
    const page = await inspector.openPage('inspect.html');
    await page.getByTestId('tab-rechecks').click();
    const row = page.getByTestId(`recheck-${issueId}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).not.toContain('已到期');
    await page.close();

    clock.offset = 7 * DAY + 60 * 60_000;
    const later = await inspector.openPage('inspect.html');
    await later.getByTestId('tab-rechecks').click();
    await later.getByTestId('recheck-due').selectOption('due');
    await expect.poll(() => later.getByTestId(`recheck-${issueId}`).textContent(), { timeout: 15_000 }).toContain('已到期');
    await later.getByTestId(`recheck-${issueId}`).getByRole('button', { name: '核查' }).click();
    await expect.poll(() => loadedImages(later, 'photos-before'), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => loadedImages(later, 'photos-after'), { timeout: 15_000 }).toBe(1);
    await screenshot(later, 'loop-4-recheck');
    await later.getByTestId('verify-pass').check();
    await later.getByTestId('verify-note').fill('回头看：已整改到位');
    await later.getByTestId('verify-submit').click();
    await expect.poll(() => later.getByTestId('notice').textContent()).toBe('已核查通过，问题闭环');
    await expect.poll(() => issueRow(issueId)?.state, { timeout: 30_000 }).toBe('verified');
  });

  it('a nudge stays in the panel until acknowledged, and the head sees when it was read', async () => {
    // 18:00 in Shanghai (10:00 UTC) on the server's next day: the unit's 17:00 垃圾桶清理 is then overdue and
    // untouched, so there is something to chase now (the dashboard offers 催办 only then).
    const evening = new Date(clock.now());
    evening.setUTCHours(10, 0, 0, 0);
    if (evening.getTime() <= clock.now()) evening.setUTCDate(evening.getUTCDate() + 1);
    clock.offset = evening.getTime() - Date.now();
    const dash = await head.openPage('dashboard.html');
    const nudge = dash.getByTestId('nudge-u-a');
    await nudge.waitFor({ timeout: 30_000 });
    await nudge.click();
    await expect.poll(() => dash.getByTestId('nudged-u-a').textContent()).toBe('已催办');
    const sent = () => db.select().from(nudges).where(eq(nudges.unitId, 'u-a')).get();
    // The message names what is outstanding now, not a month's totals.
    await expect.poll(() => sent()?.message, { timeout: 30_000 }).toMatch(/^牵头单位负责人赵敏催办：县教育局今天有\d+项未按时完成/);
    const nudgeId = sent()!.id;

    const panel = await staff.openPage('sidepanel.html');
    const notice = panel.getByTestId(`nudge-${nudgeId}`);
    await notice.waitFor({ timeout: 30_000 });
    await panel.reload();
    await notice.waitFor({ timeout: 15_000 }); // still there after a reload: it stays until acknowledged
    await screenshot(panel, 'loop-5-nudge');
    await panel.getByTestId(`nudge-ack-${nudgeId}`).click();
    await expect.poll(() => notice.count()).toBe(0);
    await expect.poll(() => sent()?.readAt ?? null, { timeout: 30_000 }).not.toBeNull();
    expect(db.select().from(events).where(eq(events.kind, 'nudge.acknowledged')).all()).toHaveLength(1);

    await dash.reload();
    await expect.poll(() => dash.getByTestId(`nudge-read-${nudgeId}`).textContent(), { timeout: 30_000 }).toMatch(/^已读/);
    await screenshot(dash, 'loop-6-nudge-read');
  });
});
