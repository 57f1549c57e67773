/*
 * The dashboard in real Chromium against the real server seeded with the demo county (60 days of history up to
 * now): a zone chief sees their zone's units, drills down to a unit's day and nudges a lagging unit; the command
 * center sees the county, downloads the XLSX export (parsed back here) and opens the 通报, printed to PDF.
 * 考核: the command center raises a deduction in the rubric and issues a 通报; the demo unit's head opens the unit's
 * deductions and appeals one; the command center accepts the appeal; the archive then reprints the issue exactly as
 * it was issued.
 * One person, a unit's staff and a zone's 片长 at once: one enrolment, the unit's duties in the side panel with the
 * zone's figures below, and the zone's units on the dashboard.
 * Screenshots and files go to test-output/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { events, gridCells, units, zones } from '../../server/db/schema';
import { DEMO, DEMO_PEOPLE } from '../../server/seed/demoCounty';
import { zoneId } from '../../server/seed/demoOrg';
import { addDays, dateKeyOf, PACKAGE_CALENDAR } from '../../shared/calendar';
import { longDateLabel } from '../../shared/labels';
import { uuidv7 } from 'uuidv7';
import { apiClient } from '../support/countyServer';
import { OUTPUT_DIR, closeBrowsers, copyOfBuild, enrol, issueCode, launchExtension, openServerDb, removeDir, screenshot, startServer, type LaunchedExtension, type StartedServer } from './harness';

let server: StartedServer;
let extensionDir: string;
const browsers: LaunchedExtension[] = [];
beforeAll(async () => {
  extensionDir = await copyOfBuild();
  server = await startServer({ seedDemo: true });
});

afterAll(async () => {
  await closeBrowsers(browsers);
  await server?.stop();
  if (server) removeDir(server.dataDir);
  if (extensionDir) removeDir(extensionDir);
});

/** A fresh browser enrolled as `personId`, with the dashboard open at a desktop size. */
async function dashboardAs(personId: string): Promise<Page> {
  const browser = await launchExtension(undefined, extensionDir);
  browsers.push(browser);
  const options = await browser.openPage('options.html');
  await enrol(options, server.url, issueCode(server.dataDir, personId));
  const page = await browser.openPage('dashboard.html');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId('overview').waitFor();
  await page.getByTestId('heatmap').waitFor({ timeout: 30_000 });
  return page;
}

function unitIdsOfZone(zoneId: string): string[] {
  const db = openServerDb(server.dataDir);
  try {
    return db.select({ id: units.id }).from(units).where(eq(units.zoneId, zoneId)).all().map((u) => u.id).sort();
  } finally {
    db.$client.close();
  }
}

async function shownUnitIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[data-testid^="unit-u"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')!.slice('unit-'.length)));
  return ids.sort();
}

describe('the dashboard in Chromium', () => {
  it('a zone chief sees their zone, drills down to a unit day, and nudges a lagging unit', async () => {
    const page = await dashboardAs(DEMO_PEOPLE.zoneChief);
    await expect.poll(() => page.getByTestId('card-recent').textContent()).toMatch(/完成率/);
    expect(await shownUnitIds(page)).toEqual(unitIdsOfZone(DEMO.zoneId));
    expect(await page.getByTestId('zone-table').count()).toBe(0); // one zone: no zone table
    await screenshot(page, 'dashboard-zone-chief');

    // Every unit's row says whether there is something to chase now: a 催办 button, or 无需催办 (and the rule is written above the table).
    const zoneUnits = unitIdsOfZone(DEMO.zoneId);
    await expect.poll(() => page.locator('[data-testid^="nudge-u"], [data-testid^="no-nudge-"]').count()).toBe(zoneUnits.length);
    for (const cell of await page.locator('[data-testid^="no-nudge-"]').all()) {
      expect(await cell.textContent()).toBe('无需催办');
      expect(await cell.getAttribute('title')).toBe('今天和本周已到时的事项都已完成，也没有超过整改时限的问题');
    }
    expect(await page.getByTestId('chase-rule').textContent()).toMatch(/^催办只对现在有欠账的单位：今天或本周已到时还没完成的事项，或超过整改时限的问题；都没有的显示“无需催办”。$/);

    // 催办 the first lagging unit that has something to chase.
    const nudge = page.locator('[data-testid^="nudge-"]').first();
    const nudgedUnit = (await nudge.getAttribute('data-testid'))!.slice('nudge-'.length);
    await nudge.click();
    await expect.poll(() => page.getByTestId(`nudged-${nudgedUnit}`).textContent()).toBe('已催办');
    const db = openServerDb(server.dataDir);
    try {
      // Saved in the browser, then sent by the background's sync.
      const nudges = () => db.select().from(events).where(and(eq(events.kind, 'nudge.sent'), eq(events.unitId, nudgedUnit))).all();
      await expect.poll(() => nudges().length, { timeout: 20_000 }).toBe(1);
      const stored = nudges();
      expect((stored[0].payload as { message: string }).message).toMatch(/催办/);
      expect(stored[0].actorId).toBe(DEMO_PEOPLE.zoneChief);
    } finally {
      db.$client.close();
    }

    // Drill down: the unit's row → its day, each item with its state, who and when.
    await page.getByTestId(`unit-${DEMO.unitId}`).getByRole('button').first().click();
    await page.getByTestId('day-items').waitFor();
    const rows = page.locator('[data-testid="day-items"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    // The last working day before today is settled: each item done names who did it and when.
    let day = addDays(dateKeyOf(Date.now()), -1);
    while (!PACKAGE_CALENDAR.isWorkingDay(day)) day = addDays(day, -1);
    await page.getByTestId('unit-date').fill(day);
    await page.getByText(longDateLabel(day)).first().waitFor();
    await expect.poll(() => page.locator('[data-testid="day-items"] td.status').allTextContents()).not.toContain('待完成');
    const cells = await page.locator('[data-testid="day-items"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const done = cells.filter((c) => c[3] === '按时完成' || c[3] === '逾期完成');
    expect(done.length).toBeGreaterThan(0);
    for (const c of done) {
      expect(c[4]).toMatch(/^[\u4e00-\u9fff]{2,4}$/); // 完成人: a name
      expect(c[5]).toMatch(/^\d+月\d+日 \d{2}:\d{2}$/); // 完成时间
    }
    await screenshot(page, 'dashboard-unit-day');
  });

  it('an open dashboard follows a tick made on another device within seconds, without 刷新', async () => {
    const page = await dashboardAs(DEMO_PEOPLE.unitHead);
    const { token } = await apiClient(server.url).auth.enrol.mutate({ code: issueCode(server.dataDir, DEMO_PEOPLE.staff), deviceName: '办公室另一台电脑' });
    const staff = apiClient(server.url, token);
    const day = await staff.report.unitDay.query({ unitId: DEMO.unitId, date: dateKeyOf(Date.now()) });
    // Tick something not done yet, or else untick something done: either way the card's figures move.
    const open = day.items.find((i) => i.status === 'pending' || i.status === 'overdue');
    const item = open ?? day.items.find((i) => i.status === 'on_time' || i.status === 'late');
    expect(item, '演示单位今天和本周应有责任事项').toBeDefined();
    const card = page.getByTestId(item!.cadence === 'daily' ? 'card-today' : 'card-week');
    const before = await card.textContent();

    const kind = open ? 'duty.checked' : 'duty.unchecked';
    await staff.sync.push.mutate({ events: [{ id: uuidv7(), unitId: DEMO.unitId, clientTime: Date.now(), kind, payload: { dutyId: item!.dutyId, periodKey: item!.periodKey } }] });
    // Nobody presses 刷新: the page polls the change version and reads the overview again.
    await expect.poll(() => card.textContent(), { timeout: 20_000 }).not.toBe(before);
  });

  it('the command center sees the county, downloads the XLSX export and prints the 通报', async () => {
    const page = await dashboardAs(DEMO_PEOPLE.command);
    await page.getByTestId('zone-table').waitFor();
    const db = openServerDb(server.dataDir);
    const unitCount = db.select({ id: units.id }).from(units).all().length;
    db.$client.close();
    expect((await shownUnitIds(page)).length).toBe(unitCount);
    expect(await page.locator('[data-testid^="zone-z"]').count()).toBe(34);
    await screenshot(page, 'dashboard-command');

    const download = page.waitForEvent('download');
    await page.getByTestId('export-xlsx').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^片区通_汇总_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const path = join(OUTPUT_DIR, file.suggestedFilename());
    await file.saveAs(path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['汇总', '按片区', '按单位', '每日明细', '问题清单', '群众满意度', '考核得分']);
    expect(book.getWorksheet('按单位')!.rowCount).toBe(1 + unitCount);
    expect(book.getWorksheet('按片区')!.rowCount).toBe(1 + 34);
    expect(book.getWorksheet('汇总')!.getRow(2).getCell(2).value).toBe('全县');

    await page.getByTestId('tab-issues').click();
    await page.getByTestId('issue-list').waitFor();
    await page.getByTestId('filter-overdue').check();
    await expect.poll(async () => (await page.locator('[data-testid="issue-list"] tbody tr').allTextContents()).every((t) => t.includes('已超期'))).toBe(true);
    await page.locator('[data-testid="issue-list"] tbody tr button').first().click();
    await page.getByTestId('issue-history').getByText('上报').first().waitFor();
    await screenshot(page, 'dashboard-issues');

    await page.getByTestId('tab-bulletin').click();
    const bulletin = page.getByTestId('bulletin');
    await bulletin.waitFor();
    expect(await bulletin.textContent()).toMatch(/创建国家卫生县城工作通报[\s\S]*第\d+期[\s\S]*创卫指挥部/);
    expect(await page.getByTestId('bulletin-overall').textContent()).toMatch(/完成率\d+\.\d%/);
    expect(await page.getByTestId('bulletin-checkpoint').textContent()).toMatch(/^台账校验：\d+:[0-9a-f]{16}$/);
    await screenshot(page, 'dashboard-bulletin');
    await bulletin.screenshot({ path: join(OUTPUT_DIR, 'dashboard-bulletin-sheet.png') });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: join(OUTPUT_DIR, 'bulletin.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(readFileSync(join(OUTPUT_DIR, 'bulletin.pdf')).subarray(0, 4).toString()).toBe('%PDF');
    // Every printed page is numbered 第 N 页 共 M 页 (pdftotext, from poppler-utils, drops the spaces).
    const printed = execFileSync('pdftotext', [join(OUTPUT_DIR, 'bulletin.pdf'), '-'], { encoding: 'utf8' });
    const numbers = [...printed.matchAll(/第(\d+)页共(\d+)页/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, i) => [i + 1, numbers.length]));
    expect(printed).not.toMatch(/完成率[+-]\d/);
  });

  it.each([
    ['a zone chief', DEMO_PEOPLE.zoneChief, ['role-overview', 'open-dashboard'], /12号五小厂片区[\s\S]*今天\s*完成率/],
    ['an inspector', DEMO_PEOPLE.inspector, ['role-rechecks', 'open-inspect'], /回头看\s*待回头看 \d+ 件，其中可核查 \d+ 件、已到期 \d+ 件/],
    ['the command center', DEMO_PEOPLE.command, ['role-overview', 'role-to-assign', 'open-inspect', 'open-dashboard'], /待交办问题\s*\d+/],
  ])('the side panel of %s shows what they answer for, with links into their pages', async (who, personId, parts, text) => {
    const browser = await launchExtension(undefined, extensionDir);
    browsers.push(browser);
    await enrol(await browser.openPage('options.html'), server.url, issueCode(server.dataDir, personId));
    const panel = await browser.openPage('sidepanel.html');
    await panel.setViewportSize({ width: 400, height: 800 });
    for (const part of parts) await panel.getByTestId(part).waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.getByTestId('role-summary').textContent()).toMatch(text);
    await screenshot(panel, `sidepanel-role-${personId}`);
    expect(who).toBeTruthy();
  });
});

describe('dates in a browser set to English', () => {
  it('the date fields still read 2026-11-27, take a date typed the Chinese way, and refuse a wrong one in Chinese', async () => {
    const browser = await launchExtension(undefined, extensionDir, { locale: 'en-US' });
    browsers.push(browser);
    await enrol(await browser.openPage('options.html'), server.url, issueCode(server.dataDir, DEMO_PEOPLE.command));
    const page = await browser.openPage('dashboard.html');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
    await page.getByTestId('heatmap').waitFor({ timeout: 30_000 });
    const from = page.getByTestId('export-from');
    // A native date input would show 11/02/2026 here.
    expect(await from.inputValue()).toMatch(/^20\d{2}-\d{2}-\d{2}$/);
    await from.fill('2026年11月2日');
    await from.blur();
    expect(await from.inputValue()).toBe('2026-11-02');
    await from.fill('11/02/2026');
    await from.blur();
    await expect.poll(() => page.locator('[data-testid="exports"] [role="alert"]').textContent()).toBe('请按“2026-11-27”的格式填写日期');
    await screenshot(page, 'dashboard-dates-english-browser');
    await from.fill('2026-11-03');
    await from.blur();
    expect(await page.locator('[data-testid="exports"] [role="alert"]').count()).toBe(0);
  });
});

describe('考核 in the dashboard', () => {
  it('the command center edits the rubric and issues a bulletin; a unit head appeals; the archive reprints the original', async () => {
    const command = await dashboardAs(DEMO_PEOPLE.command);
    await command.getByTestId('tab-assessment').click();
    await command.getByTestId('unit-scores').waitFor({ timeout: 30_000 });
    // Last week's ranking, as a Monday looks back on it: 红榜 at the top, 黑榜 at the bottom, the ladder beside.
    await command.getByTestId('period-lastWeek').check();
    await expect.poll(() => command.getByTestId('unit-scores').textContent(), { timeout: 30_000 }).toMatch(/红榜[\s\S]*黑榜\s*(首次上黑榜|连续第\d+次上黑榜)，通报批评/);
    await screenshot(command, 'assessment-last-week');
    await command.getByTestId('rubric-missedDaily').fill('1');
    await command.getByTestId('rubric-save').click();
    await expect.poll(() => command.getByTestId('rubric-message').textContent(), { timeout: 30_000 }).toMatch(/已保存/);

    await command.getByTestId('tab-bulletin').click();
    await command.getByTestId('bulletin-issue').waitFor({ timeout: 30_000 });
    expect(await command.getByTestId('bulletin-issue').textContent()).toBe('签发第1期');
    await command.getByTestId('bulletin-issue').click();
    await expect.poll(() => command.getByTestId('bulletin-message').textContent(), { timeout: 30_000 }).toBe('第1期已签发并存档');
    await command.getByTestId('bulletin-checkpoint').waitFor();
    const original = await command.getByTestId('bulletin').textContent();
    expect(original).toMatch(/第1期[\s\S]*黑榜：[^。]*首次上黑榜，予以通报批评[\s\S]*累计通报问题\d+件次、通报单位\d+个[\s\S]*台账校验：\d+:[0-9a-f]{16}$/);
    await screenshot(command, 'assessment-bulletin-issued');
    // The zones at the bottom are named with their chiefs, the lowest first.
    const bottom = (await command.getByTestId('bulletin-bottom-zones').textContent())!;
    expect(bottom).toMatch(/片长[^，]+，牵头单位/);
    const ranks = [...bottom.matchAll(/排第(\d+)名/g)].map((m) => Number(m[1]));
    expect(ranks.length).toBeGreaterThan(0);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));

    const head = await dashboardAs(DEMO_PEOPLE.unitHead);
    await head.getByTestId('tab-assessment').click();
    await head.getByTestId('period-campaign').check();
    await head.getByTestId(`open-score-${DEMO.unitId}`).click({ timeout: 30_000 });
    const first = head.getByTestId('deductions').locator('tbody tr').first();
    await first.waitFor({ timeout: 30_000 });
    await first.getByTestId('appeal-open').click();
    await first.getByTestId('appeal-reason').fill('当日全县停水，无法冲洗，已于次日补做');
    await first.getByTestId('appeal-send').click();
    await expect.poll(() => first.textContent(), { timeout: 30_000 }).toMatch(/待处理/);
    await screenshot(head, 'assessment-appeal');
    // The unit's own score, in its side panel (the same browser: the head belongs to the unit).
    const panel = await browsers[browsers.length - 1].openPage('sidepanel.html');
    await expect.poll(() => panel.getByTestId('my-score').textContent(), { timeout: 30_000 }).toMatch(/^本周考核得分 [\d.]+ 分，全县(第 \d+ 名（共 90 个单位）|并列第 \d+ 名（共 90 个单位，\d+ 个单位同分）)$/);
    await screenshot(panel, 'assessment-panel-score');

    await command.getByTestId('tab-assessment').click();
    const appeal = command.getByTestId('appeals').locator('tbody tr').first();
    await appeal.waitFor({ timeout: 30_000 });
    expect(await appeal.textContent()).toContain('当日全县停水');
    await appeal.getByTestId('appeal-accept').click();
    await expect.poll(() => appeal.getByTestId('appeal-state').textContent(), { timeout: 30_000 }).toBe('已采纳');
    await command.getByTestId('appeals').screenshot({ path: join(OUTPUT_DIR, 'assessment-appeal-accepted.png') });

    await command.getByTestId('tab-bulletin').click();
    await command.getByTestId('bulletin-archive').locator('summary').click();
    await command.getByTestId('archive-1').click();
    await command.getByTestId('bulletin-checkpoint').waitFor();
    expect(await command.getByTestId('bulletin').textContent()).toBe(original);
    await screenshot(command, 'assessment-archive-reprint');
    // The checkpoint printed on the reprint checks out against the ledger, events written since notwithstanding.
    const printedCheckpoint = (await command.getByTestId('bulletin-checkpoint').textContent())!.replace('台账校验：', '');
    const verified = execFileSync(join('node_modules', '.bin', 'tsx'), ['server/cli/admin.ts', 'verify', '--checkpoint', printedCheckpoint], { env: { ...process.env, DATA_DIR: server.dataDir }, encoding: 'utf8' });
    expect(verified).toContain(`与所给的台账校验 ${printedCheckpoint} 一致`);
    // Printed as the county prints it: A4 pages (their size and margins from the page's own @page rule).
    const pdf = await command.pdf({ path: join(OUTPUT_DIR, 'assessment-bulletin.pdf'), preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(1);
  });
});

describe('one person, a unit’s staff and a zone’s 片长', () => {
  it('one device: the panel lists the unit’s duties and the zone’s figures; the dashboard shows the zone’s units and the chief’s tabs', async () => {
    // The demo unit's second staff member (…3; …2 is DEMO_PEOPLE.staff), named chief of 15号 for this test only.
    const personId = `${DEMO_PEOPLE.staff.slice(0, -1)}3`;
    const chiefZone = zoneId(15);
    const db = openServerDb(server.dataDir);
    const zone = db.select().from(zones).where(eq(zones.id, chiefZone)).get()!;
    // What a 片长 of 15号 sees besides his own unit: the units at home there and those with a cell there.
    const zoneUnits = new Set([...unitIdsOfZone(chiefZone), ...db.select({ id: gridCells.unitId }).from(gridCells).where(eq(gridCells.zoneId, chiefZone)).all().map((c) => c.id)]);
    try {
      db.update(zones).set({ chiefPersonId: personId }).where(eq(zones.id, chiefZone)).run();
      const browser = await launchExtension(undefined, extensionDir);
      browsers.push(browser);
      const options = await browser.openPage('options.html');
      expect(await enrol(options, server.url, issueCode(server.dataDir, personId))).toContain(`${zone.name}片长`);

      const panel = await browser.openPage('sidepanel.html');
      await panel.locator('[data-testid^="duty-"] input[type=checkbox]').first().waitFor({ timeout: 15_000 });
      const chief = panel.getByTestId('chief-summary');
      await chief.getByTestId('role-overview').waitFor({ timeout: 15_000 });
      expect(await chief.getByRole('heading', { level: 2 }).textContent()).toBe(zone.name);
      await screenshot(panel, 'sidepanel-staff-and-chief');

      const page = await browser.openPage('dashboard.html');
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByTestId('overview').waitFor();
      await page.getByTestId('heatmap').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('who').textContent()).toContain(`责任单位工作人员 · ${zone.name}片长`);
      expect(await shownUnitIds(page)).toEqual([...new Set([...zoneUnits, DEMO.unitId])].sort());
      await page.getByTestId('tab-queue').waitFor(); // 待交办: the chief's, not a staff member's
      await screenshot(page, 'dashboard-staff-and-chief');
    } finally {
      db.update(zones).set({ chiefPersonId: zone.chiefPersonId }).where(eq(zones.id, chiefZone)).run();
      db.$client.close();
    }
  });
});
