/* Escalation notifications: each overdue issue notifies once per level; a climb notifies again; nothing without enrolment. */
import { describe, expect, it } from 'vitest';
import { checkAlerts, shownAlertsItem, type Alert, type AlertDeps } from '../../extension/lib/alerts';
import { enrolmentItem } from '../../extension/lib/enrolment';

const ENROLMENT = { serverUrl: 'http://127.0.0.1:1', token: 't', personId: 'p-dept', name: '赵敏', role: 'dept_head' as const, roles: ['dept_head' as const], chiefOf: [], deviceId: 'd', unit: null };

function alert(id: string, level: Alert['level'], levelName: string): Alert {
  return { id, level, levelName, levelIndex: 1, overdueDays: 2, since: 0, unitName: '县教育局', zoneName: '1号人民广场片区', place: '人民路东段', description: '垃圾桶满溢' } as Alert;
}

/** Deps that serve `current` and record what was shown. */
function fake(current: { alerts: Alert[] }) {
  const shown: { id: string; title: string; message: string }[] = [];
  const deps: AlertDeps = { fetchAlerts: async () => current.alerts, notify: async (id, n) => void shown.push({ id, ...n }) };
  return { deps, shown };
}

describe('checkAlerts', () => {
  it('does nothing before the browser is enrolled', async () => {
    const { deps, shown } = fake({ alerts: [alert('i1', 'leadUnit', '牵头单位')] });
    expect(await checkAlerts(deps)).toBe(0);
    expect(shown).toEqual([]);
  });

  it('shows each alert once per level, again when it climbs, and forgets issues no longer overdue', async () => {
    await enrolmentItem.setValue(ENROLMENT);
    const current = { alerts: [alert('i1', 'leadUnit', '牵头单位'), alert('i2', 'leadUnit', '牵头单位')] };
    const { deps, shown } = fake(current);

    expect(await checkAlerts(deps)).toBe(2);
    expect(shown[0]).toEqual({ id: 'alert:i1:leadUnit', title: '问题超期2天，已升级至牵头单位', message: '县教育局（1号人民广场片区）人民路东段：垃圾桶满溢' });
    expect(await checkAlerts(deps)).toBe(0); // nothing new

    current.alerts = [alert('i1', 'zoneChief', '片长')]; // i1 climbed, i2 was fixed
    expect(await checkAlerts(deps)).toBe(1);
    expect(shown.at(-1)!.id).toBe('alert:i1:zoneChief');
    expect(await shownAlertsItem.getValue()).toEqual(['i1:zoneChief']);

    current.alerts = [alert('i1', 'zoneChief', '片长'), alert('i2', 'leadUnit', '牵头单位')]; // i2 overdue again after a 返工
    expect(await checkAlerts(deps)).toBe(1);
  });
});
