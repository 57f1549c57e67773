/*
 * 考核 end to end in real Chromium against the real server with the demo county: the command center raises a
 * deduction in the rubric and issues a 通报; the demo unit's head opens the unit's deductions and appeals one; the
 * command center accepts the appeal; the archive then reprints the issued bulletin exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO, DEMO_PEOPLE } from '../../server/seed/demoCounty';
import { copyOfBuild, enrol, issueCode, launchExtension, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

let server: StartedServer;
let extensionDir: string;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  extensionDir = await copyOfBuild();
  server = await startServer({ seedDemo: true });
});

afterAll(async () => {
  for (const b of browsers) {
    await b.close();
    removeDir(b.profileDir);
  }
  await server?.stop();
  if (server) removeDir(server.dataDir);
  if (extensionDir) removeDir(extensionDir);
});

async function dashboardAs(personId: string): Promise<Page> {
  const browser = await launchExtension(undefined, extensionDir);
  browsers.push(browser);
  await enrol(await browser.openPage('options.html'), server.url, issueCode(server.dataDir, personId));
  const page = await browser.openPage('dashboard.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('overview').waitFor();
  return page;
}

describe('考核 in the dashboard', () => {
  it('the command center edits the rubric and issues a bulletin; a unit head appeals; the archive reprints the original', async () => {
    const command = await dashboardAs(DEMO_PEOPLE.command);
    await command.getByTestId('tab-assessment').click();
    await command.getByTestId('unit-scores').waitFor({ timeout: 30_000 });
    await command.getByTestId('rubric-missedDaily').fill('1');
    await command.getByTestId('rubric-save').click();
    await expect.poll(() => command.getByTestId('rubric-message').textContent()).toMatch(/已保存/);

    await command.getByTestId('tab-bulletin').click();
    await command.getByTestId('bulletin-issue').waitFor({ timeout: 30_000 });
    expect(await command.getByTestId('bulletin-issue').textContent()).toBe('签发第1期');
    await command.getByTestId('bulletin-issue').click();
    await expect.poll(() => command.getByTestId('bulletin-message').textContent(), { timeout: 30_000 }).toBe('第1期已签发并存档');
    await command.getByTestId('bulletin-checkpoint').waitFor();
    const original = await command.getByTestId('bulletin').textContent();
    expect(original).toMatch(/第1期[\s\S]*黑榜[\s\S]*累计通报问题\d+件次、通报单位\d+个[\s\S]*台账校验：截至第\d+号记录/);
    await screenshot(command, 'assessment-bulletin-issued');

    const head = await dashboardAs(DEMO_PEOPLE.unitHead);
    await head.getByTestId('tab-assessment').click();
    await head.getByTestId('period-campaign').check();
    await head.getByTestId(`open-score-${DEMO.unitId}`).click({ timeout: 30_000 });
    const first = head.getByTestId('deductions').locator('tbody tr').first();
    await first.waitFor({ timeout: 30_000 });
    await first.getByTestId('appeal-open').click();
    await first.getByTestId('appeal-reason').fill('当日全县停水，无法冲洗，已于次日补做');
    await first.getByTestId('appeal-send').click();
    await expect.poll(() => first.textContent()).toMatch(/待处理/);
    await screenshot(head, 'assessment-appeal');

    await command.getByTestId('tab-assessment').click();
    const appeal = command.getByTestId('appeals').locator('tbody tr').first();
    await appeal.waitFor({ timeout: 30_000 });
    expect(await appeal.textContent()).toContain('当日全县停水');
    await appeal.getByTestId('appeal-accept').click();
    await expect.poll(() => appeal.getByTestId('appeal-state').textContent()).toBe('已采纳');

    await command.getByTestId('tab-bulletin').click();
    await command.getByTestId('bulletin-archive').locator('summary').click();
    await command.getByTestId('archive-1').click();
    await command.getByTestId('bulletin-checkpoint').waitFor();
    expect(await command.getByTestId('bulletin').textContent()).toBe(original);
    await screenshot(command, 'assessment-archive-reprint');
  });
});
