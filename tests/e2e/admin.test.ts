/*
 * A county goes live from the dashboard, in real Chromium against the real server on an empty county: the
 * command center uploads the county's own roster, reads the preview, confirms, issues codes for a unit and
 * prints the slips to PDF; a person of that unit enrols with one slip's code and finds the default duty list
 * (its weekly sweep) in the side panel; the command center sees the new device and revokes it. Files go to test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { people } from '../../server/db/schema';
import { OUTPUT_DIR, closeBrowsers, copyOfBuild, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

const ROSTER = resolve('tests/fixtures/county/城关镇网格责任人名单.csv');
let server: StartedServer;
let extensionDir: string;
const browsers: LaunchedExtension[] = [];

beforeAll(async () => {
  extensionDir = await copyOfBuild();
  server = await startServer({ seedDemo: false });
  // The one person a county has before its roster: the command center's administrator.
  const db = openServerDb(server.dataDir);
  try {
    db.insert(people).values({ id: 'p-admin', name: '孙丽', role: 'command', unitId: null }).run();
  } finally {
    db.$client.close();
  }
});

afterAll(async () => {
  await closeBrowsers(browsers);
  await server?.stop();
  if (server) removeDir(server.dataDir);
  if (extensionDir) removeDir(extensionDir);
});

async function browser() {
  const b = await launchExtension(undefined, extensionDir);
  browsers.push(b);
  return b;
}

describe('going live from the dashboard', { timeout: 180_000 }, () => {
  it('upload, preview, confirm, print code slips, and a person enrols with one', async () => {
    const admin = await browser();
    const options = await admin.openPage('options.html');
    expect(await enrol(options, server.url, issueCode(server.dataDir, 'p-admin'))).toContain('孙丽');
    const page = await admin.openPage('dashboard.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('tab-admin').click();

    // Upload: the preview says what would happen and nothing is written yet.
    await page.getByTestId('import-file').setInputFiles(ROSTER);
    const preview = page.getByTestId('import-preview');
    await preview.getByText('预览（尚未写入）').waitFor({ timeout: 30_000 });
    await preview.getByText('12号五小厂片区（片长高峰，牵头单位县住建局）').waitFor();
    expect(await preview.getByTestId('import-counts').textContent()).toMatch(/片区10.*单位18.*网格28.*人员39.*责任清单事项15/);
    expect(await preview.textContent()).toContain('“城关镇网格责任人名单.csv”的列“备注”未导入');
    const db = openServerDb(server.dataDir);
    try {
      expect(db.select().from(people).all()).toHaveLength(1);
    } finally {
      db.$client.close();
    }
    await screenshot(page, 'admin-import-preview');
    await page.getByTestId('import-confirm').click();
    expect(await page.getByTestId('import-done').textContent()).toBe('已导入“城关镇网格责任人名单.csv”');

    // The default duty list came with it: fifteen items, every unit's.
    await page.getByTestId('admin-duties').click();
    const dutyRows = page.getByTestId('duty-table').locator('tbody tr');
    await dutyRows.first().waitFor();
    expect(await dutyRows.count()).toBe(15);
    expect(await dutyRows.first().textContent()).toContain('全部单位');

    // Codes for 县第五小学's two people, printed as slips.
    await page.getByTestId('admin-codes').click();
    await page.getByTestId('code-target-unit').check();
    await page.getByTestId('code-unit').selectOption({ label: '县第五小学' });
    await page.getByTestId('code-issue').click();
    const slips = page.getByTestId('slip');
    await slips.first().waitFor();
    expect(await slips.count()).toBe(2);
    expect(await slips.allTextContents()).toEqual([expect.stringMatching(/罗娟.*县第五小学/), expect.stringMatching(/谢军.*县第五小学/)]);
    const code = (await slips.filter({ hasText: '罗娟' }).getByTestId('slip-code').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('code-issue').isVisible()).toBe(false); // only the slips print
    const pdf = join(OUTPUT_DIR, 'code-slips.pdf');
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });

    // 罗娟 enrols with her slip and has the default duty list on the first day.
    const person = await browser();
    expect(await enrol(await person.openPage('options.html'), server.url, code)).toContain('罗娟');
    const panel = await person.openPage('sidepanel.html');
    // The weekly sweep shows every day of the week (the daily items only on working days).
    await panel.getByText('卫生死角清理').first().waitFor({ timeout: 30_000 });
    expect(await panel.textContent('body')).toContain('12号五小厂片区');

    // The command center sees her device and revokes it.
    await page.getByTestId('admin-devices').click();
    const row = page.getByTestId('devices-table').locator('tr', { hasText: '罗娟' });
    await row.waitFor();
    await row.getByTestId('revoke').click();
    await row.getByTestId('revoke-confirm').click();
    await row.getByText(/已注销/).waitFor();
    await screenshot(page, 'admin-devices');
  });
});
