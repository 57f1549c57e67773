/** One issue in full: what, where, whose, its deadline and escalation, before/after photos, and the 回头看 form. */
import { CATEGORY_NAMES } from '../../../shared/categories';
import { ISSUE_STATE_NAMES } from '../../../shared/issueFlow';
import { ISSUE_SOURCE_NAMES } from '../../../shared/schemas/events';
import { dateTimeLabel } from '../../../shared/labels';
import { ESCALATION_LEVEL_NAMES } from '../../../shared/supervision';
import { BeforeAfter } from '../PhotoStrip';
import type { PanelDb } from '../../lib/db';
import { VerifyForm } from './VerifyForm';
import { useCall } from '../useCall';
import type { Session } from '../useSession';
import { may } from '../../../shared/permissions';

interface Props {
  db: PanelDb;
  session: Session;
  issueId: string;
  now(): number;
  onClose(): void;
  onChanged(message: string): void;
}

export function IssueView({ db, session, issueId, now, onClose, onChanged }: Props) {
  const { data: issue, error } = useCall(() => session.api.supervision.issue.query({ issueId }), [session, issueId]);
  const { roles } = session.enrolment;
  if (error) return <p class="error" role="alert">{error}</p>;
  if (!issue) return <p class="muted">正在加载…</p>;
  const contact = 'contact' in issue ? issue.contact : null;
  return (
    <article class="issue" data-testid={`issue-detail-${issue.id}`}>
      <header>
        <h3>{CATEGORY_NAMES[issue.category]} · {issue.unitName}</h3>
        <button type="button" class="link" onClick={onClose}>返回列表</button>
      </header>
      <dl>
        <dt>状态</dt><dd data-testid="issue-state">{ISSUE_STATE_NAMES[issue.state]}{issue.reopenCount > 0 && `（返工${issue.reopenCount}次）`}</dd>
        <dt>地点</dt><dd>{issue.zoneName} · {issue.gridCellName ?? ''} {issue.place}</dd>
        <dt>问题描述</dt><dd>{issue.description}</dd>
        <dt>来源</dt><dd>{ISSUE_SOURCE_NAMES[issue.source]}，{dateTimeLabel(issue.reportedAt)} 上报</dd>
        <dt>整改时限</dt><dd>{dateTimeLabel(issue.deadlineAt)}{issue.escalation && <strong class="overdue">　已超期，升级至{ESCALATION_LEVEL_NAMES[issue.escalation.level]}</strong>}</dd>
        {issue.rectifyNote && (<><dt>整改说明</dt><dd data-testid="rectify-note">{issue.rectifyNote}（{issue.rectifiedAt ? dateTimeLabel(issue.rectifiedAt) : ''}）</dd></>)}
        {issue.verifyNote && (<><dt>核查意见</dt><dd>{issue.verifyNote}</dd></>)}
        {contact && (<><dt>投诉人</dt><dd>{contact.name} {contact.phone}</dd></>)}
      </dl>
      <BeforeAfter before={issue.photoIds} after={issue.afterPhotoIds} />
      {issue.state === 'rectified' && may(roles, 'issue.verify') && (
        <VerifyForm db={db} personId={session.enrolment.personId} issueId={issue.id} unitId={issue.unitId} now={now} onDone={onChanged} />
      )}
    </article>
  );
}
