/*
 * One finding of a round: category, unit, grid cell or place, description, photos. While it is being written,
 * open issues of the same kind at the same place are offered, so a known problem is not logged twice.
 */
import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import { PhotoPicker } from '../PhotoPicker';
import type { Session } from '../useSession';
import type { OrgScope, SimilarIssue } from './types';

export interface FindingDraft {
  key: number;
  category: Category;
  zoneId: string;
  unitId: string;
  gridCellId: string | null;
  place: string;
  description: string;
  photos: Blob[];
}

interface Props {
  session: Session;
  org: OrgScope;
  zoneIds: string[];
  draft: FindingDraft;
  onChange(d: FindingDraft): void;
  onRemove(): void;
}

export function FindingEditor({ session, org, zoneIds, draft, onChange, onRemove }: Props) {
  const [query, setQuery] = useState('');
  // Every unit of the round's zones, narrowed by the search; the one chosen stays listed.
  const shownUnits = org.units.filter((u) => zoneIds.includes(u.zoneId) && (!query.trim() || u.name.includes(query.trim()) || u.id === draft.unitId));
  const cells = org.gridCells.filter((c) => c.unitId === draft.unitId);
  const set = (change: Partial<FindingDraft>) => onChange({ ...draft, ...change });
  const similar = useSimilar(session, draft);
  const prefix = `finding-${draft.key}`;

  return (
    <fieldset class="finding" data-testid={prefix}>
      <legend>发现问题</legend>
      <label>类别
        <select data-testid={`${prefix}-category`} value={draft.category} onChange={(e) => set({ category: e.currentTarget.value as Category })}>
          {CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_NAMES[c]}</option>)}
        </select>
      </label>
      <label>搜索单位<input type="search" data-testid={`${prefix}-unit-search`} placeholder="输入单位名称中的字" value={query} onInput={(e) => setQuery(e.currentTarget.value)} /></label>
      <label>责任单位（按片区分组）
        <select data-testid={`${prefix}-unit`} value={draft.unitId} onChange={(e) => {
          const unit = org.units.find((u) => u.id === e.currentTarget.value);
          set({ unitId: unit?.id ?? '', zoneId: unit?.zoneId ?? draft.zoneId, gridCellId: null });
        }}>
          <option value="">{shownUnits.length ? '请选择' : '没有匹配的单位'}</option>
          {zoneIds.map((zoneId) => {
            const inZone = shownUnits.filter((u) => u.zoneId === zoneId);
            return inZone.length ? (
              <optgroup key={zoneId} label={org.zones.find((z) => z.id === zoneId)?.name ?? zoneId}>
                {inZone.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </optgroup>
            ) : null;
          })}
        </select>
      </label>
      <label>网格
        <select value={draft.gridCellId ?? ''} onChange={(e) => {
          const cell = cells.find((c) => c.id === e.currentTarget.value);
          set({ gridCellId: cell?.id ?? null, place: cell && !draft.place ? cell.name : draft.place });
        }}>
          <option value="">不指定</option>
          {cells.map((c) => <option key={c.id} value={c.id}>{c.name}（{c.personName}）</option>)}
        </select>
      </label>
      <label>地点<input data-testid={`${prefix}-place`} value={draft.place} maxLength={100} onInput={(e) => set({ place: e.currentTarget.value })} /></label>
      <label>问题描述<textarea data-testid={`${prefix}-description`} value={draft.description} maxLength={500} onInput={(e) => set({ description: e.currentTarget.value })} /></label>
      <PhotoPicker testId={`${prefix}-photo`} photos={draft.photos} onChange={(photos) => set({ photos })} allowCapture={false} />
      {similar.length > 0 && (
        <div class="similar" data-testid={`${prefix}-similar`}>
          <p>近期已有相似问题尚未办结，若是同一问题请不要重复登记：</p>
          <ul>
            {similar.map((i) => (
              <li key={i.id}>{i.unitName} · {i.gridCellName ?? i.place} · {ISSUE_STATE_NAMES[i.state]} · {dateTimeLabel(i.reportedAt)} 上报：{i.description}</li>
            ))}
          </ul>
          <button type="button" onClick={onRemove}>是同一问题，不再登记</button>
        </div>
      )}
      <button type="button" class="link" onClick={onRemove}>删除此问题</button>
    </fieldset>
  );
}

function useSimilar(session: Session, d: FindingDraft): SimilarIssue[] {
  const [similar, setSimilar] = useState<SimilarIssue[]>([]);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      session.api.supervision.similarOpen
        .query({ category: d.category, zoneId: d.zoneId, gridCellId: d.gridCellId, place: d.place || undefined })
        .then((list) => live && setSimilar(list), () => live && setSimilar([]));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [session, d.category, d.zoneId, d.gridCellId, d.place]);
  return similar;
}
