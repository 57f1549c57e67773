/** 预警: overdue issues escalated to the caller's level, and places where problems keep coming back. */
import { CATEGORY_NAMES } from '../../../shared/categories';
import { dateTimeLabel } from '../../../shared/labels';
import { overdueDaysLabel } from '../../../shared/metrics';
import type { Alert, Hotspot } from './types';

export function AlertsList({ alerts, hotspots, onOpen }: { alerts: Alert[]; hotspots: Hotspot[]; onOpen(issueId: string): void }) {
  return (
    <section data-testid="alerts">
      <h3>超期升级</h3>
      {alerts.length === 0 ? <p class="muted">暂无超期问题</p> : (
        <ul>
          {alerts.map((a) => (
            <li key={a.id} data-testid={`alert-${a.id}`}>
              <strong class="overdue">已升级至{a.levelName}</strong> {a.unitName} · {a.zoneName} · {CATEGORY_NAMES[a.category]} · {a.place}，
              {overdueDaysLabel(a.overdueDays)}（时限 {dateTimeLabel(a.deadlineAt)}）
              <button type="button" class="link" onClick={() => onOpen(a.id)}>查看</button>
            </li>
          ))}
        </ul>
      )}
      <h3>反复出现的问题点位（近30天）</h3>
      {hotspots.length === 0 ? <p class="muted">暂无</p> : (
        <ul>
          {hotspots.map((h) => (
            <li key={h.key}>{h.label}：{h.zoneName} · {h.gridCellName ?? h.place}，{h.count}次（{h.categories.map((c) => CATEGORY_NAMES[c]).join('、')}）</li>
          ))}
        </ul>
      )}
    </section>
  );
}
