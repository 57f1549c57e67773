/** Units, lagging first: their figures for the period, a click to drill down, and 催办 for those behind. */
import { useState } from 'preact/hooks';
import type { UnitStats } from './types';
import { percentLabel } from '../../../shared/labels';
import { rateClass } from './colours';
import { DUTY_STATUS_NAMES as S, FIGURE_NAMES as F, isBehind, lagOrder } from '../../../shared/metrics';

interface Props {
  units: UnitStats[];
  zoneNames: Map<string, string>;
  onOpen(unitId: string): void;
  /** Present when the caller may nudge: resolves once the nudge is stored, rejects with a message otherwise. */
  onNudge?: (unit: UnitStats) => Promise<void>;
  /** Whether there is something the unit can still do now (a nudge names it), undefined while not yet known; behind over the range otherwise. */
  nudgeable?: (unit: UnitStats) => boolean | undefined;
}

/** Lag order (shared/metrics.ts), then by name. */
function unitOrder(a: UnitStats, b: UnitStats): number {
  return lagOrder(a, b) || a.unitName.localeCompare(b.unitName, 'zh-CN');
}

export function UnitTable({ units, zoneNames, onOpen, onNudge, nudgeable = isBehind }: Props) {
  const [sent, setSent] = useState<Record<string, string>>({});
  const nudge = (u: UnitStats) => {
    setSent((s) => ({ ...s, [u.unitId]: '正在发送…' }));
    onNudge!(u).then(
      () => setSent((s) => ({ ...s, [u.unitId]: '已催办' })),
      (e: Error) => setSent((s) => ({ ...s, [u.unitId]: e.message })),
    );
  };
  return (
    <>
      {onNudge ? (
        <p class="muted" data-testid="chase-rule">
          催办只对现在有欠账的单位：今天或本周已到时还没完成的事项，或超过整改时限的问题；都没有的显示“无需催办”。
        </p>
      ) : null}
      <table class="units" data-testid="unit-table">
        <thead>
          <tr>
            <th>单位</th>
            <th>片区</th>
            <th>{F.rate}</th>
            <th>{F.onTimeRate}</th>
            <th>{F.dueByNow}</th>
            <th>{S.missed}</th>
            <th>{S.overdue}</th>
            {onNudge ? <th>催办</th> : null}
          </tr>
        </thead>
        <tbody>
          {[...units].sort(unitOrder).map((u) => {
            const chase = onNudge ? nudgeable(u) : undefined;
            return (
              <tr key={u.unitId} data-testid={`unit-${u.unitId}`}>
                <td>
                  <button type="button" class="link" onClick={() => onOpen(u.unitId)}>
                    {u.unitName}
                  </button>
                </td>
                <td>{zoneNames.get(u.zoneId) ?? ''}</td>
                <td class={rateClass(u.rate)}>{percentLabel(u.rate)}</td>
                <td>{percentLabel(u.onTimeRate)}</td>
                <td>{u.dueByNow}</td>
                <td class={u.missed ? 'poor' : ''}>{u.missed}</td>
                <td class={u.overdue ? 'poor' : ''}>{u.overdue}</td>
                {onNudge ? (
                  <td>
                    {chase ? (
                      sent[u.unitId] ? (
                        <span class="notice" data-testid={`nudged-${u.unitId}`}>{sent[u.unitId]}</span>
                      ) : (
                        <button type="button" data-testid={`nudge-${u.unitId}`} onClick={() => nudge(u)}>
                          催办
                        </button>
                      )
                    ) : chase === false ? (
                      <span class="muted" data-testid={`no-nudge-${u.unitId}`} title="今天和本周已到时的事项都已完成，也没有超过整改时限的问题">
                        无需催办
                      </span>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
