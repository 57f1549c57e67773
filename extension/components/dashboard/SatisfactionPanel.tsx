/**
 * 群众满意度 over the last 30 days for the caller's place: the rate against the national 90% bar, the answers,
 * the average time from a public report to acceptance and to the fix, and the rate per zone and per unit.
 */
import type { Api } from '../../lib/api';
import { useCall } from '../useCall';
import type { DateRange } from '../../../shared/reportRanges';
import { percentLabel } from '../../../shared/labels';
import { hoursLabel, SATISFACTION_TARGET } from '../../../shared/satisfaction';

const rateClass = (rate: number | null) => (rate === null ? 'muted' : rate >= SATISFACTION_TARGET ? 'good' : 'poor');

export function SatisfactionPanel({ api, range }: { api: Api; range: DateRange }) {
  const report = useCall(() => api.report.satisfaction.query({ scope: 'mine', ...range }), [api, range.from, range.to]);
  if (report.error) return <p class="error">{report.error}</p>;
  if (!report.data) return <p class="muted">正在读取…</p>;
  const { total, byZone, byUnit } = report.data;
  return (
    <section data-testid="satisfaction-panel">
      <p class="muted">
        {report.data.from} 至 {report.data.to}；群众满意率 =（满意 + 基本满意）÷ 评价的问题数，每个问题按其最后一次评价计；国家卫生县城标准不低于
        {percentLabel(SATISFACTION_TARGET)}。
      </p>
      <div class="cards">
        <div class="card">
          <p>群众满意率</p>
          <p class={`big ${rateClass(total.rate)}`} data-testid="satisfaction-rate">{percentLabel(total.rate)}</p>
          <p class="muted">
            评价{total.answered}件：满意{total.satisfied}、基本满意{total.basically}、不满意{total.dissatisfied}
          </p>
        </div>
        <div class="card">
          <p>平均受理用时</p>
          <p class="big" data-testid="to-acceptance">{hoursLabel(total.toAcceptanceHours)}</p>
          <p class="muted">本期受理群众反映{total.accepted}件</p>
        </div>
        <div class="card">
          <p>平均整改用时（自群众反映起）</p>
          <p class="big" data-testid="to-fix">{hoursLabel(total.toFixHours)}</p>
          <p class="muted">本期整改群众反映的问题{total.fixed}件</p>
        </div>
      </div>
      <h2>按片区</h2>
      <RateTable rows={byZone.map((z) => ({ key: z.zoneId, name: z.zoneName, ...z }))} testId="satisfaction-zones" />
      <h2>按单位</h2>
      <RateTable rows={byUnit.filter((u) => u.answered > 0).map((u) => ({ key: u.unitId, name: u.unitName, ...u }))} testId="satisfaction-units" />
    </section>
  );
}

interface Row {
  key: string;
  name: string;
  answered: number;
  satisfied: number;
  basically: number;
  dissatisfied: number;
  rate: number | null;
}

function RateTable({ rows, testId }: { rows: Row[]; testId: string }) {
  if (!rows.length) return <p class="muted">本期没有群众评价。</p>;
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>名称</th>
          <th>评价数</th>
          <th>满意</th>
          <th>基本满意</th>
          <th>不满意</th>
          <th>群众满意率</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.name}</td>
            <td>{r.answered}</td>
            <td>{r.satisfied}</td>
            <td>{r.basically}</td>
            <td>{r.dissatisfied}</td>
            <td class={rateClass(r.rate)}>{percentLabel(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
