/*
 * The 回头看 loop end to end, in real Chromium with the built extension and a real server: an inspector records a
 * round on the inspect page with a finding (photo) for 县教育局; the unit's staff see it, fix it and send an after
 * photo; the inspector opens the 回头看 list, sees before and after side by side, and closes the issue.
 * The staff side runs through the tRPC client with a real device token (the side panel has its own e2e test).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { complaintContacts, events, inspections, issues } from '../../server/db/schema';
import { deadlineDays } from '../../server/domain/settings';
import { apiClient } from '../support/countyServer';
import { PEOPLE } from '../server/fixtures/smallCounty';
import { launchExtension, screenshot, solidPng, startLiveServer, storeEnrolment, type LiveExtension, type LiveServer } from './supervisionHarness';

let server: LiveServer;
let browser: LiveExtension;
let page: Page;

beforeAll(async () => {
  server = await startLiveServer();
  browser = await launchExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function loadedImages(column: string): Promise<number> {
  const imgs = page.getByTestId(column).locator('img');
  await expect.poll(async () => imgs.evaluateAll((all) => all.filter((i) => (i as HTMLImageElement).naturalWidth > 0).length), { timeout: 10_000 }).toBeGreaterThan(0);
  return imgs.count();
}

describe('the inspection loop, closed', () => {
  let issueId: string;

  it('an inspector records a round with a finding for 县教育局, with a photo', async () => {
    const { enrolment } = await server.enrol(PEOPLE.inspector.id);
    page = await browser.openPage('inspect.html');
    await storeEnrolment(page, enrolment);
    await page.reload();
    await expect.poll(() => page.getByTestId('who').textContent()).toBe('刘洋（督查组）');

    await page.getByTestId('zone-z1').locator('input[type=checkbox]').check();
    await page.getByTestId('start-round').click();
    await page.getByTestId('add-finding').click();
    const finding = page.locator('fieldset.finding').first();
    await finding.locator('select[data-testid$="-category"]').selectOption('sanitation');
    await finding.locator('select[data-testid$="-unit"]').selectOption('u-a');
    await finding.locator('input[data-testid$="-place"]').fill('人民路东段公交站旁');
    await finding.locator('textarea[data-testid$="-description"]').fill('垃圾桶满溢，周边散落生活垃圾');
    await finding.locator('input[data-testid$="-photo"]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: solidPng(64, 48, [200, 60, 40]) });
    await page.getByTestId('round-summary').fill('1号片区整体较好，发现1处问题');
    await screenshot(page, 'supervision-1-round');
    await page.getByTestId('round-submit').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('督查记录已提交，发现问题1个，已交办责任单位');

    const stored = server.db.select().from(issues).all();
    expect(stored).toHaveLength(1);
    issueId = stored[0].id;
    const round = server.db.select().from(inspections).get()!;
    expect([stored[0].state, stored[0].unitId, stored[0].source, stored[0].inspectionId, stored[0].photoIds.length]).toEqual(['assigned', 'u-a', 'inspection', round.id, 1]);
    expect([round.zoneIds, round.summary, round.unitId]).toEqual([['z1'], '1号片区整体较好，发现1处问题', 'u-lead']);
  });

  it('the unit’s staff see it, fix it and send an after-photo', async () => {
    const { token } = await server.enrol(PEOPLE.staffA.id);
    const staff = apiClient(server.url, token);
    const pulled = await staff.sync.pull.query({ after: 0 });
    expect(pulled.events.map((e) => e.kind)).toEqual(['issue.reported', 'issue.assigned']);
    const photo = await fetch(`${server.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: new Uint8Array(solidPng(64, 48, [40, 160, 80])) });
    const { id: after } = (await photo.json()) as { id: string };
    await staff.sync.push.mutate({
      events: [{ id: crypto.randomUUID(), unitId: 'u-a', clientTime: Date.now(), kind: 'issue.rectified', payload: { issueId, note: '已清运垃圾并清洗桶身', photoIds: [after] } }],
    });
    expect(server.db.select().from(issues).where(eq(issues.id, issueId)).get()!.state).toBe('rectified');
  });

  it('the inspector sees before and after side by side in the 回头看 list and closes the issue', async () => {
    await page.reload();
    await page.getByTestId('tab-rechecks').click();
    await page.getByTestId(`recheck-${issueId}`).getByRole('button', { name: '核查' }).click();
    await expect.poll(() => page.getByTestId('issue-state').textContent()).toBe('已整改');
    expect(await page.getByTestId('rectify-note').textContent()).toContain('已清运垃圾并清洗桶身');
    expect(await loadedImages('photos-before')).toBe(1);
    expect(await loadedImages('photos-after')).toBe(1);
    await screenshot(page, 'supervision-2-before-after');

    await page.getByTestId('verify-pass').check();
    await page.getByTestId('verify-note').fill('回头看：已整改到位');
    await page.getByTestId('verify-submit').click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('已核查通过，问题闭环');
    await page.getByTestId('tab-rechecks').click();
    await expect.poll(() => page.getByTestId('rechecks-empty').isVisible()).toBe(true);
    await screenshot(page, 'supervision-3-closed');

    const closed = server.db.select().from(issues).where(eq(issues.id, issueId)).get()!;
    expect([closed.state, closed.verifyNote, closed.closedAt !== null]).toEqual(['verified', '回头看：已整改到位', true]);
    // The unit sees the loop closed too.
    const { token } = await server.enrol(PEOPLE.staffA.id);
    expect((await apiClient(server.url, token).supervision.issue.query({ issueId })).state).toBe('verified');
  });
});

describe('the command center', () => {
  it('logs a phoned-in complaint for a unit, the caller’s contact kept off the ledger, and sets a deadline', async () => {
    const { enrolment } = await server.enrol(PEOPLE.command.id);
    const cmd = await browser.openPage('inspect.html');
    await storeEnrolment(cmd, enrolment);
    await cmd.reload();
    await cmd.getByTestId('tab-complaint').click();
    await cmd.getByTestId('complaint-unit').selectOption('u-b');
    await cmd.getByTestId('complaint-place').fill('农贸市场北门');
    await cmd.getByTestId('complaint-description').fill('夜市摊点占道经营，油污满地');
    await cmd.getByTestId('complaint-name').fill('王秀英');
    await cmd.getByTestId('complaint-phone').fill('13800138000');
    await cmd.getByTestId('complaint-submit').click();
    await expect.poll(() => cmd.getByTestId('notice').textContent()).toBe('投诉已登记并交办给县市场监管局');
    const complaint = server.db.select().from(issues).where(eq(issues.source, 'complaint')).get()!;
    expect([complaint.state, complaint.unitId]).toEqual(['assigned', 'u-b']);
    expect(server.db.select().from(complaintContacts).get()).toMatchObject({ issueId: complaint.id, name: '王秀英', phone: '13800138000' });
    expect(JSON.stringify(server.db.select().from(events).all())).not.toContain('13800138000');

    await cmd.getByTestId('tab-settings').click();
    await cmd.getByTestId('deadline-sanitation').fill('2');
    await cmd.getByTestId('settings-form').getByRole('button', { name: '保存设置' }).click();
    await expect.poll(() => cmd.getByTestId('notice').textContent()).toBe('设置已保存，新的整改时限从下一次交办起生效');
    expect(deadlineDays(server.db).sanitation).toBe(2);
    await screenshot(cmd, 'supervision-4-settings');
  });
});
