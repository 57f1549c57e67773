/*
 * The side panel by keyboard alone, in real Chromium with the built extension and the real server: Tab / Shift+Tab
 * to move, Space and Enter to tick, arrow keys to choose a category, typing to fill the form, Enter to save. The
 * page counts every mouse and pointer press it sees, and that count stays at zero: nothing needed a mouse.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { duties, dutyChecks, issues } from '../../server/db/schema';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { dbFileOf, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

// Due every day (holidays too), so there is something to tick whatever day the test runs on.
const EVERY_DAY = [
  { id: 'd-k1', category: 'public_facilities', title: '公共座椅擦拭', cadence: 'daily', dueTime: '10:00', workingDaysOnly: false, sortOrder: 10 },
  { id: 'd-k2', category: 'greening', title: '绿化带捡拾垃圾', cadence: 'daily', dueTime: '11:00', workingDaysOnly: false, sortOrder: 11 },
] as const;

let dataDir: string;
let server: StartedServer | null = null;
let browser: LaunchedExtension | null = null;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-keys-data-'));
  const db = smallCounty(dbFileOf(dataDir));
  db.insert(duties).values([...EVERY_DAY]).run();
  db.$client.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (browser) removeDir(browser.profileDir);
  removeDir(dataDir);
});

/** The data-testid of the focused element, or of the nearest element around it that has one. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

/** Presses `key` (Tab or Shift+Tab) until focus is on `testId`; fails if focus never gets there. */
async function moveTo(page: Page, testId: string, key = 'Tab'): Promise<void> {
  for (let i = 0; i < 80; i++) {
    if ((await focused(page)) === testId) return;
    await page.keyboard.press(key);
  }
  throw new Error(`按 ${key} 到不了 ${testId}`);
}

describe('the side panel by keyboard alone', () => {
  it('ticks two duties and reports an issue without a mouse', async () => {
    server = await startServer({ dataDir });
    browser = await launchExtension();
    const options = await browser.openPage('options.html');
    await enrol(options, server.url, issueCode(dataDir, PEOPLE.staffA.id));
    await options.close();

    const panel = await browser.openPage('sidepanel.html');
    await panel.getByTestId('duty-d-k2').waitFor({ timeout: 15_000 });
    await panel.evaluate(() => {
      const w = window as unknown as { pointerPresses: number };
      w.pointerPresses = 0;
      for (const kind of ['mousedown', 'pointerdown', 'touchstart']) document.addEventListener(kind, () => w.pointerPresses++, true);
    });
    const box = (id: string) => panel.getByTestId(`duty-${id}`).locator('input[type=checkbox]');

    // Forward to the second duty and tick it with Space; back (Shift+Tab) to the first and tick it with Enter.
    await moveTo(panel, 'duty-d-k2');
    await panel.keyboard.press('Space');
    await expect.poll(() => box('d-k2').isChecked()).toBe(true);
    await moveTo(panel, 'duty-d-k1', 'Shift+Tab');
    await panel.keyboard.press('Enter');
    await expect.poll(() => box('d-k1').isChecked()).toBe(true);
    await expect.poll(() => panel.getByTestId('duty-d-k1').getByTestId('checked-by').textContent()).toMatch(/^张伟 \d\d:\d\d$/);

    // The report: the category by arrow key, place and description typed, saved with Enter on the button.
    await moveTo(panel, 'issue-category');
    const category = panel.getByTestId('issue-category');
    const first = await category.inputValue();
    await panel.keyboard.press('ArrowDown');
    await expect.poll(() => category.inputValue()).not.toBe(first);
    const chosen = await category.inputValue();
    await moveTo(panel, 'issue-place');
    await panel.keyboard.type('人民路东段公交站旁');
    await moveTo(panel, 'issue-description');
    await panel.keyboard.type('垃圾桶满溢，周边散落生活垃圾');
    await moveTo(panel, 'issue-submit');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.locator('[data-testid^="issue-0"]').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => panel.locator('[data-testid^="issue-0"]').textContent()).toContain('人民路东段公交站旁');

    // Both reached the server, and no mouse or pointer was pressed along the way.
    await expect.poll(() => panel.getByTestId('sync-status').textContent(), { timeout: 15_000 }).toMatch(/^已同步/);
    const db = openServerDb(dataDir);
    try {
      const ticked = db.select().from(dutyChecks).all().filter((c) => c.checked && c.unitId === 'u-a').map((c) => c.dutyId).sort();
      expect(ticked).toEqual(['d-k1', 'd-k2']);
      const stored = db.select().from(issues).all();
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ category: chosen, place: '人民路东段公交站旁', description: '垃圾桶满溢，周边散落生活垃圾', source: 'self_check' });
    } finally {
      db.$client.close();
    }
    expect(await panel.evaluate(() => (window as unknown as { pointerPresses: number }).pointerPresses)).toBe(0);
    await screenshot(panel, 'keyboard-sidepanel');
  });
});
