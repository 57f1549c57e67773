/**
 * The side panel's first screen: the unit, the progress line, and today's and this week's lists. Plain values in,
 * so the page can draw it from a first read of IndexedDB before the rest of the panel (Dexie, forms) has loaded.
 */
import type { ComponentChildren } from 'preact';
import type { DutyItem, TodayView } from '../../lib/today';
import { DutyList } from './DutyList';
import type { Calendar } from '../../../shared/calendar';
import { dayNote, type DayNote } from '../../../shared/labels';

function DayNoteLine({ note }: { note: DayNote | null }) {
  if (!note) return null;
  if (note.kind === 'makeup_workday') return <p class="makeup-day">今天调休上班，工作日事项照常完成</p>;
  const text =
    note.kind === 'county_rest' ? `今天休息（${note.name}），工作日事项无需完成` : note.kind === 'holiday' ? `今天是节假日（${note.name}），工作日事项无需完成` : note.kind === 'weekend' ? '今天是周末，工作日事项无需完成' : '今天是休息日，工作日事项无需完成';
  return <p class="rest-day">{text}</p>;
}

export interface TodayListsProps {
  unitName: string;
  zoneName: string;
  personName: string;
  view: TodayView;
  hasDuties: boolean;
  /** The unit's people by id, to say who ticked an item (the person using the panel by their own name). */
  memberNames: ReadonlyMap<string, string>;
  /** The person using the panel: unticking anyone else's completion asks for confirmation. */
  personId: string;
  onToggle?(item: DutyItem, checked: boolean): void;
  /** The county's calendar, to say what kind of day today is (周末, 节假日, 调休上班, a local rest day). */
  calendar: Calendar;
  /** What sits between the header and the lists (the sync line, a revoked notice). */
  children?: ComponentChildren;
}

// The two sections' names, also the progress line's words: its weekly figure counts only 本周扫除 items, not
// everything due this week (the dashboard's 本周), so it says so.
const DAILY = '今日保洁';
const WEEKLY = '本周扫除';

export function TodayLists({ unitName, zoneName, personName, view, hasDuties, memberNames, personId, onToggle, calendar, children }: TodayListsProps) {
  // Someone not (yet) in the synced member list is still a colleague of the unit.
  const nameOf = (id: string) => (id === personId ? personName : (memberNames.get(id) ?? '同事'));
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
      {!hasDuties ? <p class="muted">还没有从服务器取得责任清单，联网后会自动更新。</p> : null}
      <p class="progress" data-testid="progress">
        {DAILY} {p.dailyDone}/{p.dailyDue}，{WEEKLY} {p.weeklyDone}/{p.weeklyDue}
      </p>
      <DayNoteLine note={dayNote(calendar, view.dateKey)} />
      <DutyList title={DAILY} items={dailyShown} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText="今天没有需要完成的事项" />
      <DutyList title={WEEKLY} items={view.weekly} nameOf={nameOf} personId={personId} onToggle={onToggle} emptyText="本周没有需要完成的事项" />
    </>
  );
}
