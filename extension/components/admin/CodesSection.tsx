/*
 * 登记码: codes for one person, one unit's people not yet enrolled, or everyone not yet enrolled, printed as a
 * sheet of slips to hand out. The county's people are listed with their phones (the command center may see them).
 */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { useCall } from '../useCall';
import type { AdminSectionProps } from './sections';
import { CodeSlips, type Slip } from './CodeSlips';

type TargetKind = 'person' | 'unit' | 'everyone';

export function CodesSection({ session }: AdminSectionProps) {
  const { api } = session;
  const people = useCall(() => api.admin.people.query(), [api]);
  const [kind, setKind] = useState<TargetKind>('person');
  const [personId, setPersonId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [days, setDays] = useState(7);
  const [slips, setSlips] = useState<Slip[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const list = people.data ?? [];
  const units = [...new Map(list.filter((p) => p.unitId).map((p) => [p.unitId!, p.unitName!])).entries()];
  const target = kind === 'person' ? (personId ? { person: personId } : null) : kind === 'unit' ? (unitId ? { unit: unitId } : null) : { everyone: true as const };

  async function issue() {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      const issued = await api.admin.issueCodes.mutate({ target, days });
      setSlips(issued);
      if (!issued.length) setError('所选范围内的人员都已登记设备，没有生成新的登记码');
      people.reload();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <div class="controls no-print">
        <label class="inline">
          <input type="radio" name="code-target" checked={kind === 'person'} onChange={() => setKind('person')} />
          一个人
        </label>
        <select data-testid="code-person" value={personId} disabled={kind !== 'person'} onChange={(e) => setPersonId(e.currentTarget.value)}>
          <option value="">请选择人员</option>
          {list.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}（{p.unitName ?? p.roleName}）
            </option>
          ))}
        </select>
        <label class="inline">
          <input type="radio" name="code-target" data-testid="code-target-unit" checked={kind === 'unit'} onChange={() => setKind('unit')} />
          一个单位尚未登记的人员
        </label>
        <select data-testid="code-unit" value={unitId} disabled={kind !== 'unit'} onChange={(e) => setUnitId(e.currentTarget.value)}>
          <option value="">请选择单位</option>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <label class="inline">
          <input type="radio" name="code-target" data-testid="code-target-everyone" checked={kind === 'everyone'} onChange={() => setKind('everyone')} />
          全部尚未登记的人员
        </label>
        <label class="inline">
          有效期
          <input type="number" min={1} max={90} value={days} onInput={(e) => setDays(Number(e.currentTarget.value))} />天
        </label>
        <button type="button" data-testid="code-issue" disabled={busy || !target} onClick={issue}>
          生成登记码
        </button>
      </div>
      {error ? <p class="error no-print" role="alert">{error}</p> : null}
      {slips?.length ? <CodeSlips slips={slips} serverUrl={session.enrolment.serverUrl} /> : null}
      <h3 class="no-print">全县人员（{list.length}）</h3>
      {people.error ? <p class="error no-print">{people.error}</p> : null}
      <table class="no-print" data-testid="people-table">
        <thead>
          <tr>
            <th>姓名</th>
            <th>单位</th>
            <th>角色</th>
            <th>联系电话</th>
            <th>已登记设备</th>
          </tr>
        </thead>
        <tbody>
          {list.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.unitName ?? '—'}</td>
              <td>{p.roleName}</td>
              <td>{p.phone ?? ''}</td>
              <td>{p.activeDevices || ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
