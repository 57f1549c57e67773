/*
 * 登记督查: the zones walked, a summary, and the findings. Saved in this browser at once (photos and events
 * through the outbox) and sent by the background when the server can be reached: a round written where there
 * is no network is not lost when the page or the browser is closed.
 */
import { useState } from 'preact/hooks';
import { inspectionUnitOf } from '../../../shared/supervision';
import { dateTimeLabel } from '../../../shared/labels';
import type { PanelDb } from '../../lib/db';
import { recordAll, storePhoto } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { FindingEditor, type FindingDraft } from './FindingEditor';
import { roundEntries } from './roundEvents';
import type { Session } from '../useSession';
import type { OrgScope } from './types';
import type { RoundPlan } from './ZonesDue';
import { ROUND_KIND_NAMES, type RoundKind } from '../../../shared/roundKinds';

interface Props {
  db: PanelDb;
  session: Session;
  org: OrgScope;
  plan: RoundPlan & { kind: RoundKind };
  startedAt: number;
  now(): number;
  onDone(message: string): void;
}

export function RoundForm({ db, session, org, plan, startedAt, now, onDone }: Props) {
  const { zoneIds } = plan;
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const names = zoneIds.map((id) => org.zones.find((z) => z.id === id)?.name ?? id);

  const addFinding = () =>
    setFindings((f) => [...f, { key: Date.now() + f.length, category: 'sanitation', zoneId: zoneIds[0], unitId: '', gridCellId: null, place: '', description: '', photos: [] }]);

  async function submit(e: Event) {
    e.preventDefault();
    const incomplete = findings.findIndex((f) => !f.unitId || !f.place.trim() || !f.description.trim());
    if (incomplete >= 0) return setError(`第${incomplete + 1}个问题还没有填写责任单位、地点或问题描述`);
    const fileUnder = inspectionUnitOf(zoneIds[0], org.zones, org.units);
    if (!fileUnder) return setError('所选片区没有任何单位，无法登记督查记录');
    setBusy(true);
    setError(null);
    try {
      const at = now();
      const withPhotos = [];
      for (const { key: _key, photos, ...f } of findings) {
        const photoIds = [];
        for (const p of photos) photoIds.push(await storePhoto(db, p, at));
        withPhotos.push({ ...f, place: f.place.trim(), description: f.description.trim(), photoIds });
      }
      const { entries } = roundEntries({ fileUnder, zoneIds, summary: summary.trim(), startedAt, teamId: plan.teamId, kind: plan.kind, drawSeed: plan.seed, findings: withPhotos });
      await recordAll(db, session.enrolment.personId, entries, at);
      void requestSync();
      onDone(findings.length ? `督查记录已保存，发现问题${findings.length}个，待交办；联网时自动上传` : '督查记录已保存，未发现问题；联网时自动上传');
    } catch {
      setError('保存失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form data-testid="round-form" onSubmit={submit}>
      <p>{ROUND_KIND_NAMES[plan.kind]}督查　片区：{names.join('、')}　开始时间：{dateTimeLabel(startedAt)}</p>
      {findings.map((d, i) => (
        <FindingEditor key={d.key} session={session} org={org} zoneIds={zoneIds} draft={d}
          onChange={(next) => setFindings((all) => all.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setFindings((all) => all.filter((_, j) => j !== i))} />
      ))}
      <button type="button" data-testid="add-finding" onClick={addFinding}>＋ 添加发现的问题</button>
      <label>督查小结<textarea data-testid="round-summary" value={summary} maxLength={1000} onInput={(e) => setSummary(e.currentTarget.value)} /></label>
      {error && <p class="error" role="alert" data-testid="round-error">{error}</p>}
      <div class="sticky-actions">
        <button type="submit" data-testid="round-submit" disabled={busy}>{busy ? '正在保存…' : '保存督查记录'}</button>
      </div>
    </form>
  );
}
