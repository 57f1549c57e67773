/*
 * Every control of the dashboard and the inspect page is reached by the keyboard: for the command center (who sees
 * every tab), each tab is opened with Enter, then Tab is pressed through the whole page while the focused element
 * is recorded; every visible button, link, field and select must have had focus (a radio group counts once, as
 * Tab enters a group at one radio and the arrow keys move within it). Real Chromium, the built extension, the
 * real server over the small county.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { dbFileOf, enrol, issueCode, launchExtension, removeDir, startServer, type LaunchedExtension, type StartedServer } from './harness';

let dataDir: string;
let server: StartedServer;
let browser: LaunchedExtension;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-reach-data-'));
  smallCounty(dbFileOf(dataDir)).$client.close();
  server = await startServer({ dataDir });
  browser = await launchExtension();
  const options = await browser.openPage('options.html');
  await enrol(options, server.url, issueCode(dataDir, PEOPLE.command.id));
  await options.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (browser) removeDir(browser.profileDir);
  removeDir(dataDir);
});

/** Marks every visible control with data-reach="n" and returns how each is named, for the failure message. */
function markControls(page: Page): Promise<{ id: string; label: string; group: string | null }[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[aria-hidden="true"], [inert]');
    return [...document.querySelectorAll(selector)].filter(shown).map((el, n) => {
      el.setAttribute('data-reach', String(n));
      const input = el as HTMLInputElement;
      const testId = el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const label = `${el.tagName.toLowerCase()}${input.type ? `[${input.type}]` : ''} ${testId} “${(el.textContent ?? input.value ?? '').trim().slice(0, 20)}”`;
      return { id: String(n), label, group: input.type === 'radio' && input.name ? input.name : null };
    });
  });
}

/** Presses Tab from the top of the page until focus comes round again; the data-reach ids that had focus. */
async function tabThrough(page: Page, limit: number): Promise<Set<string>> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const reached = new Set<string>();
  let first: string | null = null;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-reach') ?? null);
    if (id === null) continue;
    if (id === first) break;
    first ??= id;
    reached.add(id);
  }
  return reached;
}

let controlsSeen = 0;

async function unreachedControls(page: Page): Promise<string[]> {
  const controls = await markControls(page);
  controlsSeen += controls.length;
  const reached = await tabThrough(page, controls.length * 2 + 20);
  const groupsReached = new Set(controls.filter((c) => c.group && reached.has(c.id)).map((c) => c.group));
  return controls.filter((c) => !reached.has(c.id) && !(c.group && groupsReached.has(c.group))).map((c) => c.label);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByTestId(`tab-${name}`).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByTestId(`tab-${name}`).getAttribute('aria-current')).toBe('page');
  // Let what the tab reads arrive (and lazily loaded screens render).
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await expect.poll(() => page.locator('p.muted', { hasText: /^正在(加载|读取|统计)/ }).count(), { timeout: 20_000 }).toBe(0);
}

describe('every control reached by the keyboard', () => {
  it('on every tab of the dashboard', async () => {
    const page = await browser.openPage('dashboard.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('overview').waitFor({ timeout: 30_000 });
    const tabs = await page.locator('[data-testid^="tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    expect(tabs.length).toBeGreaterThan(5);
    await openTab(page, 'overview');
    await page.getByTestId('heatmap').waitFor({ timeout: 30_000 });
    // The check itself: a button the keyboard cannot reach is found.
    await page.evaluate(() => {
      const trap = Object.assign(document.createElement('button'), { textContent: '只能用鼠标', tabIndex: -1 });
      trap.setAttribute('data-testid', 'mouse-only');
      document.querySelector('main')!.append(trap);
    });
    expect(await unreachedControls(page)).toEqual([expect.stringContaining('mouse-only')]);
    await page.getByTestId('mouse-only').evaluate((el) => el.remove());

    const missed: Record<string, string[]> = {};
    controlsSeen = 0;
    for (const tab of tabs) {
      await openTab(page, tab);
      const unreached = await unreachedControls(page);
      if (unreached.length) missed[tab] = unreached;
    }
    expect(missed).toEqual({});
    console.log('dashboard controls reached by Tab', JSON.stringify({ tabs: tabs.length, controls: controlsSeen }));
    await page.close();
  });

  it('on every tab of the inspect page', async () => {
    const page = await browser.openPage('inspect.html');
    await page.getByTestId('tab-zones').waitFor({ timeout: 30_000 });
    const tabs = await page.locator('[data-testid^="tab-"]:not([disabled])').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice(4)));
    expect(tabs).toContain('settings');
    const missed: Record<string, string[]> = {};
    for (const tab of tabs) {
      await openTab(page, tab);
      const unreached = await unreachedControls(page);
      if (unreached.length) missed[tab] = unreached;
    }
    expect(missed).toEqual({});
    await page.close();
  });
});
