/*
 * 考核: a period's scores as far as the caller sees them (ranks are county-wide), 红榜 and 黑榜 marked; a unit opens
 * to its deductions (UnitScore, with 申诉); the appeals in scope (decided by the command center); and, for the
 * command center, the rubric editor.
 */
import { useState } from 'preact/hooks';
import type { Api } from '../../lib/api';
import type { Enrolment } from '../../lib/enrolment';
import { useCall } from '../useCall';
import { UnitScore } from './UnitScore';
import { AppealsPanel } from './AppealsPanel';
import { RubricEditor } from './RubricEditor';
import { ScoreTables } from './ScoreTables';
import { PERIOD_KIND_NAMES, type PeriodKind } from '../../../shared/assessment/rubric';
import { monthDay } from '../../../shared/labels';
import { addDays, dateKeyOf } from '../../../shared/calendar';

/** The periods to choose from; 上周 is the week before this one, what a Monday's ranking looks back on. */
const CHOICES: { key: string; name: string; period: PeriodKind; daysBack?: number }[] = [
  { key: 'week', name: PERIOD_KIND_NAMES.week, period: 'week' },
  { key: 'lastWeek', name: '上周', period: 'week', daysBack: 7 },
  { key: 'month', name: PERIOD_KIND_NAMES.month, period: 'month' },
  { key: 'campaign', name: PERIOD_KIND_NAMES.campaign, period: 'campaign' },
];
import { may } from '../../../shared/permissions';

export function AssessmentPage({ api, enrolment, now }: { api: Api; enrolment: Enrolment; now(): number }) {
  const [choice, setChoice] = useState(CHOICES[0]);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const { period } = choice;
  const date = choice.daysBack ? addDays(dateKeyOf(now()), -choice.daysBack) : undefined;
  const scores = useCall(() => api.assessment.scores.query({ period, date }), [api, period, date, version]);
  const changed = () => setVersion((v) => v + 1);
  const s = scores.data;
  return (
    <section data-testid="assessment">
      <div class="controls no-print">
        {CHOICES.map((c) => (
          <label class="inline" key={c.key}>
            <input type="radio" name="period" checked={c === choice} data-testid={`period-${c.key}`} onChange={() => setChoice(c)} />
            {c.name}
          </label>
        ))}
        {s ? (
          <span class="muted">
            {monthDay(s.period.from)}至{monthDay(s.period.to)}，基础分{s.rubric.periods[period].base}分，全县{s.unitCount}个单位排名
          </span>
        ) : null}
      </div>
      {scores.error ? <p class="error">{scores.error}</p> : null}
      {unitId ? (
        <UnitScore api={api} enrolment={enrolment} now={now} unitId={unitId} period={period} date={date} version={version} onChanged={changed} onClose={() => setUnitId(null)} />
      ) : s ? (
        <ScoreTables scores={s} onOpen={setUnitId} />
      ) : scores.error ? null : (
        <p class="muted">正在计算得分…</p>
      )}
      <AppealsPanel api={api} enrolment={enrolment} now={now} version={version} onChanged={changed} />
      {may(enrolment.roles, 'assessment.manage') ? <RubricEditor api={api} onSaved={changed} /> : null}
    </section>
  );
}
