/*
 * The dashboard (工作看板) for unit and department heads, zone chiefs and the command center: completion of the
 * caller's units today, this week and over 30 days, drill-down zone → unit → day, the issue list with history,
 * 催办, 群众满意度, the command center's 待受理 of public reports, exports and the 通报. It reads the server directly (extension/lib/api.ts), and its figures follow new
 * ticks by themselves (useLiveOverview); what a person does here (催办, 交办) goes through the extension's outbox
 * like the side panel (lib/ledger.ts).
 */
import { useState } from 'preact/hooks';
import type { PanelDb } from '../../lib/db';
import { SyncStatus } from '../../components/panel/SyncStatus';
import { enrolmentRoleLabel } from '../../lib/enrolment';
import { addDays, dateKeyOf } from '../../../shared/calendar';
import { SessionPage } from '../../components/SessionPage';
import type { Session } from '../../components/useSession';
import { useCall } from '../../components/useCall';
import { Overview } from '../../components/dashboard/Overview';
import { UnitDetail } from '../../components/dashboard/UnitDetail';
import { IssuesPanel } from '../../components/dashboard/IssuesPanel';
import { CalendarPage, ScheduleNotice } from '../../components/dashboard/CalendarPage';
import { RoundSummaries } from '../../components/dashboard/RoundSummaries';
import { ToAssignQueue } from '../../components/ToAssignQueue';
import { moveRefusal } from '../../../shared/issueFlow';
import { recentRange } from '../../../shared/reportRanges';
import { partOf, useLiveOverview } from '../../components/dashboard/useLiveOverview';
import { may } from '../../../shared/permissions';
import { lazyScreen } from '../../components/lazyScreen';

// Tabs most people open rarely: loaded when first shown, so the dashboard opens faster.
const BulletinPage = lazyScreen(() => import('../../components/dashboard/BulletinPage').then((m) => m.BulletinPage));
const AssessmentPage = lazyScreen(() => import('../../components/dashboard/AssessmentPage').then((m) => m.AssessmentPage));
const IntakePanel = lazyScreen(() => import('../../components/dashboard/IntakePanel').then((m) => m.IntakePanel));
const SatisfactionPanel = lazyScreen(() => import('../../components/dashboard/SatisfactionPanel').then((m) => m.SatisfactionPanel));
const AdminPage = lazyScreen(() => import('../../components/admin/AdminPage').then((m) => m.AdminPage));

type Tab = 'overview' | 'queue' | 'issues' | 'rounds' | 'satisfaction' | 'intake' | 'assessment' | 'bulletin' | 'calendar' | 'admin';
const TAB_NAMES: Record<Tab, string> = {
  overview: '完成情况', queue: '待交办', issues: '问题清单', rounds: '督查小结', satisfaction: '群众满意度', intake: '待受理', assessment: '考核', bulletin: '通报', calendar: '节假日安排', admin: '系统管理',
};

export function App({ db, now }: { db: PanelDb; now(): number }) {
  return (
    <SessionPage db={db} now={now}>
      {(session) => <Dashboard db={db} session={session} now={now} />}
    </SessionPage>
  );
}

interface Place {
  zoneId: string | null;
  unitId: string | null;
  date: string | null;
}

function Dashboard({ db, session, now }: { db: PanelDb; session: Session; now(): number }) {
  const { api, enrolment } = session;
  const [tab, setTab] = useState<Tab>('overview');
  const [place, setPlace] = useState<Place>({ zoneId: null, unitId: null, date: null });
  const overview = useLiveOverview(api);
  // The server's clock judges what is due; the page's own only until the first answer.
  const t = overview.data?.now ?? now();
  const recentDates = overview.data?.ranges.recent ?? recentRange(t);
  const [today, week, recent, issues] = [partOf(overview, 'today'), partOf(overview, 'week'), partOf(overview, 'recent'), partOf(overview, 'issues')];
  const org = useCall(() => api.org.scope.query(), [api]);
  const settings = useCall(() => api.supervision.settings.query(), [api]);
  // The 待交办 tab for whoever the issue flow lets 交办 or 不予受理 a reported issue.
  const triages = moveRefusal('issue.assigned', 'reported', enrolment.roles) === null || moveRefusal('issue.rejected', 'reported', enrolment.roles) === null;
  const tabs: Tab[] = [
    'overview',
    ...(triages ? (['queue'] as const) : []),
    'issues',
    ...(may(enrolment.roles, 'rounds.readSummaries') ? (['rounds'] as const) : []),
    'satisfaction',
    ...(may(enrolment.roles, 'intake.handle') ? (['intake'] as const) : []),
    'assessment',
    ...(may(enrolment.roles, 'assessment.read') ? (['bulletin'] as const) : []),
    ...(may(enrolment.roles, 'calendar.set') ? (['calendar'] as const) : []),
    ...(may(enrolment.roles, 'admin.manage') ? (['admin'] as const) : []),
  ];
  const nameOfUnit = (id: string) => org.data?.units.find((u) => u.id === id)?.name ?? id;
  const nameOfZone = (id: string) => org.data?.zones.find((z) => z.id === id)?.name ?? id;

  const zoneName = place.zoneId ? recent.data?.byZone.find((z) => z.zoneId === place.zoneId)?.zoneName : null;
  const unitName = place.unitId ? recent.data?.byUnit.find((u) => u.unitId === place.unitId)?.unitName : null;
  const go = (p: Partial<Place>) => {
    setTab('overview');
    setPlace((old) => ({ ...old, ...p }));
  };
  const openUnit = (unitId: string, date?: string) => {
    const zoneId = recent.data?.byUnit.find((u) => u.unitId === unitId)?.zoneId ?? null;
    go({ zoneId: place.zoneId ?? zoneId, unitId, date: date ?? dateKeyOf(t) });
  };

  return (
    <main>
      <header class="top no-print">
        <h1>片区通 · 工作看板</h1>
        <span data-testid="who">
          {enrolment.name}（{enrolmentRoleLabel(enrolment)}）{recent.data ? ` · ${recent.data.title}` : ''}
        </span>
        <button type="button" class="link" onClick={overview.reload}>
          刷新
        </button>
      </header>
      <div class="no-print">
        <SyncStatus db={db} />
      </div>
      {may(enrolment.roles, 'calendar.set') ? <ScheduleNotice now={t} onOpen={() => setTab('calendar')} /> : null}
      <nav class="no-print">
        {tabs.map((name) => (
          <button type="button" key={name} data-testid={`tab-${name}`} aria-current={name === tab ? 'page' : undefined} onClick={() => setTab(name)}>
            {TAB_NAMES[name]}
          </button>
        ))}
      </nav>
      {tab === 'overview' ? (
        <>
          <p class="crumbs no-print" data-testid="crumbs">
            <button type="button" class="link" onClick={() => go({ zoneId: null, unitId: null, date: null })}>
              全部
            </button>
            {place.zoneId ? (
              <>
                ›
                <button type="button" class="link" onClick={() => go({ unitId: null, date: null })}>
                  {zoneName ?? '片区'}
                </button>
              </>
            ) : null}
            {place.unitId ? <> › {unitName ?? '单位'}</> : null}
          </p>
          {place.unitId ? (
            <UnitDetail api={api} unitId={place.unitId} date={place.date ?? dateKeyOf(t)} recent={recent.data} onDate={(date) => go({ date })} />
          ) : (
            <Overview
              db={db}
              session={session}
              now={t}
              zoneId={place.zoneId}
              today={today}
              week={week}
              recent={recent}
              issues={issues}
              recentRange={recentDates}
              openZone={(zoneId) => go({ zoneId, unitId: null })}
              openUnit={openUnit}
            />
          )}
        </>
      ) : null}
      {tab === 'issues' ? org.data ? <IssuesPanel api={api} org={org.data} /> : <p class={org.error ? 'error' : 'muted'}>{org.error ?? '正在读取…'}</p> : null}
      {tab === 'queue' ? (
        <ToAssignQueue db={db} personId={enrolment.personId} roles={enrolment.roles} deadlineDays={settings.data?.deadlineDays} now={now} unitName={nameOfUnit} zoneName={nameOfZone} />
      ) : null}
      {tab === 'rounds' ? <RoundSummaries api={api} /> : null}
      {tab === 'satisfaction' ? <SatisfactionPanel api={api} range={recentDates} /> : null}
      {tab === 'intake' ? org.data ? <IntakePanel api={api} org={org.data} /> : <p class={org.error ? 'error' : 'muted'}>{org.error ?? '正在读取…'}</p> : null}
      {tab === 'assessment' ? <AssessmentPage api={api} enrolment={enrolment} now={now} /> : null}
      {tab === 'bulletin' ? <BulletinPage api={api} enrolment={enrolment} defaultEnd={addDays(dateKeyOf(t), -1)} /> : null}
      {tab === 'calendar' ? <CalendarPage enrolment={enrolment} now={t} clock={now} /> : null}
      {tab === 'admin' ? <AdminPage session={session} now={now} /> : null}
    </main>
  );
}
