/*
 * 督查计划: choose the team and the kind of round; the page proposes zones for the kind (shared/roundPlan.ts:
 * a seeded random draw for 随机式, overdue first for 滚动式, hotspots for 点穴式, rechecks due for 回头式), the
 * inspector adjusts the ticks and starts. The zone list is searchable; the start button stays in view.
 */
import { useState } from 'preact/hooks';
import { dateTimeLabel, monthDay } from '../../../shared/labels';
import { INSPECTION_STATUS_NAMES } from '../../../shared/supervision';
import { ROUND_KINDS, ROUND_KIND_HINTS, ROUND_KIND_NAMES, type RoundKind } from '../../../shared/roundKinds';
import { proposeZones } from '../../../shared/roundPlan';
import type { ZoneDue } from './types';

export interface RoundPlan {
  kind: RoundKind | null;
  teamId: string;
  /** The random draw's seed, recorded with the round so the draw can be shown again. */
  seed: number | null;
  zoneIds: string[];
}

export const EMPTY_PLAN: RoundPlan = { kind: null, teamId: '', seed: null, zoneIds: [] };

interface Props {
  zones: ZoneDue[];
  teams: { id: string; name: string }[];
  everyDays: number;
  now(): number;
  plan: RoundPlan;
  onChange(plan: RoundPlan): void;
  onStart(): void;
}

function freshSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0];
}

export function ZonesDue({ zones, teams, everyDays, now, plan, onChange, onStart }: Props) {
  const [query, setQuery] = useState('');
  const propose = (kind: RoundKind) => {
    const seed = kind === 'random' ? freshSeed() : null;
    onChange({ ...plan, kind, seed, zoneIds: proposeZones(kind, zones, { now: now(), seed: seed ?? 0, everyDays }) });
  };
  const toggle = (id: string) => onChange({ ...plan, zoneIds: plan.zoneIds.includes(id) ? plan.zoneIds.filter((x) => x !== id) : [...plan.zoneIds, id] });
  const q = query.trim();
  const shown = q ? zones.filter((z) => z.name.includes(q) || String(z.number) === q.replace(/号$/, '')) : zones;
  // A team is asked for once the command center has set teams up; before that a round records none.
  const why = teams.length > 0 && !plan.teamId ? '请先选择督查组' : !plan.kind ? '请选择督查方式' : plan.zoneIds.length === 0 ? '请至少选择一个片区' : null;
  return (
    <section data-testid="zones-due">
      <div class="plan">
        <label>督查组
          <select data-testid="round-team" value={plan.teamId} onChange={(e) => onChange({ ...plan, teamId: e.currentTarget.value })}>
            <option value="">请选择</option>
            {teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
          </select>
        </label>
        {teams.length === 0 ? <p class="muted">尚未设置督查组，请指挥部在“督查设置”中添加</p> : null}
        <fieldset class="kinds">
          <legend>督查方式</legend>
          {ROUND_KINDS.map((k) => (
            <label key={k} class="kind">
              <input type="radio" name="round-kind" data-testid={`kind-${k}`} checked={plan.kind === k} onChange={() => propose(k)} />
              <strong>{ROUND_KIND_NAMES[k]}</strong> <span class="muted">{ROUND_KIND_HINTS[k]}</span>
            </label>
          ))}
          {plan.kind === 'random' ? <button type="button" data-testid="redraw" onClick={() => propose('random')}>重新抽取</button> : null}
        </fieldset>
        {plan.kind ? (
          <p data-testid="proposal">
            {plan.zoneIds.length ? `建议督查：${plan.zoneIds.map((id) => zones.find((z) => z.zoneId === id)?.name ?? id).join('、')}` : `暂无符合“${ROUND_KIND_NAMES[plan.kind]}”的片区，可手动勾选`}
          </p>
        ) : null}
      </div>
      <label>搜索片区<input type="search" data-testid="zone-search" placeholder="输入片区名称或编号" value={query} onInput={(e) => setQuery(e.currentTarget.value)} /></label>
      <table>
        <thead>
          <tr><th /><th>片区</th><th>上次督查</th><th>应督查日期</th><th>状态</th><th>未办结问题</th><th>反复出现</th><th>回头看到期</th></tr>
        </thead>
        <tbody>
          {shown.map((z) => (
            <tr key={z.zoneId} data-testid={`zone-${z.zoneId}`} class={`status-${z.status}`}>
              <td><input type="checkbox" aria-label={`选择${z.name}`} checked={plan.zoneIds.includes(z.zoneId)} onChange={() => toggle(z.zoneId)} /></td>
              <td>{z.name}</td>
              <td>{z.lastInspectedAt === null ? '从未督查' : dateTimeLabel(z.lastInspectedAt)}</td>
              <td>{monthDay(z.dueDate)}</td>
              <td class="status" data-testid="zone-status">{INSPECTION_STATUS_NAMES[z.status]}</td>
              <td>{z.openIssues}</td>
              <td>{z.hotspots}</td>
              <td data-testid="zone-rechecks-due">{z.rechecksDue}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p class="muted">没有名称含“{q}”的片区</p> : null}
      <div class="sticky-actions">
        <button type="button" data-testid="start-round" disabled={why !== null} onClick={onStart}>
          督查所选片区（{plan.zoneIds.length}）
        </button>
        {why ? <span class="muted"> {why}</span> : null}
      </div>
    </section>
  );
}
