/** 投诉登记 (command center): the problem, the unit it goes to, and the caller's contact, kept for the command center only. */
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { errorMessage, uploadPhoto } from '../../lib/api';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { PhotoPicker } from '../PhotoPicker';
import type { Session } from '../useSession';
import type { OrgScope } from './types';

export function ComplaintForm({ session, org, now, onDone }: { session: Session; org: OrgScope; now(): number; onDone(message: string): void }) {
  const [f, setF] = useState({ category: 'city_appearance' as Category, unitId: '', gridCellId: '', place: '', description: '', name: '', phone: '' });
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (change: Partial<typeof f>) => setF({ ...f, ...change });
  const unit = org.units.find((u) => u.id === f.unitId);

  async function submit(e: Event) {
    e.preventDefault();
    if (!unit) return setError('请选择责任单位');
    setBusy(true);
    setError(null);
    try {
      // Online on purpose: the caller's contact goes to the server only, never into this browser's outbox.
      const photoIds = [];
      for (const p of photos) photoIds.push(await uploadPhoto(session.enrolment.serverUrl, session.enrolment.token, p));
      await session.api.supervision.logComplaint.mutate({
        issue: { issueId: uuidv7(), category: f.category, zoneId: unit.zoneId, gridCellId: f.gridCellId || null, place: f.place, description: f.description, photoIds },
        unitId: unit.id,
        clientTime: now(),
        contact: { name: f.name, phone: f.phone },
      });
      onDone(`投诉已登记并交办给${unit.name}`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form data-testid="complaint-form" onSubmit={submit}>
      <label>类别
        <select value={f.category} onChange={(e) => set({ category: e.currentTarget.value as Category })}>
          {CATEGORIES.map((c) => <option key={c} value={c}>{CATEGORY_NAMES[c]}</option>)}
        </select>
      </label>
      <label>责任单位
        <select data-testid="complaint-unit" value={f.unitId} onChange={(e) => set({ unitId: e.currentTarget.value, gridCellId: '' })}>
          <option value="">请选择</option>
          {org.zones.map((z) => (
            <optgroup key={z.id} label={z.name}>
              {org.units.filter((u) => u.zoneId === z.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </optgroup>
          ))}
        </select>
      </label>
      <label>网格
        <select value={f.gridCellId} onChange={(e) => set({ gridCellId: e.currentTarget.value })}>
          <option value="">不指定</option>
          {org.gridCells.filter((c) => c.unitId === f.unitId).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </label>
      <label>地点<input data-testid="complaint-place" value={f.place} maxLength={100} onInput={(e) => set({ place: e.currentTarget.value })} /></label>
      <label>投诉内容<textarea data-testid="complaint-description" value={f.description} maxLength={500} onInput={(e) => set({ description: e.currentTarget.value })} /></label>
      <PhotoPicker testId="complaint-photo" photos={photos} onChange={setPhotos} allowCapture={false} />
      <fieldset>
        <legend>投诉人（仅指挥部可见）</legend>
        <label>姓名<input data-testid="complaint-name" value={f.name} maxLength={30} onInput={(e) => set({ name: e.currentTarget.value })} /></label>
        <label>联系电话<input data-testid="complaint-phone" value={f.phone} maxLength={20} inputMode="tel" onInput={(e) => set({ phone: e.currentTarget.value })} /></label>
      </fieldset>
      {error && <p class="error" role="alert" data-testid="complaint-error">{error}</p>}
      <button type="submit" data-testid="complaint-submit" disabled={busy}>{busy ? '正在提交…' : '登记并交办'}</button>
    </form>
  );
}
