/*
 * Duplicates and hotspots: before reporting, open issues of the same category at the same place from the last
 * 7 days are offered; a place with 3 or more issues in 30 days is flagged 反复出现.
 */
import { describe, expect, it } from 'vitest';
import { pushEvents } from '../../server/domain/ledger';
import { fixedClock } from '../../server/clock';
import { DAY } from '../../shared/calendar';
import { PEOPLE, actor, smallCounty } from './fixtures/smallCounty';
import { NOW, callerFor, issueIn, reportEvent } from './supervision.helpers';

describe('similar open issues (offer a merge)', () => {
  function county() {
    const db = smallCounty();
    const report = (unitId: string, daysAgo: number, o: Parameters<typeof reportEvent>[2]) => {
      const e = reportEvent(unitId, NOW - daysAgo * DAY, o);
      pushEvents(db, actor(PEOPLE.inspector), [e], NOW - daysAgo * DAY);
      return (e.payload as { issueId: string }).issueId;
    };
    return { db, report };
  }

  it('offers the same category in the same grid cell from the last 7 days, not older, closed, or elsewhere', async () => {
    const { db, report } = county();
    const match = report('u-a', 2, { gridCellId: 'g-a1' });
    report('u-a', 8, { gridCellId: 'g-a1' }); // too old
    report('u-a', 1, { gridCellId: 'g-a1', category: 'greening' }); // other category
    report('u-a', 1, { gridCellId: null, place: '县教育局后门' }); // no cell given
    report('u-b', 1, { gridCellId: 'g-b1' }); // other zone
    const closed = issueIn(db, 'u-a', 'verified', NOW - DAY, { gridCellId: 'g-a1' });
    const similar = await callerFor(db, PEOPLE.inspector).supervision.similarOpen({ category: 'sanitation', zoneId: 'z1', gridCellId: 'g-a1' });
    expect(similar.map((i) => i.id)).toEqual([match]);
    expect(similar.map((i) => i.id)).not.toContain(closed);
    expect(similar[0]).toMatchObject({ samePlace: true, gridCellName: '人民路东段', unitName: '县教育局' });
  });

  it('without a grid cell, the whole zone is offered, the same place text first', async () => {
    const { db, report } = county();
    const elsewhere = report('u-a', 1, { place: '人民路西段' });
    const same = report('u-a', 3, { place: '人民路 东段' });
    const similar = await callerFor(db, PEOPLE.inspector).supervision.similarOpen({ category: 'sanitation', zoneId: 'z1', place: '人民路东段' });
    expect(similar.map((i) => [i.id, i.samePlace])).toEqual([[same, true], [elsewhere, false]]);
  });

  it('the window follows the command center’s setting', async () => {
    const { db, report } = county();
    const tenDays = report('u-a', 6, { gridCellId: 'g-a1' });
    await callerFor(db, PEOPLE.command).supervision.setSettings({ duplicateWindowDays: 5 });
    expect(await callerFor(db, PEOPLE.inspector).supervision.similarOpen({ category: 'sanitation', zoneId: 'z1', gridCellId: 'g-a1' })).toEqual([]);
    await callerFor(db, PEOPLE.command).supervision.setSettings({ duplicateWindowDays: 7 });
    expect((await callerFor(db, PEOPLE.inspector).supervision.similarOpen({ category: 'sanitation', zoneId: 'z1', gridCellId: 'g-a1' })).map((i) => i.id)).toEqual([tenDays]);
  });

  it('unit staff are offered only their own unit’s issues', async () => {
    const { db, report } = county();
    report('u-b', 1, { gridCellId: 'g-b1' });
    expect(await callerFor(db, PEOPLE.staffA).supervision.similarOpen({ category: 'sanitation', zoneId: 'z2', gridCellId: 'g-b1' })).toEqual([]);
    expect(await callerFor(db, PEOPLE.staffB).supervision.similarOpen({ category: 'sanitation', zoneId: 'z2', gridCellId: 'g-b1' })).toHaveLength(1);
  });
});

describe('hotspots (反复出现)', () => {
  it('three issues at one place within 30 days flag it; two do not; older ones and rejected ones do not count', async () => {
    const db = smallCounty();
    const clock = fixedClock(NOW);
    const cell = { gridCellId: 'g-a1' };
    const ids = [issueIn(db, 'u-a', 'verified', NOW - 20 * DAY, cell), issueIn(db, 'u-a', 'assigned', NOW - 10 * DAY, { ...cell, category: 'greening' })];
    issueIn(db, 'u-a', 'reported', NOW - 40 * DAY, cell); // too old
    issueIn(db, 'u-a', 'rejected', NOW - 5 * DAY, cell); // not a problem after all
    issueIn(db, 'u-b', 'reported', NOW - DAY, { place: '农贸市场 北门' });
    issueIn(db, 'u-b', 'reported', NOW - 2 * DAY, { place: '农贸市场北门' });
    const api = callerFor(db, PEOPLE.command, clock);
    expect(await api.supervision.hotspots()).toEqual([]);

    ids.push(issueIn(db, 'u-a', 'reported', NOW - DAY, cell));
    issueIn(db, 'u-b', 'rectified', NOW - 3 * DAY, { place: '农贸市场北门' });
    const spots = await api.supervision.hotspots();
    expect(spots.map((s) => [s.label, s.zoneName, s.gridCellName ?? s.place, s.count])).toEqual([
      ['反复出现', '1号人民广场片区', '人民路东段', 3],
      ['反复出现', '2号农贸市场片区', '农贸市场 北门', 3],
    ]);
    expect(spots[0].issueIds.sort()).toEqual(ids.sort());
    expect(spots[0].categories.sort()).toEqual(['greening', 'sanitation']);

    // 21 days later the oldest of the cell's three has left the window; the market gate's are all recent.
    clock.advance(21 * DAY);
    expect((await api.supervision.hotspots()).map((s) => s.zoneName)).toEqual(['2号农贸市场片区']);
  });

  it('a zone chief sees only the hotspots of their zone', async () => {
    const db = smallCounty();
    for (let i = 0; i < 3; i++) issueIn(db, 'u-a', 'reported', NOW - i * DAY, { gridCellId: 'g-a1' });
    for (let i = 0; i < 3; i++) issueIn(db, 'u-b', 'reported', NOW - i * DAY, { gridCellId: 'g-b1' });
    expect((await callerFor(db, PEOPLE.chief2).supervision.hotspots()).map((s) => s.gridCellId)).toEqual(['g-b1']);
    expect((await callerFor(db, PEOPLE.command).supervision.hotspots({ zoneId: 'z1' })).map((s) => s.gridCellId)).toEqual(['g-a1']);
  });
});
