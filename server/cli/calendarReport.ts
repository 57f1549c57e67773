/*
 * `admin calendar <year>`: what the county calendar knows of a year, line by line, with where each answer comes
 * from (县里录入 / 国务院安排（内置）/ 估算), who entered each county entry and when, and entries made after
 * their day had passed (those days were judged again under the entry).
 */
import type { Db } from '../db/open';
import { calendarEntries, loadCalendar } from '../domain/calendar';
import { personNames } from '../domain/report/detail';
import { DAY, startOfDate } from '../../shared/calendar';
import { DAY_SOURCE_NAMES, ENTRY_KIND_NAMES, yearListing } from '../../shared/holidays';
import { dateLabel, isoMinuteLabel } from '../../shared/labels';

export function calendarReport(db: Db, year: number): { text: string; missing: boolean } {
  const listing = yearListing(loadCalendar(db), year);
  const names = personNames(db);
  const entries = calendarEntries(db).filter((e) => e.date.startsWith(`${year}-`));
  const lines = [`${year}年：${listing.basis}`];
  for (const d of listing.days) {
    const state = d.kind === 'local_rest' ? '地方休息日' : d.working ? '上班' : '休息';
    lines.push(`  ${dateLabel(d.date)}  ${state}${d.name ? `  ${d.name}` : ''}  ——${DAY_SOURCE_NAMES[d.source]}`);
  }
  if (entries.length) {
    lines.push('', '指挥部录入记录（每个日期最近一次）：');
    for (const e of entries) {
      const late = e.setAt >= startOfDate(e.date) + DAY ? '  （补录：该日已按此重新评定）' : '';
      lines.push(`  ${e.date} ${ENTRY_KIND_NAMES[e.kind]}${e.name ? ` ${e.name}` : ''}  ${names.get(e.setBy) ?? e.setBy} 录入于 ${isoMinuteLabel(e.setAt)}${late}`);
    }
  }
  return { text: lines.join('\n'), missing: !listing.hasSchedule };
}
