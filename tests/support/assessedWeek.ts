/*
 * A week of the small county (2026-11-16 Mon … 11-22 Sun, no holidays) written through the real ledger, for the
 * 考核 tests: two rubric changes (the second from Thursday on), ticks with chosen gaps, and issues of every kind
 * that scores (an inspection finding left overdue, a complaint fixed then sent back at the 回头看, a self-check
 * fixed, a rejected finding). `now` is the Tuesday after.
 */
import type { Db } from '../../server/db/open';
import { pushEvents } from '../../server/domain/ledger';
import { setRubric } from '../../server/domain/assessment/rubric';
import { logComplaint } from '../../server/domain/supervision/complaints';
import { DEFAULT_RUBRIC, type Rubric } from '../../shared/assessment/rubric';
import { instantAt } from '../../shared/calendar';
import { PEOPLE, actor, check } from '../server/fixtures/smallCounty';
import { issueEvent, reportedPayload, SOME_PHOTO } from './issueStates';
import { uuidv7 } from 'uuidv7';

export const WEEK = { from: '2026-11-16', to: '2026-11-22' };
export const WEEK_DATES = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
export const AFTER_WEEK = instantAt('2026-11-24', '12:00');

export const RUBRIC_1: Rubric = {
  ...DEFAULT_RUBRIC,
  periods: { ...DEFAULT_RUBRIC.periods, week: { base: 100, deductionCap: 12, creditCap: 5 } },
  missedDaily: 1,
  missedWeekly: 3,
  problemFound: { ...DEFAULT_RUBRIC.problemFound, sanitation: 2, vector_control: 4 },
  overduePerDay: 0.5,
  reopen: 5,
  selfFixedCredit: 1,
  lists: { mode: 'rank', redCount: 1, blackCount: 1, redAt: 95, blackBelow: 85 },
};
/** From Thursday 11-19: a missed daily item costs 2. */
export const RUBRIC_2: Rubric = { ...RUBRIC_1, missedDaily: 2 };

/** Which daily items each unit leaves unticked (d-sweep is due on working days only; d-bins every day). */
const GAPS: Record<string, Record<string, string[]>> = {
  'u-lead': {},
  'u-a': { 'd-bins': ['2026-11-17', '2026-11-20'], 'd-sweep': ['2026-11-18'] },
  'u-b': { 'd-bins': WEEK_DATES },
};
const STAFF: Record<string, typeof PEOPLE.staffA> = {
  'u-a': PEOPLE.staffA,
  'u-b': PEOPLE.staffB,
  'u-lead': { id: 'p-staff-lead', name: '周杰', role: 'staff', unitId: 'u-lead' },
};

export interface AssessedWeek {
  /** The inspection finding on 县教育局 (never fixed). */
  overdueIssue: string;
  complaintIssue: string;
  selfIssue: string;
  rejectedIssue: string;
}

export function writeAssessedWeek(db: Db): AssessedWeek {
  db.$client.prepare("insert into people (id, name, role, unit_id) values ('p-staff-lead', '周杰', 'staff', 'u-lead')").run();
  const command = actor(PEOPLE.command);
  const inspector = actor(PEOPLE.inspector);
  setRubric(db, command, { effectiveFrom: '2026-11-16', rubric: RUBRIC_1 }, instantAt('2026-11-15', '18:00'));
  setRubric(db, command, { effectiveFrom: '2026-11-19', rubric: RUBRIC_2 }, instantAt('2026-11-18', '18:00'));

  for (const unitId of Object.keys(GAPS)) {
    const staff = actor(STAFF[unitId]);
    for (const date of WEEK_DATES) {
      const working = !['2026-11-21', '2026-11-22'].includes(date);
      for (const dutyId of working ? ['d-sweep', 'd-bins'] : ['d-bins']) {
        if (GAPS[unitId][dutyId]?.includes(date)) continue;
        // 县住建局 ticks d-bins late on Monday (after 17:00): late, not missed.
        const at = instantAt(date, unitId === 'u-lead' && date === '2026-11-16' && dutyId === 'd-bins' ? '18:30' : '08:30');
        pushEvents(db, staff, [check(unitId, dutyId, date, at)], at);
      }
    }
    // The weekly sweep (Friday): 县教育局 misses it.
    if (unitId !== 'u-a') {
      const at = instantAt('2026-11-20', '15:00');
      pushEvents(db, staff, [check(unitId, 'd-corner', '2026-W47', at)], at);
    }
  }

  const push = (who: typeof inspector, unitId: string, time: string, body: Parameters<typeof issueEvent>[2]) => {
    const [date, hhmm] = time.split(' ');
    const at = instantAt(date, hhmm);
    pushEvents(db, who, [issueEvent(unitId, at, body)], at);
  };
  const overdueIssue = uuidv7();
  push(inspector, 'u-a', '2026-11-17 10:00', { kind: 'issue.reported', payload: reportedPayload('u-a', 'inspection', overdueIssue) });
  push(inspector, 'u-a', '2026-11-17 10:05', { kind: 'issue.assigned', payload: { issueId: overdueIssue, unitId: 'u-a' } });

  const complaintIssue = uuidv7();
  const complaint = reportedPayload('u-b', 'complaint', complaintIssue);
  logComplaint(
    db,
    command,
    { issue: { ...complaint, category: 'vector_control' }, unitId: 'u-b', clientTime: instantAt('2026-11-19', '09:00'), contact: { name: '王先生', phone: '13800001234' } },
    instantAt('2026-11-19', '09:00'),
  );
  push(actor(PEOPLE.staffB), 'u-b', '2026-11-20 11:00', { kind: 'issue.rectified', payload: { issueId: complaintIssue, note: '已消杀', photoIds: [SOME_PHOTO] } });
  push(inspector, 'u-b', '2026-11-21 10:00', { kind: 'issue.verified', payload: { issueId: complaintIssue, passed: false, note: '仍有鼠迹', photoIds: [] } });

  const selfIssue = uuidv7();
  push(actor(PEOPLE.staffA), 'u-a', '2026-11-18 09:00', { kind: 'issue.reported', payload: reportedPayload('u-a', 'self_check', selfIssue) });
  push(actor(PEOPLE.staffA), 'u-a', '2026-11-18 15:00', { kind: 'issue.rectified', payload: { issueId: selfIssue, note: '已清理', photoIds: [SOME_PHOTO] } });

  const rejectedIssue = uuidv7();
  push(inspector, 'u-b', '2026-11-20 10:00', { kind: 'issue.reported', payload: reportedPayload('u-b', 'inspection', rejectedIssue) });
  push(inspector, 'u-b', '2026-11-20 16:00', { kind: 'issue.rejected', payload: { issueId: rejectedIssue, reason: '不属于该单位' } });

  return { overdueIssue, complaintIssue, selfIssue, rejectedIssue };
}
