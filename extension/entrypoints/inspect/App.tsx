/*
 * The inspect page (督查工作台) for inspectors and the command center: zones due, recording a round with its
 * findings, the 回头看 list with verification, complaints (command center), and escalation alerts. It reads
 * the server (lists are as fresh as the last load) and writes rounds, findings and verifications through the
 * extension's outbox like the side panel, so they survive closing the page and are sent when the server is back.
 */
import { useState } from 'preact/hooks';
import type { PanelDb } from '../../lib/db';
import { SyncStatus } from '../../components/panel/SyncStatus';
import { enrolmentRoleLabel } from '../../lib/enrolment';
import { SessionPage } from '../../components/SessionPage';
import type { Session } from '../../components/useSession';
import { useKeptCall } from '../../components/useKeptCall';
import { dateTimeLabel } from '../../../shared/labels';
import { EMPTY_PLAN, ZonesDue, type RoundPlan } from '../../components/inspect/ZonesDue';
import { RoundForm } from '../../components/inspect/RoundForm';
import { Rechecks } from '../../components/inspect/Rechecks';
import { AlertsList } from '../../components/inspect/AlertsList';
import { may } from '../../../shared/permissions';
import { lazyScreen } from '../../components/lazyScreen';

// The command center's forms, rarely opened: loaded when first shown, so the page opens faster on the street.
const ComplaintForm = lazyScreen(() => import('../../components/inspect/ComplaintForm').then((m) => m.ComplaintForm));
const SettingsForm = lazyScreen(() => import('../../components/inspect/SettingsForm').then((m) => m.SettingsForm));
const TeamsForm = lazyScreen(() => import('../../components/inspect/TeamsForm').then((m) => m.TeamsForm));
// One issue's page (history, photos, 核查), opened from a list.
const IssueView = lazyScreen(() => import('../../components/inspect/IssueView').then((m) => m.IssueView));

type Tab = 'zones' | 'round' | 'rechecks' | 'complaint' | 'alerts' | 'settings';
const TAB_NAMES: Record<Tab, string> = { zones: '待督查片区', round: '登记督查', rechecks: '回头看', complaint: '投诉登记', alerts: '超时预警', settings: '督查设置' };
const COMMAND_TABS: Tab[] = ['zones', 'round', 'rechecks', 'complaint', 'alerts', 'settings'];
const INSPECTOR_TABS: Tab[] = ['zones', 'round', 'rechecks', 'alerts'];

export function App({ db, now }: { db: PanelDb; now(): number }) {
  return (
    <SessionPage db={db} now={now}>
      {(session) => <Workspace db={db} session={session} now={now} />}
    </SessionPage>
  );
}

function Workspace({ db, session, now }: { db: PanelDb; session: Session; now(): number }) {
  const { role, roles, name } = session.enrolment;
  const supervisor = may(roles, 'inspection.work');
  const tabs: Tab[] = role === 'command' ? COMMAND_TABS : role === 'inspector' ? INSPECTOR_TABS : ['alerts'];
  const [tab, setTab] = useState<Tab>(tabs[0]);
  const [plan, setPlan] = useState<RoundPlan>(EMPTY_PLAN);
  const [roundStart, setRoundStart] = useState<number | null>(null);
  const [openIssue, setOpenIssue] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const api = session.api;

  // Read from the server and kept in this browser, so the page opens with its lists where there is no network.
  const org = useKeptCall(db, 'org.scope', () => api.org.scope.query(), now, [api]);
  const zones = useKeptCall(db, 'zonesDue', () => (supervisor ? api.supervision.zonesDue.query() : Promise.resolve([])), now, [api, version]);
  const rechecks = useKeptCall(db, 'rechecksDue', () => (supervisor ? api.supervision.rechecksDue.query() : Promise.resolve([])), now, [api, version]);
  const alerts = useKeptCall(db, 'alerts', () => api.supervision.alerts.query(), now, [api, version]);
  const hotspots = useKeptCall(db, 'hotspots', () => api.supervision.hotspots.query(), now, [api, version]);
  const settings = useKeptCall(db, 'settings', () => api.supervision.settings.query(), now, [api, version]);
  const teams = useKeptCall(db, 'teams', () => (supervisor ? api.supervision.teams.query() : Promise.resolve([])), now, [api, version]);
  const calls = [org, zones, rechecks, alerts, hotspots, settings, teams];
  const error = calls.find((c) => c.error)?.error ?? null;
  const keptAt = Math.min(...calls.map((c) => c.keptAt ?? Infinity));

  const done = (message: string) => {
    setNotice(message);
    setOpenIssue(null);
    setVersion((v) => v + 1);
  };
  const show = (t: Tab) => {
    setTab(t);
    setOpenIssue(null);
    setNotice(null);
  };

  return (
    <main>
      <header class="top">
        <h1>督查工作台</h1>
        <span data-testid="who">{name}（{enrolmentRoleLabel(session.enrolment)}）</span>
      </header>
      <nav>
        {tabs.map((t) => (
          <button type="button" key={t} data-testid={`tab-${t}`} aria-current={t === tab ? 'page' : undefined}
            disabled={t === 'round' && roundStart === null} onClick={() => show(t)}>
            {TAB_NAMES[t]}
            {t === 'rechecks' && rechecks.data ? `（${rechecks.data.length}）` : ''}
            {t === 'alerts' && alerts.data ? `（${alerts.data.length}）` : ''}
          </button>
        ))}
      </nav>
      <SyncStatus db={db} />
      {!supervisor && <p class="muted">督查、回头看和投诉登记由督查组和指挥部使用；这里显示与您相关的超时预警。</p>}
      {error && <p class="error" role="alert" data-testid="page-error">{error}</p>}
      {keptAt !== Infinity && (
        <p class="notice" role="status" data-testid="kept-note">
          暂时连不上服务器，以下名单是{dateTimeLabel(keptAt)}读取的；记录照常保存，联网后自动上传
        </p>
      )}
      {/* A toast at the bottom of the window: seen wherever the person has scrolled to. */}
      {notice && <p class="notice toast" role="status" data-testid="notice">{notice}</p>}
      {openIssue ? (
        <IssueView db={db} session={session} issueId={openIssue} now={now} onClose={() => setOpenIssue(null)} onChanged={done} />
      ) : (
        <>
          {tab === 'zones' && zones.data && (
            <ZonesDue zones={zones.data} teams={teams.data ?? []} everyDays={settings.data?.inspectionEveryDays ?? 3} now={now}
              plan={plan} onChange={setPlan} onStart={() => { setRoundStart(now()); show('round'); }} />
          )}
          {tab === 'round' && org.data && roundStart !== null && plan.kind && (
            <RoundForm db={db} session={session} org={org.data} plan={{ ...plan, kind: plan.kind }} startedAt={roundStart} now={now}
              onDone={(m) => { setRoundStart(null); setPlan(EMPTY_PLAN); done(m); setTab('zones'); }} />
          )}
          {tab === 'rechecks' && rechecks.data && <Rechecks tasks={rechecks.data} teams={teams.data ?? []} onOpen={setOpenIssue} />}
          {tab === 'complaint' && org.data && <ComplaintForm key={version} session={session} org={org.data} now={now} onDone={done} />}
          {tab === 'settings' && settings.data && <SettingsForm key={version} session={session} initial={settings.data} onDone={done} />}
          {tab === 'settings' && teams.data && <TeamsForm key={`teams-${version}`} session={session} teams={teams.data} onDone={done} />}
          {tab === 'alerts' && alerts.data && hotspots.data && <AlertsList alerts={alerts.data} hotspots={hotspots.data} onOpen={setOpenIssue} />}
        </>
      )}
    </main>
  );
}
