/*
 * The side panel: today's and this week's duty list, ticked with one click; the sync status; 快速上报; the unit's
 * open issues with 整改. Everything reads IndexedDB (live queries) and writes through the outbox, so it works
 * the same with or without a network. `now` is the page's clock, passed in.
 */
import { useCallback, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ROLE_NAMES } from '../../../shared/roles';
import { localCalendar, type PanelDb } from '../../lib/db';
import type { Enrolment } from '../../lib/enrolment';
import { t } from '../../lib/i18n';
import { setDutyChecked, type Recorder } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { checkLookup, todayView, type DutyItem } from '../../lib/today';
import { DutyList } from '../../components/panel/DutyList';
import { IssueForm } from '../../components/panel/IssueForm';
import { IssueList } from '../../components/panel/IssueList';
import { SyncStatus } from '../../components/panel/SyncStatus';
import { useEnrolment, useNow } from '../../components/useEnrolment';
import { PhotoSource, photoLoader } from '../../components/PhotoStrip';
import { useLiveQuery } from '../../components/useLiveQuery';

export interface AppProps {
  db: PanelDb;
  now(): number;
  /** Whether a capture of the visible tab can be offered (not in tests or where the API is missing). */
  allowCapture?: boolean;
}

export function App({ db, now, allowCapture = false }: AppProps) {
  const enrolment = useEnrolment();
  if (enrolment === undefined) return <p class="muted">{t('loading')}</p>;
  if (enrolment === null) return <NotEnrolled />;
  if (!enrolment.unit) return <NoUnit enrolment={enrolment} />;
  return <Panel db={db} now={now} enrolment={enrolment} unit={enrolment.unit} allowCapture={allowCapture} />;
}

function openOptions() {
  void browser.runtime.openOptionsPage();
}

function NotEnrolled() {
  return (
    <main class="not-enrolled" data-testid="not-enrolled">
      <h1>{t('extName')}</h1>
      <p>{t('notEnrolled')}</p>
      <button type="button" onClick={openOptions}>
        {t('openOptions')}
      </button>
    </main>
  );
}

function NoUnit({ enrolment }: { enrolment: Enrolment }) {
  return (
    <main class="not-enrolled">
      <p>{t('noUnit', enrolment.name, ROLE_NAMES[enrolment.role])}</p>
      <a href="/inspect.html" target="_blank">
        {t('openInspect')}
      </a>{' '}
      <a href="/dashboard.html" target="_blank" data-testid="open-dashboard">
        {t('openDashboard')}
      </a>
    </main>
  );
}

function Panel({ db, now, enrolment, unit, allowCapture }: { db: PanelDb; now(): number; enrolment: Enrolment; unit: NonNullable<Enrolment['unit']>; allowCapture: boolean }) {
  const at = useNow(now);
  const who: Recorder = { personId: enrolment.personId, unitId: unit.id };
  const data = useLiveQuery(async () => {
    const [duties, checks, members, gridCells, calendar] = await Promise.all([
      db.duties.orderBy('position').toArray(),
      db.dutyChecks.toArray(),
      db.members.toArray(),
      db.gridCells.toArray(),
      localCalendar(db),
    ]);
    return { duties, lookup: checkLookup(checks), members: new Map(members.map((m) => [m.id, m.name])), gridCells, calendar };
  });
  const onToggle = useCallback(
    async (item: DutyItem, checked: boolean) => {
      await setDutyChecked(db, who, { dutyId: item.duty.id, periodKey: item.periodKey }, checked, now());
      void requestSync();
    },
    [db, who.personId, who.unitId, now],
  );
  const loadPhoto = useMemo(() => photoLoader(db, enrolment, now), [db, enrolment, now]);
  const revoked = useLiveQuery(async () => ((await db.meta.get('sync'))?.value as { revoked?: boolean } | undefined)?.revoked ?? false);

  if (!data) return <p class="muted">{t('loading')}</p>;
  const view = todayView(data.duties, data.lookup, at, data.calendar);
  const nameOf = (id: string) => (id === enrolment.personId ? enrolment.name : data.members.get(id) ?? t('someone'));
  // A day off the county entered itself (a local festival) is named, so nobody wonders why the list is short.
  const restName = data.calendar.countyDay(view.dateKey)?.name;
  const dailyShown = view.workingDay ? view.daily : view.daily.filter((i) => i.dueAt !== null);
  const p = view.progress;

  return (
    <PhotoSource value={loadPhoto}>
    <main>
      <header>
        <h1>{unit.name}</h1>
        <p class="muted">
          {unit.zoneName} · {enrolment.name}
        </p>
      </header>
      {revoked ? (
        <p class="error" role="alert">
          {t('syncRevoked')}{' '}
          <button type="button" onClick={openOptions}>
            {t('openOptions')}
          </button>
        </p>
      ) : null}
      <SyncStatus db={db} />
      {data.duties.length === 0 ? <p class="muted">{t('noDutiesYet')}</p> : null}
      <p class="progress" data-testid="progress">
        {t('progress', p.dailyDone, p.dailyDue, p.weeklyDone, p.weeklyDue)}
      </p>
      {!view.workingDay ? <p class="rest-day">{restName ? t('restDayNamed', restName) : t('restDay')}</p> : null}
      <DutyList title={t('todayDaily')} items={dailyShown} nameOf={nameOf} personId={enrolment.personId} onToggle={onToggle} emptyText={t('nothingToday')} />
      <DutyList title={t('weekWeekly')} items={view.weekly} nameOf={nameOf} personId={enrolment.personId} onToggle={onToggle} emptyText={t('nothingThisWeek')} />
      <IssueForm db={db} who={who} zoneId={unit.zoneId} gridCells={data.gridCells} now={now} allowCapture={allowCapture} />
      <IssueList db={db} who={who} role={enrolment.role} now={at} clock={now} />
    </main>
    </PhotoSource>
  );
}
