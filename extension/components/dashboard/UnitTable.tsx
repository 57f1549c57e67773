/** Units, lagging first: their figures for the period, a click to drill down, and 催办 for those behind. */
import { useState } from 'preact/hooks';
import type { UnitStats } from './types';
import { percentLabel } from '../../../shared/labels';
import { rateClass } from './colours';

interface Props {
  units: UnitStats[];
  zoneNames: Map<string, string>;
  onOpen(unitId: string): void;
  /** Present when the caller may nudge: resolves once the nudge is stored, rejects with a message otherwise. */
  onNudge?: (unit: UnitStats) => Promise<void>;
}

/** Most missed first, then the lowest rate. */
export function lagOrder(a: UnitStats, b: UnitStats): number {
  return b.missed + b.overdue - (a.missed + a.overdue) || (a.rate ?? 1) - (b.rate ?? 1) || a.unitName.localeCompare(b.unitName, 'zh-CN');
}

export function UnitTable({ units, zoneNames, onOpen, onNudge }: Props) {
  const [sent, setSent] = useState<Record<string, string>>({});
  const nudge = (u: UnitStats) => {
    setSent((s) => ({ ...s, [u.unitId]: '正在发送…' }));
    onNudge!(u).then(
      () => setSent((s) => ({ ...s, [u.unitId]: '已催办' })),
      (e: Error) => setSent((s) => ({ ...s, [u.unitId]: e.message })),
    );
  };
  return (
    <table class="units" data-testid="unit-table">
      <thead>
        <tr>
          <th>单位</th>
          <th>片区</th>
          <th>完成率</th>
          <th>按时完成率</th>
          <th>应完成</th>
          <th>未完成</th>
          <th>已超时</th>
          {onNudge ? <th>催办</th> : null}
        </tr>
      </thead>
      <tbody>
        {[...units].sort(lagOrder).map((u) => (
          <tr key={u.unitId} data-testid={`unit-${u.unitId}`}>
            <td>
              <button type="button" class="link" onClick={() => onOpen(u.unitId)}>
                {u.unitName}
              </button>
            </td>
            <td>{zoneNames.get(u.zoneId) ?? ''}</td>
            <td class={rateClass(u.rate)}>{percentLabel(u.rate)}</td>
            <td>{percentLabel(u.onTimeRate)}</td>
            <td>{u.due}</td>
            <td class={u.missed ? 'poor' : ''}>{u.missed}</td>
            <td class={u.overdue ? 'poor' : ''}>{u.overdue}</td>
            {onNudge ? (
              <td>
                {u.missed + u.overdue > 0 ? (
                  sent[u.unitId] ? (
                    <span class="notice" data-testid={`nudged-${u.unitId}`}>{sent[u.unitId]}</span>
                  ) : (
                    <button type="button" data-testid={`nudge-${u.unitId}`} onClick={() => nudge(u)}>
                      催办
                    </button>
                  )
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
