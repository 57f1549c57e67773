/*
 * 责任清单: the county's duty list and which units do each item. The command center adds or removes units per
 * item on screen (a whole new list comes by 导入名单). Every unit doing an item is stored as "all units".
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { weekdayName } from '../../../shared/labels';
import { useCall } from '../useCall';
import type { AdminSectionProps } from './sections';

export function DutiesSection({ session }: AdminSectionProps) {
  const { api } = session;
  const duties = useCall(() => api.org.duties.query(), [api]);
  const org = useCall(() => api.org.scope.query(), [api]);
  const [editing, setEditing] = useState<{ dutyId: string; unitIds: Set<string> } | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  if (duties.error || org.error) return <p class="error">{duties.error ?? org.error}</p>;
  if (!duties.data || !org.data) return <p class="muted">正在读取…</p>;
  const units = org.data.units;
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const who = (unitIds: readonly string[]) =>
    !unitIds.length ? '全部单位' : unitIds.length <= 3 ? unitIds.map((id) => unitName.get(id)).join('、') : `${unitIds.length}个单位`;

  async function save() {
    if (!editing) return;
    try {
      await api.admin.setDutyUnits.mutate({ dutyId: editing.dutyId, unitIds: [...editing.unitIds] });
      setMessage('已保存：各单位下次同步后看到新的责任清单');
      setEditing(null);
      duties.reload();
    } catch (e) {
      setMessage(errorMessage(e));
    }
  }

  const toggle = (unitId: string) => {
    if (!editing) return;
    const next = new Set(editing.unitIds);
    if (next.has(unitId)) next.delete(unitId);
    else next.add(unitId);
    setEditing({ ...editing, unitIds: next });
  };

  return (
    <div>
      {message ? <p class="notice" role="status">{message}</p> : null}
      <table data-testid="duty-table">
        <thead>
          <tr>
            <th>类别</th>
            <th>事项</th>
            <th>频次与截止</th>
            <th>适用单位</th>
          </tr>
        </thead>
        <tbody>
          {duties.data.map((d) => (
            <tr key={d.id}>
              <td>{CATEGORY_NAMES[d.category]}</td>
              <td>{d.title}</td>
              <td>{d.cadence === 'daily' ? `每天 ${d.dueTime}` : `每周 ${weekdayName(d.dueWeekday)} ${d.dueTime}`}</td>
              <td>
                {editing?.dutyId === d.id ? (
                  <div class="unit-choice">
                    {units.map((u) => (
                      <label key={u.id} class="inline">
                        <input type="checkbox" checked={editing.unitIds.has(u.id)} onChange={() => toggle(u.id)} />
                        {u.name}
                      </label>
                    ))}
                    <button type="button" data-testid="duty-units-save" onClick={save}>
                      保存
                    </button>
                    <button type="button" class="link" onClick={() => setEditing(null)}>
                      取消
                    </button>
                  </div>
                ) : (
                  <>
                    {who(d.unitIds)}
                    <button type="button" class="link" data-testid={`duty-units-${d.id}`} onClick={() => setEditing({ dutyId: d.id, unitIds: new Set(d.unitIds.length ? d.unitIds : units.map((u) => u.id)) })}>
                      调整
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
