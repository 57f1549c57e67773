/* The side panel renders from IndexedDB alone (no server anywhere) and a tick is recorded locally at once. */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { instantAt } from '../../shared/calendar';
import type { PanelDb } from '../../extension/lib/db';
import { enrolmentItem, type Enrolment } from '../../extension/lib/enrolment';
import { App } from '../../extension/entrypoints/sidepanel/App';
import { BINS, CORNER, SIGNS, SWEEP } from './fixtures';
import { freshDb } from './helpers';

const ENROLMENT: Enrolment = {
  serverUrl: 'http://127.0.0.1:9',
  token: 'no-server-here',
  personId: 'p-staff-a',
  name: '张伟',
  role: 'staff',
  roles: ['staff'],
  chiefOf: [],
  deviceId: 'd-1',
  unit: { id: 'u-a', name: '县教育局', zoneId: 'z1', zoneName: '1号人民广场片区' },
};

let db: PanelDb;

beforeEach(async () => {
  db = freshDb();
  await enrolmentItem.setValue(ENROLMENT);
  await db.duties.bulkPut([SWEEP, SIGNS, BINS, CORNER].map((d, position) => ({ ...d, position })));
  await db.members.bulkPut([
    { id: 'p-staff-a', name: '张伟' },
    { id: 'p-head-a', name: '王强' },
  ]);
  const at = instantAt('2026-11-25', '09:12');
  await db.dutyChecks.put({ unitId: 'u-a', dutyId: 'd-signs', periodKey: '2026-11-25', checked: true, checkedAt: at, checkedBy: 'p-head-a', lastAt: at, lastEventId: 'e1', history: null });
});
afterEach(() => {
  cleanup();
  db.close();
});

describe('the side panel with no network', () => {
  it("shows today's list by category with due times, who ticked, progress and what is overdue", async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    const sweep = await screen.findByTestId('duty-d-sweep');
    expect(screen.getByTestId('progress').textContent).toBe('今日保洁 1/3，本周扫除 0/1');
    expect(within(sweep).getByText('已超时')).toBeTruthy();
    expect(sweep.textContent).toContain('09:00 前');
    expect(within(screen.getByTestId('duty-d-signs')).getByTestId('checked-by').textContent).toBe('王强 09:12');
    expect(screen.getByTestId('duty-d-corner').textContent).toContain('周五 17:00 前');
    // Categories in the county's order: 公共设施 before 环境卫生 before 病媒生物防治.
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(['公共设施', '环境卫生', '病媒生物防治']);
    // Never synced and no error: the first sync, asked for on opening, is under way.
    expect((await screen.findByTestId('sync-status')).textContent).toBe('正在同步…');
  });

  it('a weekly item done says on which day as well as when; a late daily one is marked 逾期完成', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    fireEvent.click(within(await screen.findByTestId('duty-d-corner')).getByRole('checkbox'));
    await waitFor(() => expect(within(screen.getByTestId('duty-d-corner')).getByTestId('checked-by').textContent).toBe('张伟 周三 10:30'));
    fireEvent.click(within(screen.getByTestId('duty-d-sweep')).getByRole('checkbox'));
    await waitFor(() => expect(within(screen.getByTestId('duty-d-sweep')).getByTestId('status-tag').textContent).toBe('逾期完成'));
  });

  it('a click ticks an item: in the list and in the outbox at once', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    const sweep = await screen.findByTestId('duty-d-sweep');
    fireEvent.click(within(sweep).getByRole('checkbox'));
    await waitFor(() => expect(within(screen.getByTestId('duty-d-sweep')).getByTestId('checked-by').textContent).toBe('张伟 10:30'));
    expect(screen.getByTestId('progress').textContent).toBe('今日保洁 2/3，本周扫除 0/1');
    const outbox = await db.outbox.toArray();
    expect(outbox.map((o) => [o.event.kind, o.event.payload])).toEqual([['duty.checked', { dutyId: 'd-sweep', periodKey: '2026-11-25' }]]);
    await waitFor(() => expect(screen.getByTestId('sync-status').textContent).toBe('待同步 1 条'));
  });

  it('Enter on a focused checkbox unticks it (a colleague’s tick: after confirming)', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    const box = within(await screen.findByTestId('duty-d-signs')).getByRole('checkbox') as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.keyDown(box, { key: 'Enter' });
    fireEvent.click(await screen.findByTestId('confirm-untick-yes'));
    await waitFor(() => expect(screen.getByTestId('progress').textContent).toBe('今日保洁 0/3，本周扫除 0/1'));
    expect((await db.outbox.toArray())[0].event.kind).toBe('duty.unchecked');
  });

  it('on a day off it says so instead of listing working-day items', async () => {
    render(<App db={db} now={() => instantAt('2026-10-01', '10:00')} />);
    await screen.findByTestId('duty-d-bins');
    expect(screen.getByText('今天是节假日（国庆节），工作日事项无需完成')).toBeTruthy();
    expect(screen.queryByTestId('duty-d-sweep')).toBeNull();
    expect(screen.getByTestId('progress').textContent).toBe('今日保洁 0/1，本周扫除 0/1');
  });

  it('not enrolled: a short message and a way to the options page', async () => {
    await enrolmentItem.removeValue();
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    expect((await screen.findByTestId('not-enrolled')).textContent).toContain('本浏览器尚未登记');
    expect(screen.getByRole('button', { name: '打开设置页' })).toBeTruthy();
  });

  it('a quick report is saved locally with the unit\'s zone, and listed under 本单位问题', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    await screen.findByTestId('issue-form');
    fireEvent.input(screen.getByTestId('issue-place'), { target: { value: '人民路东段' } });
    fireEvent.click(screen.getByTestId('issue-submit'));
    expect((await screen.findByRole('alert')).textContent).toBe('问题描述不能为空');
    fireEvent.input(screen.getByTestId('issue-description'), { target: { value: '垃圾桶满溢' } });
    fireEvent.click(screen.getByTestId('issue-submit'));
    await waitFor(async () => expect(await db.issues.count()).toBe(1));
    const [issue] = await db.issues.toArray();
    expect(issue).toMatchObject({ zoneId: 'z1', unitId: 'u-a', source: 'self_check', state: 'reported', place: '人民路东段' });
    const row = await screen.findByTestId(`issue-${issue.id}`);
    expect(row.textContent).toContain('已上报');
    expect(row.textContent).toContain('时限：11月26日 10:30（交办后按交办时间重新起算）');
  });
});

describe('ticks keep their history in the panel', () => {
  it('unticking a colleague’s completed item asks first; keeping it changes nothing, confirming records an untick', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    const signs = await screen.findByTestId('duty-d-signs');
    fireEvent.click(within(signs).getByRole('checkbox'));
    const ask = await screen.findByTestId('confirm-untick');
    expect(ask.textContent).toContain('王强');
    expect((within(signs).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    fireEvent.click(within(ask).getByText('保留'));
    await waitFor(() => expect(screen.queryByTestId('confirm-untick')).toBeNull());
    expect(await db.outbox.count()).toBe(0);

    fireEvent.click(within(screen.getByTestId('duty-d-signs')).getByRole('checkbox'));
    fireEvent.click(await screen.findByTestId('confirm-untick-yes'));
    await waitFor(async () => expect((await db.outbox.toArray()).map((o) => o.event.kind)).toEqual(['duty.unchecked']));
    await waitFor(() => expect((within(screen.getByTestId('duty-d-signs')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false));
    const row = await db.dutyChecks.get(['d-signs', '2026-11-25']);
    expect(row!.history!.map((m) => [m.by, m.checked])).toEqual([['p-head-a', true], ['p-staff-a', false]]);
  });

  it('unticking one’s own item needs no confirmation; a tick after the due time is marked 逾期完成', async () => {
    render(<App db={db} now={() => instantAt('2026-11-25', '10:30')} />);
    const sweep = await screen.findByTestId('duty-d-sweep');
    fireEvent.click(within(sweep).getByRole('checkbox'));
    await waitFor(() => expect(within(screen.getByTestId('duty-d-sweep')).getByTestId('status-tag').textContent).toBe('逾期完成'));
    fireEvent.click(within(screen.getByTestId('duty-d-sweep')).getByRole('checkbox'));
    await waitFor(async () => expect((await db.outbox.toArray()).map((o) => o.event.kind)).toEqual(['duty.checked', 'duty.unchecked']));
    expect(screen.queryByTestId('confirm-untick')).toBeNull();
    // On time: no tag.
    expect(within(screen.getByTestId('duty-d-signs')).queryByTestId('status-tag')).toBeNull();
  });
});
