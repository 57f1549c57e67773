/*
 * 快速上报: a problem the unit found itself. Saved locally at once (issue.reported, source 自查) and sent by the
 * sync engine; the shared payload schema checks the fields, so the messages match the server's.
 */
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { CATEGORIES, CATEGORY_NAMES, type Category } from '../../../shared/categories';
import { issueReportedPayload } from '../../../shared/schemas/events';
import type { GridCell } from '../../../shared/schemas/org';
import type { PanelDb } from '../../lib/db';
import { record, storePhoto, type Recorder } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { PhotoPicker } from '../PhotoPicker';
import { useLiveQuery } from '../useLiveQuery';

export interface IssueFormProps {
  db: PanelDb;
  who: Recorder;
  zoneId: string;
  gridCells: GridCell[];
  now(): number;
  allowCapture: boolean;
}

const EMPTY = { category: 'sanitation' as Category, gridCellId: '', place: '', description: '' };

export function IssueForm({ db, who, zoneId, gridCells, now, allowCapture }: IssueFormProps) {
  const [form, setForm] = useState(EMPTY);
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [error, setError] = useState<string | null>(null);
  // The issue just saved: its notice says 联网时自动上传 while it waits in the outbox, and 已上传 once it has gone.
  const [savedId, setSavedId] = useState<string | null>(null);
  const waiting = useLiveQuery(async () => (savedId ? (await db.outbox.where('id').equals(savedId).count()) > 0 : false), [savedId]);
  const notice = savedId === null || waiting === undefined ? null : waiting ? '已保存，联网时自动上传' : '已保存并上传';
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<typeof form>) => setForm({ ...form, ...change });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    setSavedId(null);
    const cell = gridCells.find((c) => c.id === form.gridCellId);
    const draft = {
      issueId: uuidv7(),
      category: form.category,
      zoneId,
      gridCellId: cell?.id ?? null,
      place: form.place.trim() || cell?.name || '',
      description: form.description,
      photoIds: [] as string[],
      source: 'self_check' as const,
    };
    const checked = issueReportedPayload.safeParse(draft);
    if (!checked.success) return setError(checked.error.issues[0].message);
    setSaving(true);
    try {
      const at = now();
      const photoIds = [];
      for (const p of photos) photoIds.push(await storePhoto(db, p, at));
      const saved = await record(db, who, { kind: 'issue.reported', payload: { ...checked.data, photoIds } }, at);
      setForm(EMPTY);
      setPhotos([]);
      setSavedId(saved.id);
      void requestSync();
    } catch {
      setError('保存失败，请重试');
    } finally {
      setSaving(false);
    }
  }

  return (
    <form class="issue-form" data-testid="issue-form" onSubmit={submit} noValidate>
      <h2>快速上报</h2>
      <label>
        问题类别
        <select data-testid="issue-category" value={form.category} onChange={(e) => set({ category: e.currentTarget.value as Category })}>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_NAMES[c]}
            </option>
          ))}
        </select>
      </label>
      {gridCells.length > 0 ? (
        <label>
          网格
          <select data-testid="issue-grid-cell" value={form.gridCellId} onChange={(e) => set({ gridCellId: e.currentTarget.value })}>
            <option value="">不选网格</option>
            {gridCells.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}（{c.personName}）
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label>
        地点
        <input data-testid="issue-place" value={form.place} maxLength={100} placeholder="如：人民路东段公交站旁" onInput={(e) => set({ place: e.currentTarget.value })} />
      </label>
      <label>
        问题描述
        <textarea data-testid="issue-description" value={form.description} maxLength={500} rows={3} onInput={(e) => set({ description: e.currentTarget.value })} />
      </label>
      <PhotoPicker testId="issue-photo" photos={photos} onChange={setPhotos} allowCapture={allowCapture} />
      {error ? <p class="error" role="alert">{error}</p> : null}
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <button type="submit" data-testid="issue-submit" disabled={saving}>
        保存并上报
      </button>
    </form>
  );
}
