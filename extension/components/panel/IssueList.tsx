/** 本单位问题: the unit's issues still open (and those waiting for 回头看), with 时限 and 整改. */
import { useState } from 'preact/hooks';
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES, OPEN_STATES, moveRefusal } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import type { IssueRow } from '../../../shared/projection';
import type { Role } from '../../../shared/roles';
import { ISSUE_SOURCE_NAMES } from '../../../shared/schemas/events';
import type { PanelDb } from '../../lib/db';
import { record, storePhoto, type Recorder } from '../../lib/ledger';
import { isOverdue } from '../../../shared/metrics';
import { requestSync } from '../../lib/messages';
import { useLiveQuery } from '../useLiveQuery';
import { PhotoStrip } from '../PhotoStrip';
import { PhotoPicker } from '../PhotoPicker';

export interface IssueListProps {
  db: PanelDb;
  who: Recorder;
  roles: readonly Role[];
  now: number;
  clock(): number;
}

const SHOWN_STATES = [...OPEN_STATES, 'rectified'];
const REJECTED_SHOWN_FOR = 7 * 24 * 60 * 60_000;

export function IssueList({ db, who, roles, now, clock }: IssueListProps) {
  const issues = useLiveQuery(
    () => db.issues.where('state').anyOf(SHOWN_STATES).filter((i) => i.unitId === who.unitId).sortBy('deadlineAt'),
    [who.unitId],
  );
  // 不予受理 shows for a week after, with the reason, so whoever reported it learns why.
  const rejected = useLiveQuery(
    () => db.issues.where('state').equals('rejected').filter((i) => i.unitId === who.unitId && (i.closedAt ?? 0) > now - REJECTED_SHOWN_FOR).toArray(),
    [who.unitId, now],
  );
  const unsent = useLiveQuery(async () => new Set((await db.outbox.toArray()).map((o) => (o.event.payload as { issueId?: string }).issueId)), []);
  return (
    <section class="issues" aria-label="本单位问题">
      <h2>本单位问题</h2>
      {issues && issues.length === 0 ? <p class="muted">没有待处理的问题</p> : null}
      <ul>
        {issues?.map((issue) => (
          <IssueItem key={issue.id} issue={issue} unsent={unsent?.has(issue.id) ?? false} {...{ db, who, roles, now, clock }} />
        ))}
      </ul>
      {rejected?.length ? (
        <>
          <h3>{ISSUE_STATE_NAMES.rejected}</h3>
          <ul>
            {rejected.map((issue) => (
              <li key={issue.id} class="issue" data-testid={`rejected-${issue.id}`}>
                <strong>{CATEGORY_NAMES[issue.category]}</strong> · {issue.place}
                <p class="muted">理由：{issue.rejectReason ?? ''}</p>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function IssueItem({ issue, unsent, db, who, roles, now, clock }: IssueListProps & { issue: IssueRow; unsent: boolean }) {
  const [open, setOpen] = useState(false);
  const overdue = isOverdue(issue, now);
  const canRectify = moveRefusal('issue.rectified', issue.state, roles) === null;
  return (
    <li data-testid={`issue-${issue.id}`} class="issue">
      <div class="issue-head">
        <strong>{CATEGORY_NAMES[issue.category]}</strong> · {issue.place}
        <span class={`state ${issue.state}`}>{ISSUE_STATE_NAMES[issue.state]}</span>
      </div>
      <p>{issue.description}</p>
      <PhotoStrip ids={issue.photoIds} label="整改前照片" testId={`photos-${issue.id}`} />
      <PhotoStrip ids={issue.afterPhotoIds} label="整改后照片" testId={`after-photos-${issue.id}`} />
      <p class={overdue ? 'deadline overdue' : 'deadline'}>
        时限：{dateTimeLabel(issue.deadlineAt)}
        {/* Not yet 交办: this deadline runs from the report; a 交办 sets a new one from its own time. */}
        {issue.state === 'reported' ? <span class="muted">（交办后按交办时间重新起算）</span> : null}
        {overdue ? <strong class="overdue-tag">已超期</strong> : null}
        <span class="muted"> · {ISSUE_SOURCE_NAMES[issue.source]}</span>
        {unsent ? <span class="muted"> · 待上传</span> : null}
      </p>
      {issue.verifyNote && issue.state === 'reopened' ? <p class="muted">核查意见：{issue.verifyNote}</p> : null}
      {canRectify && !open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid={`rectify-${issue.id}`}>
          整改
        </button>
      ) : null}
      {open ? <RectifyForm issue={issue} db={db} who={who} clock={clock} onDone={() => setOpen(false)} /> : null}
    </li>
  );
}

function RectifyForm({ issue, db, who, clock, onDone }: { issue: IssueRow; db: PanelDb; who: Recorder; clock(): number; onDone(): void }) {
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Blob[]>([]);
  const [error, setError] = useState<string | null>(null);
  async function submit(e: Event) {
    e.preventDefault();
    if (photos.length === 0) return setError('请添加整改后照片');
    if (!note.trim()) return setError('请填写整改说明');
    const at = clock();
    const photoIds = [];
    for (const p of photos) photoIds.push(await storePhoto(db, p, at));
    await record(db, who, { kind: 'issue.rectified', payload: { issueId: issue.id, note: note.trim(), photoIds } }, at);
    void requestSync();
    onDone();
  }
  return (
    <form class="rectify" onSubmit={submit} data-testid="rectify-form" noValidate>
      <PhotoPicker
        testId="rectify-photo"
        photos={photos}
        onChange={(chosen) => {
          setPhotos(chosen);
          setError(null); // "请添加整改后照片" goes once there is one
        }}
        allowCapture={false}
      />
      <label>
        整改说明
        <textarea data-testid="rectify-note" rows={2} maxLength={500} value={note} onInput={(e) => (setNote(e.currentTarget.value), setError(null))} />
      </label>
      {error ? <p class="error" role="alert">{error}</p> : null}
      <button type="submit" data-testid="rectify-submit">提交整改</button>
      <button type="button" class="link" onClick={onDone}>取消</button>
    </form>
  );
}
