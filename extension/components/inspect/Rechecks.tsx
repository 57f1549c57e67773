/*
 * 回头看: fixes to go back to, by due date (a setting's days after the fix), with redos awaited (返工) at the
 * end; filtered by team, zone and state, so a long list stays usable.
 */
import { useState } from 'preact/hooks';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import type { RecheckTask } from './types';

type Due = '' | 'due' | 'later' | 'redo';
const DUE_NAMES: Record<Exclude<Due, ''>, string> = { due: '已到期', later: '未到期', redo: '返工待整改' };

export interface RecheckFilter {
  zoneId: string;
  teamId: string;
  due: Due;
}

function matches(t: RecheckTask, f: RecheckFilter): boolean {
  if (f.zoneId && t.zoneId !== f.zoneId) return false;
  if (f.teamId && t.teamId !== f.teamId) return false;
  if (f.due === 'due') return t.canVerify && t.due;
  if (f.due === 'later') return t.canVerify && !t.due;
  if (f.due === 'redo') return !t.canVerify;
  return true;
}

interface Props {
  tasks: RecheckTask[];
  teams: { id: string; name: string }[];
  onOpen(issueId: string): void;
}

export function Rechecks({ tasks, teams, onOpen }: Props) {
  const [filter, setFilter] = useState<RecheckFilter>({ zoneId: '', teamId: '', due: '' });
  const set = (patch: Partial<RecheckFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const zones = [...new Map(tasks.map((t) => [t.zoneId, t.zoneName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN'));
  const shown = tasks.filter((t) => matches(t, filter));
  if (tasks.length === 0) return <p class="muted" data-testid="rechecks-empty">暂无需要回头看的问题</p>;
  return (
    <section data-testid="rechecks-section">
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>督查组
          <select data-testid="recheck-team" value={filter.teamId} onChange={(e) => set({ teamId: e.currentTarget.value })}>
            <option value="">全部</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        <label>片区
          <select data-testid="recheck-zone" value={filter.zoneId} onChange={(e) => set({ zoneId: e.currentTarget.value })}>
            <option value="">全部</option>
            {zones.map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select>
        </label>
        <label>状态
          <select data-testid="recheck-due" value={filter.due} onChange={(e) => set({ due: e.currentTarget.value as Due })}>
            <option value="">全部</option>
            {(Object.keys(DUE_NAMES) as Exclude<Due, ''>[]).map((d) => <option key={d} value={d}>{DUE_NAMES[d]}</option>)}
          </select>
        </label>
      </form>
      <p class="muted">共 {shown.length} 条</p>
      <table data-testid="rechecks">
        <thead>
          <tr><th>回头看日期</th><th>片区</th><th>责任单位</th><th>类别</th><th>地点</th><th>状态</th><th /></tr>
        </thead>
        <tbody>
          {shown.map((t) => (
            <tr key={t.id} data-testid={`recheck-${t.id}`}>
              <td class={t.due ? 'overdue' : ''}>{t.dueAt === null ? '待重新整改' : dateTimeLabel(t.dueAt)}{t.due && ' 已到期'}</td>
              <td>{t.zoneName}</td>
              <td>{t.unitName}</td>
              <td>{CATEGORY_NAMES[t.category]}</td>
              <td>{t.gridCellName ?? t.place}</td>
              <td>{ISSUE_STATE_NAMES[t.state]}</td>
              <td><button type="button" onClick={() => onOpen(t.id)}>{t.canVerify ? '核查' : '查看'}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
