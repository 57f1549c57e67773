/*
 * 待交办: issues reported and not yet sent on (self-reports, inspectors' findings, complaints, public reports
 * once accepted — whatever their source, the queue is every issue in state 'reported' in the person's scope),
 * read from this browser's projection. 交办 sends one to its unit with the deadline from the settings (the
 * server stamps it); 不予受理 closes it with a reason the reporter sees. Each button shows only for a role the
 * issue flow (shared/issueFlow.ts) lets make that move; both are recorded through the outbox.
 */
import { useState } from 'preact/hooks';
import { CATEGORY_NAMES } from '../../shared/categories';
import { moveRefusal } from '../../shared/issueFlow';
import { dateTimeLabel } from '../../shared/labels';
import type { IssueRow } from '../../shared/projection';
import type { DeadlineDays } from '../../shared/deadlines';
import type { Role } from '../../shared/roles';
import { ISSUE_SOURCE_NAMES } from '../../shared/schemas/events';
import type { PanelDb } from '../lib/db';
import { record } from '../lib/ledger';
import { requestSync } from '../lib/messages';
import { PhotoStrip } from './PhotoStrip';
import { useLiveQuery } from './useLiveQuery';

interface Names {
  unitName(unitId: string): string;
  zoneName(zoneId: string): string;
}

interface Props extends Names {
  db: PanelDb;
  personId: string;
  roles: readonly Role[];
  /** Deadline days per category from the settings, when the server could be read. */
  deadlineDays: DeadlineDays | undefined;
  now(): number;
}

export function ToAssignQueue({ db, personId, roles, deadlineDays, now, unitName, zoneName }: Props) {
  const queue = useLiveQuery(() => db.issues.where('state').equals('reported').sortBy('reportedAt'), []);
  const [notice, setNotice] = useState<string | null>(null);
  if (!queue) return <p class="muted">正在读取…</p>;
  return (
    <section data-testid="to-assign">
      <h2>待交办（{queue.length}）</h2>
      {notice ? <p class="notice" role="status" data-testid="assign-notice">{notice}</p> : null}
      {queue.length === 0 ? <p class="muted" data-testid="to-assign-empty">没有待交办的问题</p> : null}
      <ul class="queue">
        {queue.map((issue) => (
          <QueueItem key={issue.id} {...{ issue, db, personId, roles, deadlineDays, now, unitName, zoneName }} onDone={setNotice} />
        ))}
      </ul>
    </section>
  );
}

function QueueItem({ issue, db, personId, roles, deadlineDays, now, unitName, zoneName, onDone }: Props & { issue: IssueRow; onDone(message: string): void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const canAssign = moveRefusal('issue.assigned', issue.state, roles) === null;
  const canReject = moveRefusal('issue.rejected', issue.state, roles) === null;
  const who = { personId, unitId: issue.unitId };
  const unit = unitName(issue.unitId);

  async function assign() {
    await record(db, who, { kind: 'issue.assigned', payload: { issueId: issue.id, unitId: issue.unitId } }, now());
    void requestSync();
    onDone(`已交办给${unit}`);
  }
  async function reject(e: Event) {
    e.preventDefault();
    if (!reason.trim()) return setError('请填写不予受理的理由，上报人会看到');
    await record(db, who, { kind: 'issue.rejected', payload: { issueId: issue.id, reason: reason.trim() } }, now());
    void requestSync();
    onDone(`已不予受理：${issue.place}`);
  }

  return (
    <li class="queue-item" data-testid={`queue-${issue.id}`}>
      <p>
        <strong>{CATEGORY_NAMES[issue.category]}</strong> · {zoneName(issue.zoneId)} · {unit} · {issue.place}
        <span class="muted"> · {ISSUE_SOURCE_NAMES[issue.source]} · {dateTimeLabel(issue.reportedAt)} 上报</span>
      </p>
      <p>{issue.description}</p>
      <PhotoStrip ids={issue.photoIds} label="问题照片" testId={`queue-photos-${issue.id}`} />
      {canAssign ? (
        <p>
          <button type="button" data-testid={`assign-${issue.id}`} onClick={() => void assign()}>交办给{unit}</button>
          <span class="muted"> 整改时限：{deadlineDays ? `${deadlineDays[issue.category]}天` : '按指挥部设置'}，自交办时起算</span>
        </p>
      ) : null}
      {canReject && !rejecting ? (
        <button type="button" class="link" data-testid={`reject-${issue.id}`} onClick={() => setRejecting(true)}>不予受理</button>
      ) : null}
      {rejecting ? (
        <form onSubmit={reject} data-testid={`reject-form-${issue.id}`}>
          <label>不予受理理由（上报人可见）
            <textarea data-testid={`reject-reason-${issue.id}`} value={reason} maxLength={300} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          {error ? <p class="error" role="alert">{error}</p> : null}
          <button type="submit" data-testid={`reject-submit-${issue.id}`}>确认不予受理</button>
          <button type="button" class="link" onClick={() => setRejecting(false)}>取消</button>
        </form>
      ) : null}
    </li>
  );
}
