/** Today's list drawn from the first read, before the full panel has loaded: the same screen, not yet tickable. */
import { render } from 'preact';
import { makeCalendar } from '../../../shared/calendar';
import { TodayLists } from '../../components/panel/TodayLists';
import type { FirstRead } from '../../lib/firstRead';
import { checkLookup, todayView } from '../../lib/today';

export function FirstPaint({ read, now }: { read: FirstRead; now: number }) {
  const { enrolment } = read;
  if (!enrolment?.unit) return <p class="muted">正在加载…</p>;
  const calendar = makeCalendar(read.calendarDays);
  const view = todayView(read.duties, checkLookup(read.checks), now, calendar);
  const names = new Map(read.members.map((m) => [m.id, m.name]));
  return (
    <main>
      <TodayLists unitName={enrolment.unit.name} zoneName={enrolment.unit.zoneName} personName={enrolment.name} view={view} hasDuties={read.duties.length > 0} memberNames={names} personId={enrolment.personId} calendar={calendar} />
    </main>
  );
}

export function paint(root: HTMLElement, read: FirstRead, now: number): void {
  render(<FirstPaint read={read} now={now} />, root);
}
