/**
 * The side panel's first screen: the unit, the progress line, and today's and this week's lists. Plain values in,
 * so the page can draw it from a first read of IndexedDB before the rest of the panel (Dexie, forms) has loaded.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';
import type { DutyItem, TodayView } from '../../lib/today';
import { DutyList } from './DutyList';
import type { Calendar } from '../../../shared/calendar';
import { dayNote, type DayNote } from '../../../shared/labels';

function DayNoteLine({ note }: { note: DayNote | null }) {
  if (!note) return null;
  if (note.kind === 'makeup_workday') return <p class="makeup-day">{t('makeupWorkday')}</p>;
  const text =
    note.kind === 'county_rest' ? t('restDayNamed', note.name) : note.kind === 'holiday' ? t('restDayHoliday', note.name) : note.kind === 'weekend' ? t('restDayWeekend') : t('restDay');
  return <p class="rest-day">{text}</p>;
}

export interface TodayListsProps {
  unitName: string;
  zoneName: string;
  personName: string;
  view: TodayView;
  hasDuties: boolean;
  nameOf(personId: string): string;
  /** The person using the panel: unticking anyone else's completion asks for confirmation. */
  personId: string;
  onToggle?(item: DutyItem, checked: boolean): void;
  /** The county's calendar, to say what kind of day today is (周末, 节假日, 调休上班, a local rest day). */
  calendar: Calendar;
  /** What sits between the header and the lists (the sync line, a revoked notice). */
  children?: ComponentChildren;
}

export function TodayLists({ unitName, zoneName, personName, view, hasDuties, nameOf, personId, onToggle, calendar, children }: TodayListsProps) {
  const dailyShown = view.workingDay ? view.daily : view.daily.filter((i) => i.dueAt !== null);
  const p = view.progress;
  return (
    <>
      <header>
        <h1>{unitName}</h1>
        <p class="muted">
          {zoneName} · {personName}
        </p>
      </header>
      {children}
      {!hasDuties ? <p class="muted">{t('noDutiesYet')}</p> : null}
      <p class="progress" data-testid="progress">
        {t('progress', p.dailyDone, p.dailyDue, p.weeklyDone, p.weeklyDue)}
      </p>
      <DayNoteLine note={dayNote(calendar, view.dateKey)} />
      <DutyList title={t('todayDaily')} items={dailyShown} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText={t('nothingToday')} />
      <DutyList title={t('weekWeekly')} items={view.weekly} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText={t('nothingThisWeek')} />
    </>
  );
}
