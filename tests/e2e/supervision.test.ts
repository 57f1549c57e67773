/*
 * The 回头看 loop end to end, in real Chromium with the built extension and the real server (a child process on
 * the small county): an inspector records a round on the inspect page with a finding (photo) for 县教育局; the
 * unit's staff see it in their side panel, fix it with an after-photo; the inspector opens the 回头看 list, sees
 * before and after side by side, and closes the issue, which then leaves the unit's open list.
 * Two browser profiles, one per person, each enrolled through the real options page.
 * Then the command center logs a complaint and changes a deadline on the same page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Locator, Page } from 'playwright-core';
import { complaintContacts, events, inspections, issues } from '../../server/db/schema';
import { deadlineDays } from '../../server/domain/settings';
import type { Db } from '../../server/db/open';
import { PEOPLE, smallCounty } from '../server/fixtures/smallCounty';
import { dbFileOf, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, solidPng, startServer, type LaunchedExtension, type StartedServer } from './harness';

let server: StartedServer;
let db: Db;
const browsers: LaunchedExtension[] = [];

/** A browser profile of its own for `personId`, enrolled through the options page; returns a page on `path`. */
async function personAt(personId: string, path: string): Promise<Page> {
  const browser = await launchExtension();
  browsers.push(browser);
  const options = await browser.openPage('options.html');
  await enrol(options, server.url, issueCode(server.dataDir, personId));
  await options.close();
  return browser.openPage(path);
}

beforeAll(async () => {
  // The small county of the server tests, written into the data directory before the server starts on it.
  const dataDir = mkdtempSync(join(tmpdir(), 'pqt-e2e-supervision-'));
  smallCounty(dbFileOf(dataDir)).$client.close();
  server = await startServer({ dataDir });
  db = openServerDb(dataDir);
});
afterAll(async () => {
  for (const b of browsers) await b.close().catch(() => undefined);
  db?.$client.close();
  await server?.stop();
  if (server) removeDir(server.dataDir);
  for (const b of browsers) removeDir(b.profileDir);
});

const issueRow = (id: string) => db.select().from(issues).where(eq(issues.id, id)).get()!;

async function loadedImages(page: Page, column: string): Promise<number> {
  const imgs = page.getByTestId(column).locator('img');
  await expect.poll(async () => imgs.evaluateAll((all) => all.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), { timeout: 10_000 }).toBeGreaterThan(0);
  return imgs.count();
}

describe('the inspection loop, closed', () => {
  let inspector: Page;
  let staff: Page;
  let issueId: string;

  it('an inspector records a round with a finding for 县教育局, with a photo', async () => {
    inspector = await personAt(PEOPLE.inspector.id, 'inspect.html');
    await expect.poll(() => inspector.getByTestId('who').textContent(), { timeout: 10_000 }).toBe('刘洋（督查组）');
    // Never inspected, so 状态 (due or overdue) is in its colour; the 回头看到期 count beside it, 0, is plain like the other cells.
    const row = inspector.getByTestId('zone-z1');
    const colourOf = (cell: Locator) => cell.evaluate((el) => getComputedStyle(el).color);
    const status = (await row.getAttribute('class'))!;
    expect([status, await row.getByTestId('zone-rechecks-due').textContent()]).toEqual([expect.stringMatching(/^status-(due|overdue)$/), '0']);
    expect(await colourOf(row.getByTestId('zone-status'))).toBe(status === 'status-due' ? 'rgb(138, 82, 0)' : 'rgb(198, 40, 40)');
    expect(await colourOf(row.getByTestId('zone-rechecks-due'))).toBe(await colourOf(row.locator('td').nth(1)));
    // 点穴式 with no hotspots in the small county proposes nothing; the inspector ticks the zone by hand.
    await inspector.getByTestId('kind-targeted').check();
    await inspector.getByTestId('zone-z1').locator('input[type=checkbox]').check();
    await inspector.getByTestId('start-round').click();
    await inspector.getByTestId('add-finding').click();
    const finding = inspector.locator('fieldset.finding').first();
    await finding.locator('select[data-testid$="-category"]').selectOption('sanitation');
    await finding.locator('select[data-testid$="-unit"]').selectOption('u-a');
    await finding.locator('input[data-testid$="-place"]').fill('人民路东段公交站旁');
    await finding.locator('textarea[data-testid$="-description"]').fill('垃圾桶满溢，周边散落生活垃圾');
    await finding.locator('input[data-testid$="-photo"]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: solidPng(64, 48, [200, 60, 40]) });
    await inspector.getByTestId('round-summary').fill('1号片区整体较好，发现1处问题');
    await screenshot(inspector, 'supervision-1-round');
    await inspector.getByTestId('round-submit').click();
    await expect.poll(() => inspector.getByTestId('notice').textContent()).toBe('督查记录已保存，发现问题1个，待交办；联网时自动上传');

    // Saved in the browser first, then sent by the background's sync.
    await expect.poll(() => db.select().from(issues).all().length, { timeout: 20_000 }).toBe(1);
    const stored = db.select().from(issues).all();
    expect(stored).toHaveLength(1);
    issueId = stored[0].id;
    const round = db.select().from(inspections).get()!;
    // Not yet 交办: the finding waits in 待交办 (tests/e2e/loop.test.ts takes it from there); the unit sees it already.
    expect([stored[0].state, stored[0].unitId, stored[0].source, stored[0].inspectionId, stored[0].photoIds.length]).toEqual(['reported', 'u-a', 'inspection', round.id, 1]);
    expect([round.zoneIds, round.summary, round.unitId, round.kind, round.teamId]).toEqual([['z1'], '1号片区整体较好，发现1处问题', 'u-lead', 'targeted', null]);
  });

  it('the unit’s staff see it in their side panel and rectify it with an after-photo', async () => {
    staff = await personAt(PEOPLE.staffA.id, 'sidepanel.html');
    const item = staff.getByTestId(`issue-${issueId}`);
    await item.waitFor({ state: 'visible', timeout: 20_000 });
    expect(await item.textContent()).toContain('人民路东段公交站旁');
    await staff.getByTestId(`rectify-${issueId}`).click();
    await staff.getByTestId('rectify-photo').setInputFiles({ name: '整改后.png', mimeType: 'image/png', buffer: solidPng(64, 48, [40, 160, 80]) });
    await staff.getByTestId('rectify-note').fill('已清运垃圾并清洗桶身');
    await screenshot(staff, 'supervision-2-panel-rectify');
    await staff.getByTestId('rectify-submit').click();
    await expect.poll(() => issueRow(issueId).state, { timeout: 20_000 }).toBe('rectified');
    expect(issueRow(issueId).afterPhotoIds).toHaveLength(1);
  });

  it('the inspector sees before and after side by side in the 回头看 list and closes the issue', async () => {
    await inspector.reload();
    await inspector.getByTestId('tab-rechecks').click();
    await inspector.getByTestId(`recheck-${issueId}`).getByRole('button', { name: '核查' }).click();
    await expect.poll(() => inspector.getByTestId('issue-state').textContent()).toBe('已整改');
    expect(await inspector.getByTestId('rectify-note').textContent()).toContain('已清运垃圾并清洗桶身');
    expect(await loadedImages(inspector, 'photos-before')).toBe(1);
    expect(await loadedImages(inspector, 'photos-after')).toBe(1);
    await screenshot(inspector, 'supervision-3-before-after');

    await inspector.getByTestId('verify-pass').check();
    await inspector.getByTestId('verify-note').fill('回头看：已整改到位');
    await inspector.getByTestId('verify-submit').click();
    await expect.poll(() => inspector.getByTestId('notice').textContent()).toBe('已核查通过，问题闭环');
    await expect.poll(() => issueRow(issueId).state, { timeout: 20_000 }).toBe('verified');
    await inspector.reload();
    await inspector.getByTestId('tab-rechecks').click();
    await expect.poll(() => inspector.getByTestId('rechecks-empty').isVisible()).toBe(true);
    const closed = issueRow(issueId);
    expect([closed.state, closed.verifyNote, closed.closedAt !== null]).toEqual(['verified', '回头看：已整改到位', true]);
  });

  it('the closed issue leaves the unit’s open list once the panel syncs', async () => {
    await staff.reload();
    await expect.poll(() => staff.getByTestId(`issue-${issueId}`).count(), { timeout: 20_000 }).toBe(0);
    await screenshot(staff, 'supervision-4-panel-closed');
  });
});

describe('the command center', () => {
  it('logs a phoned-in complaint for a unit, the caller’s contact kept off the ledger, and sets a deadline', async () => {
    const cmd = await personAt(PEOPLE.command.id, 'inspect.html');
    await cmd.getByTestId('tab-complaint').click();
    await cmd.getByTestId('complaint-unit').selectOption('u-b');
    await cmd.getByTestId('complaint-place').fill('农贸市场北门');
    await cmd.getByTestId('complaint-description').fill('夜市摊点占道经营，油污满地');
    await cmd.getByTestId('complaint-name').fill('王秀英');
    await cmd.getByTestId('complaint-phone').fill('13800138000');
    await cmd.getByTestId('complaint-submit').click();
    await expect.poll(() => cmd.getByTestId('notice').textContent()).toBe('投诉已登记并交办给县市场监管局');
    const complaint = db.select().from(issues).where(eq(issues.source, 'complaint')).get()!;
    expect([complaint.state, complaint.unitId]).toEqual(['assigned', 'u-b']);
    expect(db.select().from(complaintContacts).get()).toMatchObject({ issueId: complaint.id, name: '王秀英', phone: '13800138000' });
    expect(JSON.stringify(db.select().from(events).all())).not.toContain('13800138000');

    await cmd.getByTestId('tab-settings').click();
    await cmd.getByTestId('deadline-sanitation').fill('2');
    await cmd.getByTestId('settings-form').getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => cmd.getByTestId('notice').textContent()).toBe('设置已保存，新的整改时限从下一次交办起生效');
    expect(deadlineDays(db).sanitation).toBe(2);
    await screenshot(cmd, 'supervision-5-settings');
  });
});
