/*
 * The side panel: today's and this week's duty list, ticked with one click; the sync status; 快速上报; the unit's
 * open issues with 整改. Everything reads IndexedDB (live queries) and writes through the outbox, so it works
 * the same with or without a network. `now` is the page's clock, passed in.
 */
import { useCallback, useMemo } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { localCalendar, REVOKED_NOTICE, type LocalDuty, type Member, type PanelDb } from '../../lib/db';
import type { FirstRead } from '../../lib/firstRead';
import { makeCalendar, type Calendar } from '../../../shared/calendar';
import type { DutyCheckRow } from '../../../shared/projection';
import type { GridCell } from '../../../shared/schemas/org';
import type { Enrolment } from '../../lib/enrolment';
import { setDutyChecked, type Recorder } from '../../lib/ledger';
import { requestSync } from '../../lib/messages';
import { checkLookup, todayView, type CheckLookup, type DutyItem } from '../../lib/today';
import { TodayLists } from '../../components/panel/TodayLists';
import { ChiefSummary, RoleSummary } from '../../components/panel/RoleSummary';
import { IssueForm } from '../../components/panel/IssueForm';
import { IssueList } from '../../components/panel/IssueList';
import { SyncStatus } from '../../components/panel/SyncStatus';
import { MyScore } from '../../components/panel/MyScore';
import { NudgeNotices } from '../../components/panel/NudgeNotices';
import { useEnrolment, useNow } from '../../components/useEnrolment';
import { PhotoSource, photoLoader } from '../../components/PhotoStrip';
import { useLiveQuery } from '../../components/useLiveQuery';

export interface AppProps {
  db: PanelDb;
  now(): number;
  /** What the page already read at opening (lib/firstRead.ts): shown at once, then kept current by live queries. */
  first?: FirstRead;
  /** Whether a capture of the visible tab can be offered (not in tests or where the API is missing). */
  allowCapture?: boolean;
}

export function App({ db, now, first, allowCapture = false }: AppProps) {
  const enrolment = useEnrolment(first?.enrolment);
  if (enrolment === undefined) return <p class="muted">正在加载…</p>;
  if (enrolment === null) return <NotEnrolled />;
  if (!enrolment.unit) return <RoleSummary enrolment={enrolment} />;
  return <Panel db={db} now={now} first={first} enrolment={enrolment} unit={enrolment.unit} allowCapture={allowCapture} />;
}

function openOptions() {
  void browser.runtime.openOptionsPage();
}

function NotEnrolled() {
  return (
    <main class="not-enrolled" data-testid="not-enrolled">
      <h1>片区通</h1>
      <p>本浏览器尚未登记。请在设置页填写服务器地址和登记码，登记后即可使用。</p>
      <button type="button" onClick={openOptions}>
        打开设置页
      </button>
    </main>
  );
}

interface PanelData {
  duties: LocalDuty[];
  lookup: CheckLookup;
  members: Map<string, string>;
  gridCells: GridCell[];
  calendar: Calendar;
}

function panelData(duties: LocalDuty[], checks: DutyCheckRow[], members: Member[], gridCells: GridCell[], calendar: Calendar): PanelData {
  return { duties, lookup: checkLookup(checks), members: new Map(members.map((m) => [m.id, m.name])), gridCells, calendar };
}

function Panel({ db, now, first, enrolment, unit, allowCapture }: { db: PanelDb; now(): number; first?: FirstRead; enrolment: Enrolment; unit: NonNullable<Enrolment['unit']>; allowCapture: boolean }) {
  const at = useNow(now);
  const who: Recorder = useMemo(() => ({ personId: enrolment.personId, unitId: unit.id }), [enrolment.personId, unit.id]);
  const data = useLiveQuery(
    async () => panelData(...(await Promise.all([db.duties.orderBy('position').toArray(), db.dutyChecks.toArray(), db.members.toArray(), db.gridCells.toArray(), localCalendar(db)]))),
    [],
    first && panelData(first.duties, first.checks, first.members, first.gridCells, makeCalendar(first.calendarDays)),
  );
  const onToggle = useCallback(
    async (item: DutyItem, checked: boolean) => {
      await setDutyChecked(db, who, { dutyId: item.duty.id, periodKey: item.periodKey }, checked, now());
      void requestSync();
    },
    [db, who, now],
  );
  const loadPhoto = useMemo(() => photoLoader(db, enrolment, now), [db, enrolment, now]);
  const revoked = useLiveQuery(async () => ((await db.meta.get('sync'))?.value as { revoked?: boolean } | undefined)?.revoked ?? false);

  if (!data) return <p class="muted">正在加载…</p>;
  const view = todayView(data.duties, data.lookup, at, data.calendar);

  return (
    <PhotoSource value={loadPhoto}>
    <main>
      <TodayLists unitName={unit.name} zoneName={unit.zoneName} personName={enrolment.name} view={view} hasDuties={data.duties.length > 0} memberNames={data.members} personId={enrolment.personId} onToggle={onToggle} calendar={data.calendar}>
        {revoked ? (
          <p class="error" role="alert">
            {REVOKED_NOTICE}{' '}
            <button type="button" onClick={openOptions}>
              打开设置页
            </button>
          </p>
        ) : null}
        <SyncStatus db={db} />
        <MyScore enrolment={enrolment} unitId={unit.id} at={at} />
        <NudgeNotices db={db} who={who} now={now} />
      </TodayLists>
      <IssueForm db={db} who={who} zoneId={unit.zoneId} gridCells={data.gridCells} now={now} allowCapture={allowCapture} />
      <IssueList db={db} who={who} roles={enrolment.roles} now={at} clock={now} />
      {enrolment.chiefOf.length ? <ChiefSummary enrolment={enrolment} /> : null}
    </main>
    </PhotoSource>
  );
}
