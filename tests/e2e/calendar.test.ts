/*
 * The holiday schedule end to end, in real Chromium with the built extension and the real server: the command
 * center's dashboard says 2027's schedule is missing, the command center enters a local rest day on its screen
 * and imports 2027's 元旦 from a list (the notice goes); a unit's side panel, once synced, shows nothing due that
 * day, still with the server stopped and the panel reopened. The pages' clocks are fixed at Friday 2026-11-27
 * 08:00 (an ordinary working day, after 1 November), so the test means the same whatever day it runs on.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { calendarDays, events } from '../../server/db/schema';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { dbFileOf, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

const FRIDAY = '2026-11-27';
const PAGE_TIME = new Date(`${FRIDAY}T08:00:00+08:00`);

let dataDir: string;
let server: StartedServer | null = null;
const browsers: LaunchedExtension[] = [];

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-calendar-data-'));
  smallCounty(dbFileOf(dataDir)).$client.close();
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await server?.stop();
  removeDir(dataDir);
});

/** A fresh browser enrolled as `personId`, with `path` open on a page whose clock starts at PAGE_TIME. */
async function openAs(personId: string, path: string): Promise<{ browser: LaunchedExtension; page: Page }> {
  const browser = await launchExtension();
  browsers.push(browser);
  const options = await browser.openPage('options.html');
  await enrol(options, server!.url, issueCode(dataDir, personId));
  await options.close();
  const page = await browser.context.newPage();
  await page.clock.install({ time: PAGE_TIME });
  await page.goto(`chrome-extension://${browser.extensionId}/${path}`);
  return { browser, page };
}

function serverCalendar() {
  const db = openServerDb(dataDir);
  try {
    return { days: db.select().from(calendarDays).all(), events: db.select().from(events).all().filter((e) => e.kind === 'calendar.day_set') };
  } finally {
    db.$client.close();
  }
}

describe('the command center enters a rest day; an offline panel shows nothing due that day', () => {
  let panel: Page;
  let staff: LaunchedExtension;

  it('the unit’s panel first shows the Friday as a working day', async () => {
    server = await startServer({ dataDir });
    ({ browser: staff, page: panel } = await openAs(PEOPLE.staffA.id, 'sidepanel.html'));
    await panel.getByTestId('duty-d-sweep').waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('duty-d-sweep').textContent()).toContain('09:00 前');
    expect(await panel.locator('.rest-day').count()).toBe(0);
  });

  it('the dashboard tells the command center 2027 is missing; a rest day entered on the screen and a list imported', async () => {
    const { page } = await openAs(PEOPLE.command.id, 'dashboard.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    const notice = page.getByTestId('schedule-notice');
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toContain('2027年节假日安排尚未录入');

    await notice.getByRole('button', { name: '去录入' }).click();
    await page.getByTestId('calendar-page').waitFor();
    await page.getByTestId('calendar-year').selectOption('2026');
    await page.getByTestId('calendar-date').fill(FRIDAY);
    await page.getByTestId('calendar-kind').selectOption('local_rest');
    await page.getByTestId('calendar-name').fill('三月三');
    await page.getByTestId('calendar-enter').click();
    await expect.poll(() => page.getByTestId(`calendar-${FRIDAY}`).textContent()).toContain('地方休息日三月三县里录入');

    // A bad list is refused whole, with the line named; a good one goes in.
    await page.getByTestId('calendar-lines').fill('2027-01-01 休 元旦\n2027-02-30 班');
    await page.getByTestId('calendar-import-submit').click();
    await expect.poll(() => page.getByTestId('calendar-message').textContent()).toContain('第2行“2027-02-30 班”：日期不存在');
    await page.getByTestId('calendar-lines').fill('2027-01-01~2027-01-03 休 元旦');
    await page.getByTestId('calendar-import-submit').click();
    await expect.poll(() => notice.count()).toBe(0);
    await screenshot(page, 'calendar-1-dashboard');

    await expect.poll(() => serverCalendar().days.map((d) => `${d.date} ${d.kind}`).sort(), { timeout: 20_000 }).toEqual([
      `${FRIDAY} local_rest`,
      '2027-01-01 rest',
      '2027-01-02 rest',
      '2027-01-03 rest',
    ]);
    expect(serverCalendar().events.every((e) => e.actorId === PEOPLE.command.id)).toBe(true);
  });

  it('the panel, once synced, shows nothing working-day due that Friday, also with the server stopped and the panel reopened', async () => {
    await panel.reload();
    await panel.locator('.rest-day').waitFor({ timeout: 30_000 });
    expect(await panel.getByTestId('duty-d-sweep').count()).toBe(0);

    await server!.stop();
    server = null;
    await panel.close();
    panel = await staff.context.newPage();
    await panel.clock.install({ time: PAGE_TIME });
    await panel.goto(`chrome-extension://${staff.extensionId}/sidepanel.html`);
    await panel.locator('.rest-day').waitFor({ timeout: 15_000 });
    expect(await panel.locator('.rest-day').textContent()).toBe('今天休息（三月三），工作日事项无需完成');
    expect(await panel.getByTestId('duty-d-sweep').count()).toBe(0);
    // Only the every-day item is due; the Friday sweep moved to Thursday.
    expect(await panel.getByTestId('duty-d-bins').textContent()).toContain('17:00 前');
    expect(await panel.getByTestId('duty-d-corner').textContent()).toContain('周四 17:00 前');
    await screenshot(panel, 'calendar-2-panel-offline');
  });
});
