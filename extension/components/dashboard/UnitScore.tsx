/*
 * 为什么扣分: one unit's score opened up. Each deduction says what it was for (which item on which day, which
 * issue) and names its ledger record; the unit's own head can 申诉 (appeal) one, with a reason, as a ledger event.
 */
import { useState } from 'preact/hooks';
import { uuidv7 } from 'uuidv7';
import { newEvent } from '../../lib/ledger';
import type { Api } from '../../lib/api';
import { errorMessage } from '../../lib/api';
import type { Enrolment } from '../../lib/enrolment';
import { useCall } from '../useCall';
import type { ExplainedDeduction } from './types';
import type { PeriodKind } from '../../../shared/assessment/rubric';
import { monthDay, pointsLabel } from '../../../shared/labels';
import { APPEAL_STATE_NAMES } from '../../../shared/assessment/appeal';
import { rankLabel } from '../../../shared/assessment/score';
import { may } from '../../../shared/permissions';

interface Props {
  api: Api;
  enrolment: Enrolment;
  now(): number;
  unitId: string;
  period: PeriodKind;
  /** A date in the period (its default: today). */
  date?: string;
  version: number;
  onChanged(): void;
  onClose(): void;
}

export function UnitScore({ api, enrolment, now, unitId, period, date, version, onChanged, onClose }: Props) {
  const detail = useCall(() => api.assessment.unit.query({ unitId, period, date }), [api, unitId, period, date, version]);
  const mayAppeal = may(enrolment.roles, 'appeal.file') && enrolment.unit?.id === unitId;
  const d = detail.data;
  return (
    <section data-testid="unit-score">
      <button type="button" class="link no-print" onClick={onClose}>
        ‹ 返回得分表
      </button>
      {detail.error ? <p class="error">{detail.error}</p> : null}
      {d ? (
        <>
          <h2>
            {d.unitName}：{pointsLabel(d.score.score)}分（全县{rankLabel(d.score.rank, d.score.tied)}，共{d.unitCount}个单位）
          </h2>
          <p class="muted">
            {monthDay(d.period.from)}至{monthDay(d.period.to)}：基础分{d.score.base}分，扣{pointsLabel(d.score.deducted)}分，加{pointsLabel(d.score.credited)}分。
          </p>
          {d.deductions.length === 0 ? <p>本期没有扣分。</p> : null}
          <table data-testid="deductions">
            <thead>
              <tr>
                <th>日期</th>
                <th>扣分项</th>
                <th>说明</th>
                <th>扣分</th>
                <th>台账记录</th>
                <th>申诉</th>
              </tr>
            </thead>
            <tbody>
              {d.deductions.map((x) => (
                <DeductionRow key={x.key} api={api} now={now} unitId={unitId} d={x} mayAppeal={mayAppeal} onChanged={onChanged} />
              ))}
            </tbody>
          </table>
          {d.credits.length ? (
            <>
              <h3>加分</h3>
              <ul>
                {d.credits.map((c) => (
                  <li key={c.key}>
                    {monthDay(c.date)} {c.what}：+{pointsLabel(c.points)}分
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function DeductionRow({ api, now, unitId, d, mayAppeal, onChanged }: { api: Api; now(): number; unitId: string; d: ExplainedDeduction; mayAppeal: boolean; onChanged(): void }) {
  const [reason, setReason] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(null);
  const send = () => {
    setState('正在提交…');
    const event = newEvent(unitId, { kind: 'appeal.filed', payload: { appealId: uuidv7(), deductionKey: d.key, reason: reason ?? '' } }, now());
    api.sync.push.mutate({ events: [event] }).then(
      () => {
        setState(null);
        setReason(null);
        onChanged();
      },
      (e: unknown) => setState(errorMessage(e)),
    );
  };
  const open = d.appeal?.state !== 'pending' && d.appeal?.state !== 'accepted';
  return (
    <tr class={d.waived ? 'waived' : ''} data-testid={`deduction-${d.key}`}>
      <td>{monthDay(d.date)}</td>
      <td>{d.kindName}</td>
      <td>{d.what}</td>
      <td>{d.waived ? <s>-{pointsLabel(d.points)}</s> : `-${pointsLabel(d.points)}`}</td>
      <td>{d.seq ? `第${d.seq}号` : '（应勾未勾）'}</td>
      <td>
        {d.appeal ? <span class={`appeal ${d.appeal.state}`}>{APPEAL_STATE_NAMES[d.appeal.state]}</span> : null}
        {mayAppeal && open ? (
          reason === null ? (
            <button type="button" data-testid="appeal-open" onClick={() => setReason('')}>
              申诉
            </button>
          ) : (
            <span class="appeal-form">
              <input value={reason} placeholder="申诉理由" maxLength={500} data-testid="appeal-reason" onInput={(e) => setReason((e.target as HTMLInputElement).value)} />
              <button type="button" data-testid="appeal-send" onClick={send}>
                提交
              </button>
            </span>
          )
        ) : null}
        {state ? <span class="muted">{state}</span> : null}
      </td>
    </tr>
  );
}
