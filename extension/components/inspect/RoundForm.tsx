/** 登记督查: the zones walked, a summary, and the findings, each reported and assigned to its unit in one push. */
import { useState } from 'preact/hooks';
import { errorMessage } from '../../lib/api';
import { inspectionUnitOf } from '../../../shared/supervision';
import { dateTimeLabel } from '../../../shared/labels';
import { FindingEditor, type FindingDraft } from './FindingEditor';
import { roundEvents } from './roundEvents';
import { uploadPhotos } from './photoFile';
import type { Session } from '../useSession';
import type { OrgScope } from './types';

interface Props {
  session: Session;
  org: OrgScope;
  zoneIds: string[];
  startedAt: number;
  now(): number;
  onDone(message: string): void;
}

export function RoundForm({ session, org, zoneIds, startedAt, now, onDone }: Props) {
  const [summary, setSummary] = useState('');
  const [findings, setFindings] = useState<FindingDraft[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const names = zoneIds.map((id) => org.zones.find((z) => z.id === id)?.name ?? id);

  const addFinding = () =>
    setFindings((f) => [...f, { key: Date.now() + f.length, category: 'sanitation', zoneId: zoneIds[0], unitId: '', gridCellId: null, place: '', description: '', files: [] }]);

  async function submit(e: Event) {
    e.preventDefault();
    const incomplete = findings.findIndex((f) => !f.unitId || !f.place.trim() || !f.description.trim());
    if (incomplete >= 0) return setError(`第${incomplete + 1}个问题还没有填写责任单位、地点或问题描述`);
    const fileUnder = inspectionUnitOf(zoneIds[0], org.zones, org.units);
    if (!fileUnder) return setError('所选片区没有任何单位，无法登记督查记录');
    setBusy(true);
    setError(null);
    try {
      const { enrolment } = session;
      const withPhotos = [];
      for (const f of findings) withPhotos.push({ ...f, place: f.place.trim(), description: f.description.trim(), photoIds: await uploadPhotos(enrolment.serverUrl, enrolment.token, f.files) });
      const { events } = roundEvents({ fileUnder, zoneIds, summary: summary.trim(), startedAt, findings: withPhotos }, now());
      await session.api.sync.push.mutate({ events });
      onDone(findings.length ? `督查记录已提交，发现问题${findings.length}个，已交办责任单位` : '督查记录已提交，未发现问题');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form data-testid="round-form" onSubmit={submit}>
      <p>督查片区：{names.join('、')}　开始时间：{dateTimeLabel(startedAt)}</p>
      {findings.map((d, i) => (
        <FindingEditor key={d.key} session={session} org={org} zoneIds={zoneIds} draft={d}
          onChange={(next) => setFindings((all) => all.map((x, j) => (j === i ? next : x)))}
          onRemove={() => setFindings((all) => all.filter((_, j) => j !== i))} />
      ))}
      <button type="button" data-testid="add-finding" onClick={addFinding}>＋ 添加发现的问题</button>
      <label>督查小结<textarea data-testid="round-summary" value={summary} maxLength={1000} onInput={(e) => setSummary(e.currentTarget.value)} /></label>
      {error && <p class="error" role="alert" data-testid="round-error">{error}</p>}
      <button type="submit" data-testid="round-submit" disabled={busy}>{busy ? '正在提交…' : '提交督查记录'}</button>
    </form>
  );
}
