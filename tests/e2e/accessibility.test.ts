/*
 * Every page a person uses (and the dashboard's 考核 and 通报 tabs), scanned by axe-core in real Chromium against the demo county: no serious or critical
 * finding (contrast, names of controls, landmarks, labels). Screenshots of each page at desktop size, and the side
 * panel at 400 px, go to test-output/ so a reviewer can look at what a person sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { DEMO, DEMO_PEOPLE } from '../../server/seed/demoCounty';
import { enrol, issueCode, launchExtension, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

let server: StartedServer;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  server = await startServer({ seedDemo: true });
});
afterAll(async () => {
  for (const b of browsers) {
    await b.close();
    removeDir(b.profileDir);
  }
  await server?.stop();
  if (server) removeDir(server.dataDir);
});

async function as(personId: string): Promise<LaunchedExtension> {
  const browser = await launchExtension();
  browsers.push(browser);
  await enrol(await browser.openPage('options.html'), server.url, issueCode(server.dataDir, personId));
  return browser;
}

/** The serious and critical findings on the page as it is now, one line each. */
async function seriousFindings(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// Who, page, width, the test id to wait for, and an element whose text must show at the size its page's CSS intends
// (Chromium's stylesheet for extension pages shrinks body text to 75% unless the page sets body's font itself).
const PAGES: Array<[string, string, number, string, string, string]> = [
  ['staff', 'sidepanel.html', 400, 'progress', '.duty .title', '15px'],
  ['staff', 'options.html', 1280, 'enrolled-as', '[data-testid="enrolled-as"]', '15px'],
  ['command', 'sidepanel.html', 400, 'role-summary', '.role-figure', '15px'],
  ['command', 'dashboard.html', 1280, 'heatmap', 'main td', '14px'],
  ['inspector', 'inspect.html', 1280, 'who', 'main td', '15px'],
];

describe('accessibility of every page (axe-core)', () => {
  const browserOf = new Map<string, LaunchedExtension>();
  it.each(PAGES)('%s: %s has no serious or critical findings, text at its intended size', async (who, path, width, ready, sample, px) => {
    const page = await open(who, path, width);
    await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
    await screenshot(page, `a11y-${who}-${path.replace('.html', '')}`);
    expect(await seriousFindings(page)).toEqual([]);
    const shown = await page.locator(sample).first().evaluate((el) => ({ size: getComputedStyle(el).fontSize, family: getComputedStyle(el).fontFamily }));
    expect(shown.size).toBe(px);
    expect(shown.family).toContain('WenQuanYi Micro Hei');
  });

  // The dashboard's 考核 and 通报 tabs: scores with the appeals panel and the rubric editor, a unit's 为什么扣分 with
  // its 申诉 form open, the 通报 draft and its archive.
  const TABS: Array<[string, string, string[], string]> = [
    ['command', 'assessment', [], 'rubric-editor'],
    ['command', 'bulletin', [], 'bulletin-checkpoint'],
    ['zoneChief', 'assessment', ['period-campaign'], 'zone-scores'],
    ['unitHead', 'assessment', ['period-campaign', `open-score-${DEMO.unitId}`, 'appeal-open'], 'appeal-reason'],
  ];
  it.each(TABS)('%s: dashboard tab %s has no serious or critical findings', async (who, tab, clicks, ready) => {
    const page = await open(who, 'dashboard.html', 1280);
    await page.getByTestId(`tab-${tab}`).click({ timeout: 30_000 });
    for (const testId of clicks) await page.getByTestId(testId).first().click({ timeout: 30_000 });
    await page.getByTestId(ready).first().waitFor({ timeout: 30_000 });
    await screenshot(page, `a11y-${who}-dashboard-${tab}`);
    expect(await seriousFindings(page)).toEqual([]);
  });

  async function open(who: string, path: string, width: number): Promise<Page> {
    const personId = { staff: DEMO_PEOPLE.staff, command: DEMO_PEOPLE.command, inspector: DEMO_PEOPLE.inspector, unitHead: DEMO_PEOPLE.unitHead, zoneChief: DEMO_PEOPLE.zoneChief }[who]!;
    if (!browserOf.has(who)) browserOf.set(who, await as(personId));
    const page = await browserOf.get(who)!.openPage(path);
    await page.setViewportSize({ width, height: 900 });
    return page;
  }
});
