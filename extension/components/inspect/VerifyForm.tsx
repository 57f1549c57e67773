/** 回头看核查: passed or not (返工), with a note and/or a photo; pushed as issue.verified. */
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { errorMessage } from '../../lib/api';
import { uploadPhotos } from './photoFile';
import type { Session } from '../useSession';

interface Props {
  session: Session;
  issueId: string;
  unitId: string;
  now(): number;
  onDone(message: string): void;
}

export function VerifyForm({ session, issueId, unitId, now, onDone }: Props) {
  const [passed, setPassed] = useState(true);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!note.trim() && files.length === 0) return setError('回头看需要核查照片或核查意见');
    setBusy(true);
    setError(null);
    try {
      const photoIds = await uploadPhotos(session.enrolment.serverUrl, session.enrolment.token, files);
      await session.api.sync.push.mutate({
        events: [{ id: uuidv7(), unitId, clientTime: now(), kind: 'issue.verified', payload: { issueId, passed, note: note.trim(), photoIds } }],
      });
      onDone(passed ? '已核查通过，问题闭环' : '核查未通过，已退回责任单位返工');
    } catch (err) {
      setError(errorMessage(err));
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
      <label>核查照片<input type="file" accept="image/*" multiple data-testid="verify-photo" onChange={(e) => setFiles([...(e.currentTarget.files ?? [])].slice(0, 6))} /></label>
      {error && <p class="error" role="alert" data-testid="verify-error">{error}</p>}
      <button type="submit" data-testid="verify-submit" disabled={busy}>{busy ? '正在提交…' : '提交核查结果'}</button>
    </form>
  );
}
