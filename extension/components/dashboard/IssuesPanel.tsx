/** The issue list with filters (zone, unit, category, state, overdue) and each issue's history. */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import { useCall } from '../useCall';
import type { IssueFilter, IssueListed, OrgScope } from './types';
import { IssueRows } from './IssueRows';
import { IssueHistory } from './IssueHistory';
import { CATEGORIES, CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATES, ISSUE_STATE_NAMES } from '../../../shared/issueFlow';

export function IssuesPanel({ api, org }: { api: Api; org: OrgScope }) {
  const [filter, setFilter] = useState<IssueFilter>({});
  const [open, setOpen] = useState<IssueListed | null>(null);
  const list = useCall(() => api.report.issueList.query(filter), [api, JSON.stringify(filter)]);
  const set = (patch: Partial<IssueFilter>) => {
    setOpen(null);
    setFilter((f) => {
      const next = { ...f, ...patch };
      for (const k of Object.keys(next) as (keyof IssueFilter)[]) if (next[k] === '' || next[k] === undefined || next[k] === false) delete next[k];
      return next;
    });
  };
  const value = (e: Event) => (e.target as HTMLSelectElement).value;
  const units = org.units.filter((u) => !filter.zoneId || u.zoneId === filter.zoneId);
  return (
    <section data-testid="issues">
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          片区
          <select data-testid="filter-zone" value={filter.zoneId ?? ''} onChange={(e) => set({ zoneId: value(e), unitId: undefined })}>
            <option value="">全部片区</option>
            {org.zones.map((z) => (
              <option key={z.id} value={z.id}>{z.name}</option>
            ))}
          </select>
        </label>
        <label>
          单位
          <select data-testid="filter-unit" value={filter.unitId ?? ''} onChange={(e) => set({ unitId: value(e) })}>
            <option value="">全部单位</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{u.name}</option>
            ))}
          </select>
        </label>
        <label>
          类别
          <select data-testid="filter-category" value={filter.category ?? ''} onChange={(e) => set({ category: value(e) as IssueFilter['category'] })}>
            <option value="">全部类别</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>{CATEGORY_NAMES[c]}</option>
            ))}
          </select>
        </label>
        <label>
          状态
          <select data-testid="filter-state" value={filter.state ?? ''} onChange={(e) => set({ state: value(e) as IssueFilter['state'] })}>
            <option value="">全部状态</option>
            {ISSUE_STATES.map((s) => (
              <option key={s} value={s}>{ISSUE_STATE_NAMES[s]}</option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" data-testid="filter-overdue" checked={!!filter.overdue} onChange={(e) => set({ overdue: (e.target as HTMLInputElement).checked })} />
          只看超期
        </label>
      </form>
      {list.error ? <p class="error">{list.error}</p> : null}
      {list.data ? (
        <>
          <p class="muted">
            共 {list.data.issues.length} 条{list.data.more ? '（只显示最近的，请缩小范围）' : ''}
          </p>
          <IssueRows issues={list.data.issues} onOpen={setOpen} />
        </>
      ) : list.error ? null : (
        <p class="muted">正在读取…</p>
      )}
      {open ? <IssueHistory api={api} issue={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
