/**
 * The side panel's first screen: the unit, the progress line, and today's and this week's lists. Plain values in,
 * so the page can draw it from a first read of IndexedDB before the rest of the panel (Dexie, forms) has loaded.
 */
import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';
import type { DutyItem, TodayView } from '../../lib/today';
import { DutyList } from './DutyList';

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
  /** The name of a day off the county entered itself (a local festival), if today is one. */
  restName?: string;
  /** What sits between the header and the lists (the sync line, a revoked notice). */
  children?: ComponentChildren;
}

export function TodayLists({ unitName, zoneName, personName, view, hasDuties, nameOf, personId, onToggle, restName, children }: TodayListsProps) {
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
      {!view.workingDay ? <p class="rest-day">{restName ? t('restDayNamed', restName) : t('restDay')}</p> : null}
      <DutyList title={t('todayDaily')} items={dailyShown} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText={t('nothingToday')} />
      <DutyList title={t('weekWeekly')} items={view.weekly} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText={t('nothingThisWeek')} />
    </>
  );
}
