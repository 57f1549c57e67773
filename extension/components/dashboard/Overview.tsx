/** The overview of the caller's scope, or of one zone in it: cards, lagging units, zones, units, heat map, trend. */
import { Fragment } from 'preact';
import type { PanelDb } from '../../lib/db';
import type { Session } from '../useSession';
import type { Call } from '../useCall';
import type { Completion, IssueFigures } from './types';
import { SummaryCards } from './SummaryCards';
import { ZoneTable } from './ZoneTable';
import { UnitTable } from './UnitTable';
import { Heatmap, HeatLegend } from './Heatmap';
import { TrendLine } from './TrendLine';
import { ExportButtons } from './ExportButtons';
import { hasOutstanding, nudgeMessage, sendNudge, type Outstanding } from './nudge';
import { NudgeLog } from './NudgeLog';
import { percentLabel } from '../../../shared/labels';
import { completionRate } from '../../../shared/metrics';
import type { DateRange } from '../../../shared/reportRanges';
import { may } from '../../../shared/permissions';


interface Props {
  db: PanelDb;
  session: Session;
  now: number;
  zoneId: string | null;
  today: Call<Completion>;
  week: Call<Completion>;
  recent: Call<Completion>;
  issues: Call<IssueFigures>;
  recentRange: DateRange;
  openZone(zoneId: string): void;
  openUnit(unitId: string, date?: string): void;
}

/** A zone's slice of a report: its units, and its days recounted from the heat map. */
function zoneDays(report: Completion, unitIds: string[]): Completion['byDay'] {
  return report.byDay.map((d, i) => {
    const sum = { done: 0, missed: 0, overdue: 0 };
    for (const row of report.heat ?? []) {
      if (!unitIds.includes(row.unitId)) continue;
      sum.done += row.cells[i].done;
      sum.missed += row.cells[i].missed;
      sum.overdue += row.cells[i].overdue;
    }
    return { ...d, rate: completionRate(sum) };
  });
}

function withinZone(report: Completion | undefined, zoneId: string | null): Completion | undefined {
  if (!report || !zoneId) return report;
  const zone = report.byZone.find((z) => z.zoneId === zoneId);
  return zone ? { ...report, total: zone, byUnit: report.byUnit.filter((u) => u.zoneId === zoneId), byZone: [zone] } : report;
}

export function Overview({ db, session, now, zoneId, today, week, recent, issues, recentRange, openZone, openUnit }: Props) {
  const { roles, name, personId } = session.enrolment;
  const report = withinZone(recent.data, zoneId);
  const zoneNames = new Map((recent.data?.byZone ?? []).map((z) => [z.zoneId, z.zoneName]));
  const unitIds = report?.byUnit.map((u) => u.unitId) ?? [];
  // What a unit can still do something about now: today's and this week's items not done, overdue issues.
  const outstandingOf = (unitId: string): Outstanding => {
    const day = today.data?.byUnit.find((u) => u.unitId === unitId);
    const wk = week.data?.byUnit.find((u) => u.unitId === unitId);
    const iss = issues.data?.byUnit.find((u) => u.unitId === unitId);
    return { today: (day?.overdue ?? 0) + (day?.missed ?? 0), week: (wk?.overdue ?? 0) + (wk?.missed ?? 0), overdueIssues: iss?.overdue ?? 0 };
  };
  const onNudge = may(roles, 'nudge.send')
    ? (u: Completion['byUnit'][number]) =>
        sendNudge(db, personId, u.unitId, nudgeMessage({ name, roles }, u.unitName, outstandingOf(u.unitId)), now).catch(() => Promise.reject(new Error('保存失败，请重试')))
    : undefined;
  const nudgeable = (u: Completion['byUnit'][number]) => (today.data && week.data && issues.data ? hasOutstanding(outstandingOf(u.unitId)) : undefined);
  const i = issues.data?.total;
  return (
    <div data-testid="overview">
      <SummaryCards
        cards={[
          { key: 'today', label: '今天', report: withinZone(today.data, zoneId) },
          { key: 'week', label: '本周', report: withinZone(week.data, zoneId) },
          { key: 'recent', label: '近30天', report },
        ]}
      />
      {i && !zoneId ? (
        <section class="card wide" data-testid="issue-summary">
          <h3>问题整改（近30天）</h3>
          <p>
            上报 {i.reported} · 已整改 {i.rectified} · 已核查 {i.verified} · <span class={i.overdue ? 'poor' : ''}>超期未整改 {i.overdue}</span> · 返工 {i.reopens} ·
            按期整改率 {percentLabel(i.onTimeRectifyRate)}
          </p>
        </section>
      ) : null}
      {recent.error ? <p class="error">{recent.error}</p> : null}
      {/* Keyed: unkeyed, Preact matched the report's fragment to the exports' one when the report arrived, and
          remounted the export fields (a date typed there was lost). */}
      {report ? (
        <Fragment key="report">
          {report.byZone.length > 1 ? (
            <>
              <h2>各片区（近30天）</h2>
              <ZoneTable zones={report.byZone} onOpen={openZone} />
            </>
          ) : null}
          <h2>各单位（近30天，落后的在前）</h2>
          <UnitTable units={report.byUnit} zoneNames={zoneNames} onOpen={(id) => openUnit(id)} onNudge={onNudge} nudgeable={nudgeable} />
          <h2>每日完成情况</h2>
          <HeatLegend />
          <Heatmap report={recent.data!} unitIds={unitIds} onPick={openUnit} />
          <h2>完成率趋势</h2>
          <TrendLine days={zoneId ? zoneDays(recent.data!, unitIds) : report.byDay} />
        </Fragment>
      ) : recent.error ? null : (
        <p class="muted">正在统计近30天的数据…</p>
      )}
      {onNudge ? <NudgeLog db={db} personId={personId} unitName={(id) => report?.byUnit.find((u) => u.unitId === id)?.unitName ?? id} /> : null}
      {may(roles, 'export.download') ? (
        <Fragment key="exports">
          <h2>导出</h2>
          <ExportButtons api={session.api} initial={recentRange} />
        </Fragment>
      ) : null}
    </div>
  );
}
