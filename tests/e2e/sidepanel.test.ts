/*
 * The side panel end to end, in real Chromium with the built extension and the real server as a child process:
 * enrol on the options page; tick three items and see them on the server; stop the server; tick two more and
 * log an issue with a photo while it is down; close the browser and open it again on the same profile; start
 * the server again where it was; everything arrives exactly once, the photo too.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { duties, dutyChecks, events, issues, photos } from '../../server/db/schema';
import { PEOPLE, actor, smallCounty } from '../server/fixtures/smallCounty';
import { uuidv7 } from 'uuidv7';
import { pushEvents } from '../../server/domain/ledger';
import { loadOrg } from '../../server/domain/org';
import { loadCalendar } from '../../server/domain/calendar';
import { COUNTY_WIDE } from '../../shared/schemas/events';
import { dateKeyOf } from '../../shared/calendar';
import { checkLookup, todayView } from '../../extension/lib/today';
import { dueNextCount } from '../../extension/lib/reminders';
import {
  dbFileOf,
  enrol,
  issueCode,
  launchExtension,
  openServerDb,
  removeDir,
  screenshot,
  solidPng,
  startServer,
  type LaunchedExtension,
  type StartedServer,
} from './harness';

// Daily duties due every day (holidays too), so the test ticks real due items whatever day it runs on.
const EVERY_DAY = [
  { id: 'd-e1', category: 'public_facilities', title: '公共座椅擦拭', cadence: 'daily', dueTime: '10:00', workingDaysOnly: false, sortOrder: 10 },
  { id: 'd-e2', category: 'greening', title: '绿化带捡拾垃圾', cadence: 'daily', dueTime: '11:00', workingDaysOnly: false, sortOrder: 11 },
  { id: 'd-e3', category: 'city_appearance', title: '清理乱贴乱画', cadence: 'daily', dueTime: '15:00', workingDaysOnly: false, sortOrder: 12 },
  { id: 'd-e4', category: 'health_education', title: '宣传栏检查', cadence: 'daily', dueTime: '16:00', workingDaysOnly: false, sortOrder: 13 },
] as const;
const ONLINE_TICKS = ['d-bins', 'd-e1', 'd-e2'];
const OFFLINE_TICKS = ['d-e3', 'd-e4'];

let dataDir: string;
let profileDir: string;
let server: StartedServer | null = null;
let browser: LaunchedExtension | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-panel-data-'));
  profileDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-panel-profile-'));
  mkdirSync(dataDir, { recursive: true });
  const db = smallCounty(dbFileOf(dataDir));
  db.insert(duties).values([...EVERY_DAY]).run();
  // Today is a working day whatever day the test runs on (the command center enters it as 班, a make-up day),
  // so the reminders, which never go off on a day off, have something to say.
  const now = Date.now();
  const today = { id: uuidv7(), unitId: COUNTY_WIDE, clientTime: now, kind: 'calendar.day_set', payload: { date: dateKeyOf(now), kind: 'work', name: '' } } as const;
  pushEvents(db, actor(PEOPLE.command), [today], now);
  db.$client.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  removeDir(dataDir);
  removeDir(profileDir);
});

/** What the server holds, read straight from its SQLite file. */
function serverState() {
  const db = openServerDb(dataDir);
  try {
    const stored = db.select().from(events).all();
    return {
      checkEvents: stored.filter((e) => e.kind === 'duty.checked'),
      ids: stored.map((e) => e.id),
      checked: db.select().from(dutyChecks).all().filter((c) => c.checked && c.unitId === 'u-a').map((c) => c.dutyId).sort(),
      issues: db.select().from(issues).all(),
      photoIds: db.select({ id: photos.id }).from(photos).all().map((p) => p.id),
    };
  } finally {
    db.$client.close();
  }
}

async function tick(page: Page, dutyId: string) {
  const box = page.getByTestId(`duty-${dutyId}`).locator('input[type=checkbox]');
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(true);
  await expect.poll(() => page.getByTestId(`duty-${dutyId}`).getByTestId('checked-by').textContent()).toMatch(/^张伟 \d\d:\d\d$/);
}

const statusOf = (page: Page) => page.getByTestId('sync-status').textContent();

describe('the side panel, online, offline and back', () => {
  let panel: Page;

  it('enrols on the options page with a one-time code', async () => {
    server = await startServer({ dataDir });
    browser = await launchExtension(profileDir);
    const options = await browser.openPage('options.html');

    // A wrong code: the server's Chinese message, shown as it is.
    await options.getByTestId('server-url').fill(server.url);
    await options.getByTestId('enrol-code').fill('AAAA-BBBB');
    await options.getByTestId('enrol-submit').click();
    await expect.poll(() => options.getByTestId('enrol-error').textContent()).toBe('登记码不正确，请核对后重新输入');

    const who = await enrol(options, server.url, issueCode(dataDir, PEOPLE.staffA.id));
    expect(who).toContain('张伟');
    expect(who).toContain('县教育局');
    await screenshot(options, 'sidepanel-0-options-enrolled');
    await options.close();
  });

  it('ticks three items and the server has them', async () => {
    panel = await browser!.openPage('sidepanel.html');
    await panel.getByTestId('duty-d-e1').waitFor({ timeout: 15_000 });
    // The list was drawn from the read the page's classic script started while the HTML was parsing
    // (entrypoints/panel-read.ts), not from a second read the modules would start later.
    expect(await panel.evaluate(() => '__pianqutongOpeningRead' in globalThis)).toBe(true);
    for (const id of ONLINE_TICKS) await tick(panel, id);
    await expect.poll(() => statusOf(panel), { timeout: 15_000 }).toMatch(/^已同步/);
    await expect.poll(() => serverState().checked, { timeout: 10_000 }).toEqual([...ONLINE_TICKS].sort());
    expect(await panel.getByTestId('progress').textContent()).toMatch(/^今日保洁 3\/\d+，本周扫除 0\/\d+$/);
    await screenshot(panel, 'sidepanel-1-online');
  });

  it('shows what is left on the toolbar badge, and reminds about undone items', async () => {
    const sw = browser!.serviceWorker;
    // Evaluated inside the extension's worker, where `chrome` exists; typed by hand because the test runs in Node.
    type Chrome = {
      action: { getBadgeText(d: object): Promise<string> };
      alarms: { getAll(): Promise<{ name: string }[]>; create(name: string, info: { when: number }): Promise<void> };
      notifications: { getAll(): Promise<Record<string, boolean>> };
    };
    type WithChrome = { chrome: Chrome };
    // What is due next: items past their due time and still open, and those sharing the next due time, worked out
    // here from the server's own duty list and ticks (the real clock decides which those are).
    const expectedBadge = () => {
      const db = openServerDb(dataDir);
      try {
        const now = Date.now();
        const view = todayView(loadOrg(db).duties, checkLookup(db.select().from(dutyChecks).all()), now, loadCalendar(db));
        return String(dueNextCount(view, now) || '');
      } finally {
        db.$client.close();
      }
    };
    await expect.poll(async () => (await sw.evaluate(() => (globalThis as unknown as WithChrome).chrome.action.getBadgeText({}))) === expectedBadge(), { timeout: 10_000 }).toBe(true);
    const alarms = await sw.evaluate(async () => (await (globalThis as unknown as WithChrome).chrome.alarms.getAll()).map((a) => a.name).sort());
    expect(alarms).toEqual(expect.arrayContaining(['reminder:afternoon', 'reminder:due', 'reminder:morning']));
    // A snoozed afternoon reminder coming due: items are undone, so a notification appears.
    await sw.evaluate(() => (globalThis as unknown as WithChrome).chrome.alarms.create('snooze:afternoon', { when: Date.now() + 500 }));
    await expect.poll(() => sw.evaluate(async () => Object.keys(await (globalThis as unknown as WithChrome).chrome.notifications.getAll())), { timeout: 10_000 }).toContain('reminder:afternoon');
  });

  it('keeps working with the server down: two more ticks and an issue with a photo, saved locally', async () => {
    await server!.stop();
    for (const id of OFFLINE_TICKS) await tick(panel, id);

    await panel.getByTestId('issue-category').selectOption('sanitation');
    await panel.getByTestId('issue-place').fill('人民路东段公交站旁');
    await panel.getByTestId('issue-description').fill('垃圾桶满溢，周边散落生活垃圾');
    await panel.getByTestId('issue-photo').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: solidPng(1600, 1200, [200, 60, 40]) });
    await panel.getByTestId('issue-photo-chosen').locator('img').waitFor();
    await panel.getByTestId('issue-submit').click();
    await expect.poll(() => panel.locator('[data-testid^="issue-0"]').count()).toBe(1);
    // The photo, shrunk and kept in IndexedDB, shows under the issue before it has been uploaded.
    const thumb = panel.locator('[data-testid^="issue-0"] img');
    await expect.poll(() => thumb.evaluate((img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight])).toEqual([1280, 960]);

    await expect.poll(() => statusOf(panel), { timeout: 15_000 }).toBe('服务器无法连接（3 条待上传，恢复后自动上传）');
    await screenshot(panel, 'sidepanel-2-offline');
    expect(serverState().checked).toEqual([...ONLINE_TICKS].sort());
  });

  it('after a browser restart, and the server back on the same port while the panel is open, everything lands exactly once without a click', async () => {
    const port = server!.port;
    await browser!.close();
    browser = await launchExtension(profileDir);

    panel = await browser.openPage('sidepanel.html');
    // What was done offline is still there after the restart, before any sync.
    for (const id of [...ONLINE_TICKS, ...OFFLINE_TICKS]) {
      await expect.poll(() => panel.getByTestId(`duty-${id}`).locator('input[type=checkbox]').isChecked(), { timeout: 10_000 }).toBe(true);
    }
    await expect.poll(() => statusOf(panel), { timeout: 15_000 }).toMatch(/^服务器无法连接/);
    server = await startServer({ dataDir, port });
    // Nobody presses 立即同步: the panel's short probes find the server again.
    await expect.poll(() => statusOf(panel), { timeout: 30_000 }).toMatch(/^已同步/);

    const state = serverState();
    expect(state.checked).toEqual([...ONLINE_TICKS, ...OFFLINE_TICKS].sort());
    expect(state.checkEvents).toHaveLength(5);
    expect(new Set(state.ids).size).toBe(state.ids.length);
    expect(state.issues).toHaveLength(1);
    const [issue] = state.issues;
    expect(issue).toMatchObject({ place: '人民路东段公交站旁', source: 'self_check', unitId: 'u-a', zoneId: 'z1', state: 'reported' });
    expect(issue.photoIds).toHaveLength(1);
    expect(state.photoIds).toContain(issue.photoIds[0]);
    await expect.poll(() => panel.getByTestId(`issue-${issue.id}`).textContent()).toContain('已上报');
    await screenshot(panel, 'sidepanel-3-synced');
  });
});
