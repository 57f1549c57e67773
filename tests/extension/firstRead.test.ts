/*
 * The side panel's first read (no Dexie): what it draws before the full panel loads must be exactly what Dexie
 * holds, and opening a browser that has never synced must not create a database Dexie would then find empty.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { uuidv7 } from 'uuidv7';
import { enrolmentItem, type Enrolment } from '../../extension/lib/enrolment';
import { firstRead } from '../../extension/lib/firstRead';
import { setDutyChecked } from '../../extension/lib/ledger';
import { freshDb } from './helpers';

const enrolment: Enrolment = {
  serverUrl: 'http://127.0.0.1:8787',
  token: 't',
  personId: 'p-staff-a',
  name: '张伟',
  role: 'staff',
  roles: ['staff'],
  chiefOf: [],
  deviceId: 'd1',
  unit: { id: 'u-a', name: '县教育局', zoneId: 'z1', zoneName: '1号人民广场片区' },
};

describe('the side panel’s first read', () => {
  it('returns the enrolment and the rows Dexie holds, duties in list order', async () => {
    const db = freshDb();
    await enrolmentItem.setValue(enrolment);
    await db.duties.bulkPut([
      { id: 'd-b', category: 'sanitation', title: '垃圾桶清理', description: '', cadence: 'daily', dueTime: '17:00', dueWeekday: 5, workingDaysOnly: false, unitIds: [], position: 1 },
      { id: 'd-a', category: 'sanitation', title: '门前清扫', description: '', cadence: 'daily', dueTime: '09:00', dueWeekday: 5, workingDaysOnly: true, unitIds: [], position: 0 },
    ]);
    await db.members.put({ id: 'p-staff-a', name: '张伟' });
    await setDutyChecked(db, { personId: 'p-staff-a', unitId: 'u-a' }, { dutyId: 'd-a', periodKey: '2026-11-27' }, true, Date.UTC(2026, 10, 27, 0, 30));
    const read = await firstRead(db.name);
    expect(read.enrolment).toEqual(enrolment);
    expect(read.duties.map((d) => d.id)).toEqual(['d-a', 'd-b']);
    expect(read.checks).toEqual(await db.dutyChecks.toArray());
    expect(read.members).toEqual([{ id: 'p-staff-a', name: '张伟' }]);
    db.close();
  });

  it('reads an enrolment stored before people could hold two roles as holding its one role (the migration may not have written it back yet)', async () => {
    const { roles: _roles, chiefOf: _chiefOf, ...older } = enrolment;
    await fakeBrowser.storage.local.set({ enrolment: older });
    const read = await firstRead(`never-${uuidv7()}`);
    expect(read.enrolment).toEqual(enrolment);
  });

  it('creates no database where none exists yet, and says there is nothing', async () => {
    const name = `never-${uuidv7()}`;
    const read = await firstRead(name);
    expect(read).toEqual({ enrolment: null, duties: [], checks: [], members: [], gridCells: [], calendarDays: [] });
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
  });
});
