/** 回头看核查: passed or not (返工), with a note and/or a photo; recorded as issue.verified through the outbox. */
import { useState } from 'preact/hooks';
import type { PanelDb } from '../../lib/db';
import { record, storePhoto } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { PhotoPicker } from '../PhotoPicker';

interface Props {
  db: PanelDb;
  personId: string;
  issueId: string;
  unitId: string;
  now(): number;
  onDone(message: string): void;
}

export function VerifyForm({ db, personId, issueId, unitId, now, onDone }: Props) {
  const [passed, setPassed] = useState(true);
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!note.trim() && photos.length === 0) return setError('回头看需要核查照片或核查意见');
    setBusy(true);
    setError(null);
    try {
      const at = now();
      const photoIds = [];
      for (const p of photos) photoIds.push(await storePhoto(db, p, at));
      await record(db, { personId, unitId }, { kind: 'issue.verified', payload: { issueId, passed, note: note.trim(), photoIds } }, at);
      void requestSync();
      onDone(passed ? '已核查通过，问题闭环' : '核查未通过，已退回责任单位返工');
    } catch {
      setError('保存失败，请重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="verify" data-testid="verify-form" onSubmit={submit}>
      <fieldset>
        <legend>核查结果</legend>
        <label><input type="radio" name="passed" data-testid="verify-pass" checked={passed} onChange={() => setPassed(true)} />整改到位</label>
        <label><input type="radio" name="passed" data-testid="verify-fail" checked={!passed} onChange={() => setPassed(false)} />未整改到位（返工）</label>
      </fieldset>
      <label>核查意见<textarea data-testid="verify-note" value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} /></label>
      <PhotoPicker testId="verify-photo" photos={photos} onChange={setPhotos} allowCapture={false} />
      {error && <p class="error" role="alert" data-testid="verify-error">{error}</p>}
      <button type="submit" data-testid="verify-submit" disabled={busy}>{busy ? '正在提交…' : '提交核查结果'}</button>
    </form>
  );
}
