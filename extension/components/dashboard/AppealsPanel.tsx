/*
 * 申诉: the appeals of the units in scope, newest first. The command center accepts one (the deduction comes off
 * the live score; the record stays) or rejects it with a reason; both are ledger events pushed like any other.
 */
import { useState } from 'preact/hooks';
import { newEvent } from '../../lib/ledger';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import type { Enrolment } from '../../lib/enrolment';
import { useCall } from '../useCall';
import type { AppealListed } from './types';
import { APPEAL_STATE_NAMES } from '../../../shared/assessment/appeal';
import { isoMinuteLabel } from '../../../shared/labels';
import { may } from '../../../shared/permissions';

interface Props {
  api: Api;
  enrolment: Enrolment;
  now(): number;
  version: number;
  onChanged(): void;
}

export function AppealsPanel({ api, enrolment, now, version, onChanged }: Props) {
  const appeals = useCall(() => api.assessment.appeals.query(), [api, version]);
  if (!appeals.data?.length) return appeals.error ? <p class="error">{appeals.error}</p> : null;
  return (
    <section data-testid="appeals">
      <h2>申诉</h2>
      <table>
        <thead>
          <tr>
            <th>单位</th>
            <th>扣分项</th>
            <th>申诉理由</th>
            <th>提交时间</th>
            <th>处理</th>
          </tr>
        </thead>
        <tbody>
          {appeals.data.map((a) => (
            <AppealRow key={a.appealId} api={api} a={a} decides={may(enrolment.roles, 'appeal.decide')} now={now} onChanged={onChanged} />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function AppealRow({ api, a, decides, now, onChanged }: { api: Api; a: AppealListed; decides: boolean; now(): number; onChanged(): void }) {
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const decide = (accepted: boolean) => {
    setMessage('正在提交…');
    const event = newEvent(a.unitId, { kind: 'appeal.decided', payload: { appealId: a.appealId, accepted, reason } }, now());
    api.sync.push.mutate({ events: [event] }).then(
      () => {
        setMessage(null);
        onChanged();
      },
      (e: unknown) => setMessage(errorMessage(e)),
    );
  };
  return (
    <tr data-testid={`appeal-${a.appealId}`}>
      <td>{a.unitName}</td>
      <td>{a.what}</td>
      <td>{a.reason}</td>
      <td>{isoMinuteLabel(a.filedAt)}</td>
      <td>
        <span class={`appeal ${a.state}`} data-testid="appeal-state">
          {APPEAL_STATE_NAMES[a.state]}
        </span>
        {a.decision?.reason ? `：${a.decision.reason}` : null}
        {decides && a.state === 'pending' ? (
          <span class="appeal-form">
            <input value={reason} placeholder="处理意见（驳回必填）" maxLength={300} data-testid="decision-reason" onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
            <button type="button" data-testid="appeal-accept" onClick={() => decide(true)}>
              采纳
            </button>
            <button type="button" data-testid="appeal-reject" onClick={() => decide(false)}>
              驳回
            </button>
          </span>
        ) : null}
        {message ? <span class="muted">{message}</span> : null}
      </td>
    </tr>
  );
}
