/** One issue's history from the ledger: each step, who took it and when, with the step's photos. */
import type { Api } from '../../lib/api';
import { useCall } from '../useCall';
import type { HistoryEntry, IssueListed } from './types';
import { MOVE_NAMES, type IssueMove } from '../../../shared/issueFlow';
import { dateTimeLabel } from '../../../shared/labels';
import { PhotoStrip } from '../PhotoStrip';

function stepName(e: HistoryEntry): string {
  if (e.kind === 'issue.reported') return '上报';
  if (e.kind === 'issue.verified') return (e.payload as { passed: boolean }).passed ? '回头看核查：通过' : '回头看核查：未通过（返工）';
  return MOVE_NAMES[e.kind as IssueMove] ?? e.kind;
}

function stepNote(e: HistoryEntry): string {
  const p = e.payload as { note?: string; reason?: string; description?: string };
  return p.note || p.reason || p.description || '';
}

export function IssueHistory({ api, issue, onClose }: { api: Api; issue: IssueListed; onClose(): void }) {
  const history = useCall(() => api.report.issueHistory.query({ issueId: issue.id }), [api, issue.id]);
  return (
    <section class="history" data-testid="issue-history">
      <header class="row">
        <h3>
          {issue.place}：{issue.description}
        </h3>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </header>
      {history.error ? <p class="error">{history.error}</p> : null}
      {history.data ? (
        <ol>
          {history.data.map((e) => (
            <li key={e.seq}>
              <strong>{stepName(e)}</strong> · {e.actorName} · {dateTimeLabel(e.at)}
              {stepNote(e) ? <span class="muted"> · {stepNote(e)}</span> : null}
              <PhotoStrip ids={(e.payload as { photoIds?: string[] }).photoIds ?? []} label={`${stepName(e)}照片`} testId={`history-photos-${e.seq}`} />
            </li>
          ))}
        </ol>
      ) : (
        <p class="muted">正在读取…</p>
      )}
    </section>
  );
}
