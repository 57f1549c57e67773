/*
 * The authorization matrix. Every procedure of appRouter has rows here (a procedure without one fails the
 * first test, so a new procedure cannot ship unexamined); every row is tried over real HTTP by a device of each
 * role and by no device at all, on the caller's own unit or zone and on another one where that matters.
 * Cells: ✓ allowed, or the HTTP status of the refusal (401 no device, 403 wrong role or scope, 404 nothing of
 * yours, 409 not from this state). The rows are written by hand; a procedure gated by a permission
 * (shared/permissions.ts) must also refuse exactly the roles the table refuses, so the table and the rows agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { appRouter } from '../../server/routers/_app';
import { revokeDevice } from '../../server/domain/auth';
import { adminCli } from '../../server/domain/adminEvents';
import { devices, events } from '../../server/db/schema';
import { enrolDevice, issueEnrolCode } from '../../server/domain/auth';
import { ROLES, type Role } from '../../shared/roles';
import { may, type Action } from '../../shared/permissions';
import { PEOPLE, PERSON_BY_ROLE } from './fixtures/smallCounty';
import { apiClient, outcome, startCountyServer, TEST_NOW, type Api, type CountyServer } from '../support/countyServer';
import { issueEvent, issueInState, reportedPayload, SOME_PHOTO } from '../support/issueStates';
import { uuidv7 } from 'uuidv7';
import { inspectionUnitOf } from '../../shared/supervision';
import { loadOrg } from '../../server/domain/org';
import { deadlineDays } from '../../server/domain/settings';
import { logComplaint } from '../../server/domain/supervision/complaints';
import { eventIdAt } from '../../shared/eventId';
import { dissatisfiedAnswer, pendingReport, REPORT as PUBLIC_REPORT, verifiedPublicReport } from '../support/publicReports';
import { pushEvents } from '../../server/domain/ledger';
import { issueBulletin } from '../../server/domain/assessment/bulletins';
import { DEFAULT_RUBRIC } from '../../shared/assessment/rubric';
import { ADMIN_EVENT_UNIT, COUNTY_WIDE, type ClientEvent } from '../../shared/schemas/events';

type Who = 'anon' | Role;
const WHO: readonly Who[] = ['anon', ...ROLES];
/** Each role's own place (a unit it may see and, for unit roles, its own) and a place outside its scope. */
const PLACES: Record<Who, { own: string; other: string }> = {
  anon: { own: 'u-a', other: 'u-b' },
  staff: { own: 'u-a', other: 'u-b' },
  unit_head: { own: 'u-a', other: 'u-b' },
  dept_head: { own: 'u-a', other: 'u-b' }, // leads zone 1 through 县住建局
  zone_chief: { own: 'u-b', other: 'u-a' }, // chief of zone 2
  inspector: { own: 'u-a', other: 'u-b' }, // county-wide: "other" is in scope too
  command: { own: 'u-a', other: 'u-b' },
};

interface Call {
  who: Who;
  api: Api;
  /** The unit this row is about: the caller's own or the other one. */
  unitId: string;
  /** A client for a brand-new device of the same caller (for calls that spend it). */
  fresh(): Api;
  county: CountyServer;
}
interface Row {
  procedure: string;
  /** What the row tries, in words. */
  what: string;
  place?: 'own' | 'other';
  call(c: Call): Promise<unknown>;
  /** One cell per WHO, in order: anon staff unit_head dept_head zone_chief inspector command. */
  expected: string;
}

const now = TEST_NOW;
const at = (minutesAgo: number) => now - minutesAgo * 60_000;
const zoneOf = (unitId: string) => (unitId === 'u-b' ? 'z2' : 'z1');
const orgOf = (c: Call) => {
  const org = loadOrg(c.county.db);
  return [org.zones, org.units] as const;
};
const push = (c: Call, body: Pick<ClientEvent, 'kind' | 'payload'>) => c.api.sync.push.mutate({ events: [issueEvent(c.unitId, at(1), body)] });

//                                                                         anon staff head dept chief insp cmd
const ROWS: Row[] = [
  { procedure: 'auth.enrol', what: 'exchange a valid code', call: (c) => apiClient(c.county.url).auth.enrol.mutate({ code: issueEnrolCode(c.county.db, PEOPLE.staffA.id, now), deviceName: '新电脑' }),
    expected: '✓ ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'auth.me', what: 'who am I', call: (c) => c.api.auth.me.query(),                         expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'auth.signOut', what: 'sign this device out', call: (c) => c.fresh().auth.signOut.mutate(), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'org.myUnit', what: 'my unit and duty list', call: (c) => c.api.org.myUnit.query(),       expected: '401 ✓ ✓ ✓ 404 404 404' },
  { procedure: 'org.scope', what: 'what I may see', call: (c) => c.api.org.scope.query(),                expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'org.duties', what: 'the duty list', call: (c) => c.api.org.duties.query(),               expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'sync.pull', what: 'pull my scope', call: (c) => c.api.sync.pull.query({ after: 0 }),      expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },

  // Supervision (server/routers/supervision.ts)
  { procedure: 'supervision.settings', what: 'read deadline and supervision settings', call: (c) => c.api.supervision.settings.query(), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'supervision.setSettings', what: 'change deadline and supervision settings', call: (c) => c.api.supervision.setSettings.mutate({ deadlineDays: { sanitation: deadlineDays(c.county.db).sanitation } }),
    expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'supervision.zonesDue', what: 'zones due an inspection', call: (c) => c.api.supervision.zonesDue.query(), expected: '401 403 403 403 403 ✓ ✓' },
  { procedure: 'supervision.rechecksDue', what: 'the 回头看 list', call: (c) => c.api.supervision.rechecksDue.query(), expected: '401 403 403 403 403 ✓ ✓' },
  { procedure: 'supervision.teams', what: 'the inspection teams', call: (c) => c.api.supervision.teams.query(), expected: '401 403 403 403 403 ✓ ✓' },
  { procedure: 'supervision.saveTeam', what: 'add or change an inspection team', call: (c) => c.api.supervision.saveTeam.mutate(SOME_TEAM), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'supervision.roundSummaries', what: '督查小结 of rounds in my zones', call: (c) => c.api.supervision.roundSummaries.query(), expected: '401 403 403 ✓ 403 403 ✓' },
  { procedure: 'supervision.alerts', what: 'my escalation alerts', call: (c) => c.api.supervision.alerts.query(), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'supervision.hotspots', what: 'repeat places (scoped)', call: (c) => c.api.supervision.hotspots.query({}), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  ...(['own', 'other'] as const).flatMap((place): Row[] => [
    { procedure: 'supervision.similarOpen', what: 'open issues like this one (results are scoped)', place, call: (c) => c.api.supervision.similarOpen.query({ category: 'sanitation', zoneId: c.unitId === 'u-b' ? 'z2' : 'z1', gridCellId: null }),
      expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
    { procedure: 'supervision.issue', what: 'one issue’s detail', place, call: (c) => c.api.supervision.issue.query({ issueId: issueInState(c.county.db, c.unitId, 'reported', at(40)) }),
      expected: place === 'own' ? '401 ✓ ✓ ✓ ✓ ✓ ✓' : '401 403 403 403 403 ✓ ✓' },
    { procedure: 'supervision.logComplaint', what: 'log a public complaint with the caller’s phone', place, call: (c) => c.api.supervision.logComplaint.mutate(complaint(c.unitId)),
      expected: '401 403 403 403 403 403 ✓' },
  ]),

  // The public page (server/routers/publicReport.ts): no device needed, the same for everyone; the command center's
  // intake (server/routers/intake.ts): the command center only. Each call gets a report of its own to act on.
  { procedure: 'publicReport.submit', what: 'report a problem from the public page', call: (c) => c.api.publicReport.submit.mutate({ ...PUBLIC_REPORT, phone: '' }), expected: '✓ ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'publicReport.follow', what: 'follow a report by its code', call: (c) => c.api.publicReport.follow.query({ code: pendingReport(c.county.db, now).code }), expected: '✓ ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'publicReport.answer', what: 'say whether satisfied with a verified fix', call: (c) => c.api.publicReport.answer.mutate({ code: verifiedPublicReport(c.county.db, now).code, answer: 'satisfied', comment: '' }),
    expected: '✓ ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'intake.queue', what: 'the 待受理 queue with contacts', call: (c) => c.api.intake.queue.query(), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'intake.accept', what: 'accept a public report as an issue', call: (c) => c.api.intake.accept.mutate({ reportId: pendingReport(c.county.db, now).reportId, category: 'sanitation', zoneId: 'z1', unitId: 'u-a', gridCellId: null, place: '人民路', description: '垃圾满溢', publishPhotos: false }),
    expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'intake.reject', what: 'reject a public report with a reason', call: (c) => c.api.intake.reject.mutate({ reportId: pendingReport(c.county.db, now).reportId, reason: '不在建成区' }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'intake.publishPhotos', what: 'publish a report’s photos', call: (c) => c.api.intake.publishPhotos.mutate({ reportId: pendingReport(c.county.db, now).reportId, published: true }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'intake.followUpCall', what: 'record a 回访 answer taken by phone', call: (c) => c.api.intake.followUpCall.mutate({ issueId: verifiedPublicReport(c.county.db, now).issueId, answer: 'satisfied', comment: '' }),
    expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'intake.review', what: 'review a 不满意', call: (c) => c.api.intake.review.mutate({ answerId: dissatisfiedAnswer(c.county.db, now), outcome: 'upheld', note: '已核实整改到位' }), expected: '401 403 403 403 403 403 ✓' },
  // Administration (server/routers/admin.ts): the command center only. The import re-asserts an item the county has.
  { procedure: 'admin.previewImport', what: 'preview a roster upload', call: (c) => c.api.admin.previewImport.mutate(UNCHANGED_DUTY_LIST), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.importRoster', what: 'import a roster upload', call: (c) => c.api.admin.importRoster.mutate(UNCHANGED_DUTY_LIST), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.setDutyUnits', what: 'which units do a duty (all of them)', call: (c) => c.api.admin.setDutyUnits.mutate({ dutyId: 'd-sweep', unitIds: ['u-lead', 'u-a', 'u-b'] }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.people', what: 'everyone, with phones', call: (c) => c.api.admin.people.query(), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.issueCodes', what: 'enrolment codes for a person', call: (c) => c.api.admin.issueCodes.mutate({ target: { person: PEOPLE.staffA.id } }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.devices', what: 'every enrolled device', call: (c) => c.api.admin.devices.query(), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'admin.revokeDevice', what: 'revoke someone’s device', call: (c) => c.api.admin.revokeDevice.mutate({ deviceId: spareDevice(c) }), expected: '401 403 403 403 403 403 ✓' },

  // Reports (server/routers/report.ts): 'mine' for everyone, the county for county-wide roles, a zone for those who
  // see the whole zone, a unit for anyone whose scope holds it.
  ...(['completion', 'issues', 'satisfaction', 'overview', 'version'] as const).flatMap((name): Row[] => {
    const procedure = `report.${name}`;
    const range = { from: '2026-11-23', to: '2026-11-27' };
    const call = (scope: (c: Call) => unknown) => (c: Call) =>
      name === 'overview' || name === 'version'
        ? c.api.report[name].query({ scope: scope(c) as 'mine' })
        : c.api.report[name].query({ ...range, scope: scope(c) as 'mine' });
    return [
      { procedure, what: 'my scope', call: call(() => 'mine'), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
      { procedure, what: 'the whole county', call: call(() => 'county'), expected: '401 403 403 403 403 ✓ ✓' },
      { procedure, what: 'a zone', place: 'own', call: call((c) => ({ zoneId: zoneOf(c.unitId) })), expected: '401 403 403 ✓ ✓ ✓ ✓' },
      { procedure, what: 'a zone', place: 'other', call: call((c) => ({ zoneId: zoneOf(c.unitId) })), expected: '401 403 403 403 403 ✓ ✓' },
      { procedure, what: 'a unit', place: 'own', call: call((c) => ({ unitId: c.unitId })), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
      { procedure, what: 'a unit', place: 'other', call: call((c) => ({ unitId: c.unitId })), expected: '401 403 403 403 403 ✓ ✓' },
    ];
  }),
  // Exports (server/routers/export.ts): heads and the command center, within their scope; staff and inspectors never.
  ...(['xlsx', 'csv', 'scoresCsv', 'bulletin'] as const).flatMap((name): Row[] => {
    const procedure = `export.${name}`;
    const call = (scope: (c: Call) => unknown) => (c: Call) =>
      name === 'bulletin'
        ? c.api.export.bulletin.query({ scope: scope(c) as 'mine', end: '2026-11-26', days: 5 })
        : c.api.export[name].query({ from: '2026-11-23', to: '2026-11-27', scope: scope(c) as 'mine' });
    return [
      { procedure, what: 'my scope', call: call(() => 'mine'), expected: '401 403 ✓ ✓ ✓ 403 ✓' },
      { procedure, what: 'the whole county', call: call(() => 'county'), expected: '401 403 403 403 403 403 ✓' },
      { procedure, what: 'a zone', place: 'own', call: call((c) => ({ zoneId: zoneOf(c.unitId) })), expected: '401 403 403 ✓ ✓ 403 ✓' },
      { procedure, what: 'a zone', place: 'other', call: call((c) => ({ zoneId: zoneOf(c.unitId) })), expected: '401 403 403 403 403 403 ✓' },
      { procedure, what: 'a unit', place: 'own', call: call((c) => ({ unitId: c.unitId })), expected: '401 403 ✓ ✓ ✓ 403 ✓' },
      { procedure, what: 'a unit', place: 'other', call: call((c) => ({ unitId: c.unitId })), expected: '401 403 403 403 403 403 ✓' },
    ];
  }),
  { procedure: 'report.issueList', what: 'issues in my scope', call: (c) => c.api.report.issueList.query({}), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  ...(['own', 'other'] as const).flatMap((place): Row[] => {
    const own = place === 'own';
    return [
      { procedure: 'report.unitDay', what: 'a unit’s day', place, call: (c) => c.api.report.unitDay.query({ unitId: c.unitId, date: '2026-11-27' }),
        expected: own ? '401 ✓ ✓ ✓ ✓ ✓ ✓' : '401 403 403 403 403 ✓ ✓' },
      { procedure: 'report.issueList', what: 'a unit’s issues', place, call: (c) => c.api.report.issueList.query({ unitId: c.unitId }),
        expected: own ? '401 ✓ ✓ ✓ ✓ ✓ ✓' : '401 403 403 403 403 ✓ ✓' },
      { procedure: 'report.issueList', what: 'a zone’s issues (as far as the caller sees it)', place, call: (c) => c.api.report.issueList.query({ zoneId: zoneOf(c.unitId) }),
        expected: own ? '401 ✓ ✓ ✓ ✓ ✓ ✓' : '401 403 403 403 403 ✓ ✓' },
      // Outside the scope an issue is "not found", so its existence is not confirmed either.
      { procedure: 'report.issueHistory', what: 'an issue’s history', place, call: (c) => c.api.report.issueHistory.query({ issueId: issueInState(c.county.db, c.unitId, 'assigned', at(50)) }),
        expected: own ? '401 ✓ ✓ ✓ ✓ ✓ ✓' : '401 404 404 404 404 ✓ ✓' },
    ];
  }),

  ...(['own', 'other'] as const).flatMap((place): Row[] => {
    const own = place === 'own';
    const row = (what: string, call: Row['call'], ownCells: string, otherCells: string): Row => ({ procedure: 'sync.push', what, place, call, expected: own ? ownCells : otherCells });
    const tick = (kind: 'duty.checked' | 'duty.unchecked') => (c: Call) => push(c, { kind, payload: { dutyId: 'd-bins', periodKey: '2026-11-27' } });
    const moveOn = (state: 'reported' | 'assigned' | 'rectified', body: (issueId: string, c: Call) => Pick<ClientEvent, 'kind' | 'payload'>) => (c: Call) =>
      push(c, body(issueInState(c.county.db, c.unitId, state, at(30)), c));
    //   what                                   call                                                                                                        own: anon staff head dept chief insp cmd   other: …
    return [
      row('tick a duty', tick('duty.checked'),                                                                                                                 '401 ✓ ✓ 403 403 403 403', '401 403 403 403 403 403 403'),
      row('untick a duty', tick('duty.unchecked'),                                                                                                             '401 ✓ ✓ 403 403 403 403', '401 403 403 403 403 403 403'),
      row('report a self-check issue', (c) => push(c, { kind: 'issue.reported', payload: reportedPayload(c.unitId, 'self_check') }),                          '401 ✓ ✓ 403 403 403 403', '401 403 403 403 403 403 403'),
      row('report an inspection finding', (c) => push(c, { kind: 'issue.reported', payload: reportedPayload(c.unitId, 'inspection') }),                     '401 403 403 ✓ ✓ ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('register a public complaint', (c) => push(c, { kind: 'issue.reported', payload: reportedPayload(c.unitId, 'complaint') }),                         '401 403 403 403 403 403 ✓', '401 403 403 403 403 403 ✓'),
      row('assign a reported issue', moveOn('reported', (issueId, c) => ({ kind: 'issue.assigned', payload: { issueId, unitId: c.unitId } })),                '401 403 403 ✓ ✓ ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('rectify an assigned issue', moveOn('assigned', (issueId) => ({ kind: 'issue.rectified', payload: { issueId, note: '已清运', photoIds: [SOME_PHOTO] } })), '401 ✓ ✓ 403 403 403 403', '401 403 403 403 403 403 403'),
      row('verify a rectified issue (回头看)', moveOn('rectified', (issueId) => ({ kind: 'issue.verified', payload: { issueId, passed: true, note: '已整改到位', photoIds: [] } })), '401 403 403 403 403 ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('reopen a rectified issue (返工)', moveOn('rectified', (issueId) => ({ kind: 'issue.verified', payload: { issueId, passed: false, note: '仍有垃圾', photoIds: [] } })), '401 403 403 403 403 ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('reject a reported issue', moveOn('reported', (issueId) => ({ kind: 'issue.rejected', payload: { issueId, reason: '不属于本单位' } })),             '401 403 403 ✓ 403 ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('record an inspection round (督查) in the zone', (c) => {
        const zoneId = c.unitId === 'u-b' ? 'z2' : 'z1';
        const unitId = inspectionUnitOf(zoneId, ...orgOf(c))!; // filed under the zone's lead unit
        const payload = { inspectionId: uuidv7(), zoneIds: [zoneId], summary: '巡查两条主街', startedAt: at(90) };
        return c.api.sync.push.mutate({ events: [{ id: eventIdAt(at(1)), unitId, clientTime: at(1), kind: 'inspection.recorded', payload }] });
      },                                                                                                                                                        '401 403 403 403 403 ✓ ✓', '401 403 403 403 403 ✓ ✓'),
      row('nudge a unit', (c) => push(c, { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } }),                                                 '401 403 ✓ ✓ ✓ 403 ✓', '401 403 403 403 403 403 ✓'),
      row('appeal a deduction (申诉)', (c) => push(c, { kind: 'appeal.filed', payload: { appealId: uuidv7(), deductionKey: nextDutyKey(c.unitId), reason: '当日停水无法清洗' } }), '401 403 ✓ 403 403 403 403', '401 403 403 403 403 403 403'),
      row('decide an appeal', (c) => push(c, { kind: 'appeal.decided', payload: { appealId: pendingAppeal(c), accepted: false, reason: '理由不成立' } }), '401 403 403 403 403 403 ✓', '401 403 403 403 403 403 ✓'),
    ];
  }),

  // 考核 (server/routers/assessment.ts): everyone reads the rubric and the scores in scope; only the command center
  // changes the rubric and drafts or issues a bulletin; heads and the command center read the archive.
  { procedure: 'assessment.rubric', what: 'the rubric in force', call: (c) => c.api.assessment.rubric.query(), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'assessment.setRubric', what: 'change the rubric from today', call: (c) => c.api.assessment.setRubric.mutate({ effectiveFrom: '2026-11-27', rubric: DEFAULT_RUBRIC }),
    expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'assessment.scores', what: 'this week’s scores in my scope', call: (c) => c.api.assessment.scores.query({ period: 'week' }), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'assessment.unit', what: 'a unit’s deductions', place: 'own', call: (c) => c.api.assessment.unit.query({ unitId: c.unitId, period: 'week' }), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'assessment.unit', what: 'a unit’s deductions', place: 'other', call: (c) => c.api.assessment.unit.query({ unitId: c.unitId, period: 'week' }), expected: '401 403 403 403 403 ✓ ✓' },
  { procedure: 'assessment.appeals', what: 'appeals in my scope', call: (c) => c.api.assessment.appeals.query(), expected: '401 ✓ ✓ ✓ ✓ ✓ ✓' },
  { procedure: 'assessment.draftBulletin', what: 'draft the next bulletin', call: (c) => c.api.assessment.draftBulletin.query({ end: '2026-11-26' }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'assessment.issueBulletin', what: 'issue a bulletin', call: (c) => c.api.assessment.issueBulletin.mutate({ end: '2026-11-26' }), expected: '401 403 403 403 403 403 ✓' },
  { procedure: 'assessment.archive', what: 'the list of issued bulletins', call: (c) => c.api.assessment.archive.query(), expected: '401 403 ✓ ✓ ✓ 403 ✓' },
  { procedure: 'assessment.reprint', what: 'reprint an issued bulletin', call: (c) => c.api.assessment.reprint.query({ issueNumber: 1 }), expected: '401 403 ✓ ✓ ✓ 403 ✓' },
];

const SOME_TEAM = {
  id: '01936b2e-0000-7000-8000-00000000000a',
  name: '第一督查组',
  members: [
    { name: '刘洋', office: '县爱卫办', role: 'leader' as const },
    { name: '周敏', office: '县创卫指挥部', role: 'liaison' as const },
  ],
};

const UNCHANGED_DUTY_LIST = {
  fileName: '责任清单.csv',
  base64: Buffer.from('类别,事项,要求,频次,截止时间,截止星期,仅工作日,适用单位\n环境卫生,门前三包区域清扫,,每天,09:00,,是,\n').toString('base64'),
};

/** A device of staff A's, enrolled for a row that revokes it. */
function spareDevice(c: Call): string {
  const result = enrolDevice(c.county.db, issueEnrolCode(c.county.db, PEOPLE.staffA.id, now), '备用电脑', now);
  if (!result.ok) throw new Error(result.reason);
  return result.deviceId;
}

let dutyKeys = 0;
/** A fresh deduction key of the unit (a missed d-bins on a date of its own), so no appeal repeats another. */
const nextDutyKey = (unitId: string) => `duty:${unitId}:d-bins:2026-10-${String(1 + (dutyKeys++ % 28)).padStart(2, '0')}-${dutyKeys}`;
/** An appeal waiting for a decision, filed by the unit's head. */
function pendingAppeal(c: Call): string {
  const appealId = uuidv7();
  const head = { id: `p-head-${c.unitId}`, name: '单位负责人', role: 'unit_head' as const, unitId: c.unitId };
  pushEvents(c.county.db, { person: head, deviceId: 'setup' }, [issueEvent(c.unitId, at(2), { kind: 'appeal.filed', payload: { appealId, deductionKey: nextDutyKey(c.unitId), reason: '当日停水' } })], now);
  return appealId;
}

/** A complaint as the command center logs it: the issue, the unit it goes to, and who called. */
function complaint(unitId: string) {
  const { source: _source, ...issue } = reportedPayload(unitId, 'complaint');
  return { issue, unitId, clientTime: at(2), contact: { name: '王先生', phone: '138 0000 1234' } };
}

let county: CountyServer;
const tokens = new Map<Role, string>();
const clientOf = (who: Who) => apiClient(county.url, who === 'anon' ? null : tokens.get(who)!);

beforeAll(async () => {
  county = await startCountyServer();
  for (const role of ROLES) tokens.set(role, county.tokenFor(PERSON_BY_ROLE[role].id));
  logComplaint(county.db, { person: PEOPLE.command, deviceId: 'setup' }, complaint('u-a'), now);
  issueBulletin(county.db, loadOrg(county.db), { person: PEOPLE.command, deviceId: 'setup' }, now, '2026-11-26', 5);
});
afterAll(() => county.close());

describe('the authorization matrix', () => {
  it('has rows for every procedure the server exposes, and no rows for procedures it does not', () => {
    const exposed = Object.keys(appRouter._def.procedures).sort();
    const covered = [...new Set(ROWS.map((r) => r.procedure))].sort();
    expect(covered).toEqual(exposed);
    console.log('authorization matrix', JSON.stringify({ procedures: exposed.length, rows: ROWS.length, callers: WHO.length, cells: ROWS.length * WHO.length }));
  });

  it('refuses, for every procedure gated by a permission, exactly the roles the permission table refuses', () => {
    const gated = Object.entries(appRouter._def.procedures as Record<string, unknown>).flatMap(([path, procedure]) => {
      const action = (procedure as { _def: { meta?: { action?: Action } } })._def.meta?.action;
      return action ? [{ path, action }] : [];
    });
    expect(gated.length).toBeGreaterThan(20);
    for (const { path, action } of gated) {
      // A role the table refuses gets 403 in every row; a role it allows is refused for its role in none
      // (it may still meet 403 for a unit outside its scope, so it needs one row without).
      for (const role of ROLES) {
        const cells = ROWS.filter((r) => r.procedure === path).map((r) => r.expected.trim().split(/\s+/)[WHO.indexOf(role)]);
        const refusedForRole = cells.every((c) => c === '403');
        expect({ path, role, refused: refusedForRole }).toEqual({ path, role, refused: !may(role, action) });
      }
    }
  });

  it.each(ROWS.map((r) => [`${r.procedure}: ${r.what}${r.place ? ` (${r.place === 'own' ? '本单位/片区' : '其他单位/片区'})` : ''}`, r] as const))(
    '%s',
    async (_name, row) => {
      const expected = row.expected.trim().split(/\s+/);
      expect(expected).toHaveLength(WHO.length);
      const actual: string[] = [];
      for (const who of WHO) {
        const unitId = PLACES[who][row.place ?? 'own'];
        const fresh = () => apiClient(county.url, who === 'anon' ? null : county.tokenFor(PERSON_BY_ROLE[who].id));
        const result = await outcome(row.call({ who, api: clientOf(who), unitId, fresh, county }));
        actual.push(result === 'ok' ? '✓' : String(result));
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, actual[i]]))).toEqual(Object.fromEntries(WHO.map((w, i) => [w, expected[i]])));
    },
  );
});

describe('reads stay inside each role’s scope', () => {
  it('pull and org.scope return only units the role may see', async () => {
    const expectedUnits: Record<Role, string[]> = {
      staff: ['u-a'],
      unit_head: ['u-a'],
      dept_head: ['u-a', 'u-lead'],
      zone_chief: ['u-b'],
      inspector: ['u-a', 'u-b', 'u-lead'],
      command: ['u-a', 'u-b', 'u-lead'],
    };
    for (const role of ROLES) {
      const api = clientOf(role);
      const pulled = new Set<string>();
      for (let after = 0, more = true; more; ) {
        const page = await api.sync.pull.query({ after, limit: 1000 });
        page.events.forEach((e) => pulled.add(e.unitId));
        ({ cursor: after, more } = page);
      }
      const scope = await api.org.scope.query();
      // County-wide events (the rubric, issued bulletins, the holiday schedule) reach every device; the admin events
      // (signing out, settings saved) are filed under no unit and pulled by the command center only.
      const pullable = [...expectedUnits[role], COUNTY_WIDE, ...(role === 'command' ? [ADMIN_EVENT_UNIT] : [])];
      expect([...pulled].every((u) => pullable.includes(u)), role).toBe(true);
      expect(scope.units.map((u) => u.id).sort(), role).toEqual(expectedUnits[role]);
    }
  });
});

describe('supervision and report reads stay inside each role’s scope', () => {
  it('similar issues, hotspots, alerts and reports name no unit outside the caller’s scope', async () => {
    for (const unitId of ['u-a', 'u-b', 'u-lead']) {
      for (let i = 0; i < 3; i++) issueInState(county.db, unitId, 'reported', at(60 + i)); // same place three times: a hotspot
    }
    county.clock.advance(30 * 86_400_000); // everything overdue, so alerts have something to say
    try {
      const outside: Record<Role, string[]> = {
        staff: ['u-b', 'u-lead'],
        unit_head: ['u-b', 'u-lead'],
        dept_head: ['u-b'],
        zone_chief: ['u-a', 'u-lead'],
        inspector: [],
        command: [],
      };
      for (const role of ROLES) {
        const api = clientOf(role);
        const answers = [
          await api.supervision.similarOpen.query({ category: 'sanitation', zoneId: 'z1', gridCellId: null, place: '人民路东段' }),
          await api.supervision.similarOpen.query({ category: 'sanitation', zoneId: 'z2', gridCellId: null, place: '人民路东段' }),
          await api.supervision.hotspots.query({}),
          await api.supervision.alerts.query(),
          await api.report.issueList.query({}),
          await api.report.completion.query({ from: '2026-11-23', to: '2026-11-27' }),
          await api.report.issues.query({ from: '2026-11-23', to: '2026-11-27' }),
          await api.assessment.scores.query({ period: 'week' }),
          await api.assessment.appeals.query(),
        ];
        const text = JSON.stringify(answers);
        for (const unitId of outside[role]) expect(text, `${role} sees ${unitId}`).not.toContain(`"${unitId}"`);
        if (role === 'command') expect(text).toContain('"u-b"');
      }
    } finally {
      county.clock.set(now);
    }
  });

  it('a complainant’s phone number is in no pulled event, for anyone', async () => {
    for (const role of ROLES) {
      const pulled = await clientOf(role).sync.pull.query({ after: 0, limit: 1000 });
      expect(JSON.stringify(pulled), role).not.toContain('138 0000 1234');
    }
  });
});

describe('devices', () => {
  it('a revoked device is refused at once, on every route', async () => {
    const token = county.tokenFor(PEOPLE.staffA.id);
    const api = apiClient(county.url, token);
    expect(await outcome(api.auth.me.query())).toBe('ok');
    const deviceId = (await api.auth.me.query()).deviceId;
    expect(revokeDevice(county.db, deviceId, adminCli, now)).toBe(true);
    expect(await outcome(api.auth.me.query())).toBe(401);
    expect(await outcome(api.sync.pull.query({ after: 0 }))).toBe(401);
    expect(await outcome(api.sync.push.mutate({ events: [issueEvent('u-a', at(1), { kind: 'duty.checked', payload: { dutyId: 'd-bins', periodKey: '2026-11-27' } })] }))).toBe(401);
    const upload = await fetch(`${county.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JPEG });
    expect(upload.status).toBe(401);
  });

  it('a made-up or malformed token is refused', async () => {
    for (const header of ['Bearer nope', 'Bearer ' + 'A'.repeat(43), 'Basic abc', 'Bearer', '']) {
      const res = await fetch(`${county.url}/trpc/auth.me`, { headers: header ? { authorization: header } : {} });
      expect(res.status, header).toBe(401);
    }
    expect(county.db.select({ n: sql<number>`count(*)` }).from(devices).where(sql`revoked_at is null`).get()!.n).toBeGreaterThan(0);
  });
});

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('HTTP routes', () => {
  const status = async (who: Who, path: string, init: RequestInit = {}) =>
    (await fetch(`${county.url}${path}`, { ...init, headers: { ...(who === 'anon' ? {} : { authorization: `Bearer ${tokens.get(who)}` }), ...(init.headers ?? {}) } })).status;

  it('GET /healthz answers anyone', async () => {
    for (const who of WHO) expect(await status(who, '/healthz')).toBe(200);
  });

  it('POST /photos: any enrolled device, nobody else', async () => {
    const actual = await Promise.all(WHO.map((who) => status(who, '/photos', { method: 'POST', body: JPEG })));
    expect(actual).toEqual([401, 201, 201, 201, 201, 201, 201]);
  });

  it('GET /photos/:id: the uploader and those whose scope holds an issue showing it', async () => {
    // staffB uploads a photo and reports an issue in 县市场监管局 (zone 2) with it.
    const staffB = county.tokenFor(PEOPLE.staffB.id);
    const photo = Buffer.concat([JPEG, Buffer.from('u-b issue')]);
    const { id } = (await (await fetch(`${county.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${staffB}` }, body: photo })).json()) as { id: string };
    issueInState(county.db, 'u-b', 'reported', at(20), [id]);
    //                                         anon staff head dept chief insp cmd
    expect(await Promise.all(WHO.map((who) => status(who, `/photos/${id}`)))).toEqual([401, 403, 403, 403, 200, 200, 200]);
    expect((await fetch(`${county.url}/photos/${id}`, { headers: { authorization: `Bearer ${staffB}` } })).status).toBe(200);

    // A photo on no issue yet: only its uploader.
    const loose = Buffer.concat([JPEG, Buffer.from('not yet on an issue')]);
    const { id: looseId } = (await (await fetch(`${county.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${staffB}` }, body: loose })).json()) as { id: string };
    expect(await Promise.all(WHO.map((who) => status(who, `/photos/${looseId}`)))).toEqual([401, 403, 403, 403, 403, 403, 403]);
    expect(await status('command', `/photos/${'0'.repeat(64)}`)).toBe(404);
    expect(await status('command', '/photos/..%2f..%2fcounty.sqlite')).toBe(404);
  });
});

describe('the public page’s routes', () => {
  const status = async (who: Who, path: string, init: RequestInit = {}) =>
    (await fetch(`${county.url}${path}`, { ...init, headers: { ...(who === 'anon' ? {} : { authorization: `Bearer ${tokens.get(who)}` }), ...(init.headers ?? {}) } })).status;

  it('GET /report and POST /report/photos answer anyone; GET /report/photos/:id only once published, for anyone', async () => {
    expect(await Promise.all(WHO.map((who) => status(who, '/report')))).toEqual(WHO.map(() => 200));
    const uploads = await Promise.all(WHO.map((who) => fetch(`${county.url}/report/photos`, { method: 'POST', headers: who === 'anon' ? {} : { authorization: `Bearer ${tokens.get(who)}` }, body: Buffer.concat([JPEG, Buffer.from(who)]) })));
    expect(uploads.map((r) => r.status)).toEqual(WHO.map(() => 201));
    const { id } = (await uploads[0].json()) as { id: string };
    // Not on any published report: nobody, whatever their device, sees it through the public route.
    expect(await Promise.all(WHO.map((who) => status(who, `/report/photos/${id}`)))).toEqual(WHO.map(() => 404));
    // A photo a unit uploaded for its own issue is never public.
    const staffPhoto = Buffer.concat([JPEG, Buffer.from('staff issue photo')]);
    const { id: staffId } = (await (await fetch(`${county.url}/photos`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get('staff')}` }, body: staffPhoto })).json()) as { id: string };
    expect(await status('anon', `/report/photos/${staffId}`)).toBe(404);
  });
});

describe('the matrix changed nothing it refused', () => {
  it('every stored event was written by someone the matrix allowed', () => {
    const byActor = county.db.select({ actorId: events.actorId, kind: events.kind }).from(events).all();
    const staffKinds = byActor.filter((e) => e.actorId === PEOPLE.staffA.id).map((e) => e.kind);
    // device.revoked: everyone may sign their own device out (auth.signOut), which is recorded.
    expect(staffKinds.every((k) => ['duty.checked', 'duty.unchecked', 'issue.reported', 'issue.rectified', 'device.revoked'].includes(k))).toBe(true);
    expect(byActor.filter((e) => e.actorId === PEOPLE.chief2.id).every((e) => ['issue.reported', 'issue.assigned', 'nudge.sent', 'device.revoked'].includes(e.kind))).toBe(true);
  });
});

describe('one person both a unit’s staff and a zone’s chief', () => {
  // A separate county: 张伟, staff of 县教育局 (u-a, zone 1), is also named chief of zone 2 (u-b). 县住建局 (u-lead,
  // zone 1) is neither his unit nor in his zone.
  let both: CountyServer;
  let api: Api;
  beforeAll(async () => {
    both = await startCountyServer();
    both.db.run(sql`UPDATE zones SET chief_person_id = ${PEOPLE.staffA.id} WHERE id = 'z2'`);
    api = apiClient(both.url, both.tokenFor(PEOPLE.staffA.id));
  });
  afterAll(() => both.close());
  const pushTo = (unitId: string, body: Pick<ClientEvent, 'kind' | 'payload'>) => outcome(api.sync.push.mutate({ events: [issueEvent(unitId, at(1), body)] }));
  const tick = { kind: 'duty.checked', payload: { dutyId: 'd-bins', periodKey: '2026-11-27' } } as const;
  const nudge = { kind: 'nudge.sent', payload: { message: '请尽快完成今日保洁' } } as const;
  const assign = (unitId: string) => ({ kind: 'issue.assigned' as const, payload: { issueId: issueInState(both.db, unitId, 'reported', at(5)), unitId } });

  it('one device ticks the own unit’s duties and chases and assigns in the zone, and nothing more', async () => {
    expect(await pushTo('u-a', tick)).toBe('ok');
    expect(await pushTo('u-b', nudge)).toBe('ok');
    expect(await pushTo('u-b', assign('u-b'))).toBe('ok');
    // Another unit's duties, even in the zone he chiefs; fixing another unit's problem; a zone he does not chief.
    expect(await pushTo('u-b', tick)).toBe(403);
    const assignedElsewhere = issueInState(both.db, 'u-b', 'assigned', at(5));
    expect(await pushTo('u-b', { kind: 'issue.rectified', payload: { issueId: assignedElsewhere, note: '已清运', photoIds: [SOME_PHOTO] } })).toBe(403);
    expect(await pushTo('u-lead', nudge)).toBe(403);
    expect(await pushTo('u-lead', tick)).toBe(403);
    // The head's reads (assessment.read): refused to staff alone, granted as 片长.
    expect(await outcome(api.assessment.archive.query())).toBe('ok');
  });

  it('sees the own unit and the zone’s units, and reports on the zone but not another', async () => {
    expect((await api.org.scope.query()).units.map((u) => u.id).sort()).toEqual(['u-a', 'u-b']);
    expect(await outcome(api.report.overview.query({ scope: { zoneId: 'z2' } }))).toBe('ok');
    expect(await outcome(api.report.overview.query({ scope: { zoneId: 'z1' } }))).toBe(403);
    const me = await api.auth.me.query();
    expect(me.roles).toEqual(['staff', 'zone_chief']);
  });

  it('is staff only again once no zone names him chief', async () => {
    both.db.run(sql`UPDATE zones SET chief_person_id = NULL WHERE id = 'z2'`);
    expect(await outcome(api.assessment.archive.query())).toBe(403);
    expect(await pushTo('u-b', nudge)).toBe(403);
    expect(await pushTo('u-a', { ...tick, kind: 'duty.unchecked' })).toBe('ok');
  });
});
