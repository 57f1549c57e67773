import { z } from 'zod';
import { category } from './org';
import { dateKey, eventId, id, instant, periodKey, photoId, text, uuid } from './common';
import { rubricSchema } from '../assessment/rubric';
import { DAY_KINDS, isValidDateKey } from '../calendar';
import { ROUND_KINDS } from '../roundKinds';

/*
 * The ledger. Every write a person makes is one immutable event with a client-made UUIDv7 id. The client keeps
 * it in its outbox until the server acknowledges it; push is idempotent, so resending after a lost reply is safe.
 * The server gives each stored event a sequence number (`seq`) and a receive time; pull pages through events
 * after a cursor (the last seq seen), limited to the caller's scope. Current state is a projection of the
 * ledger, applied in (effective time, id) order by both sides, so the last tick or untick by the clock wins.
 */

/**
 * 'complaint' is phoned in and logged by the command center; 'public' came through the public page and was accepted.
 * Their names say which way each came (电话 / 网上), so neither reads as the other (a bare 投诉 beside 群众投诉 did).
 */
export const ISSUE_SOURCES = ['self_check', 'inspection', 'complaint', 'public'] as const;
export const issueSource = z.enum(ISSUE_SOURCES, { error: '来源无效' });
export type IssueSource = z.infer<typeof issueSource>;
export const ISSUE_SOURCE_NAMES: Record<IssueSource, string> = {
  self_check: '自查',
  inspection: '督查',
  complaint: '电话投诉',
  public: '网上投诉',
};

const photos = z.array(photoId).max(6, '每次最多6张照片');

const dutyChecked = z.object({ kind: z.literal('duty.checked'), payload: z.object({ dutyId: id, periodKey }) });
const dutyUnchecked = z.object({ kind: z.literal('duty.unchecked'), payload: z.object({ dutyId: id, periodKey }) });

/*
 * `deadlineAt` on a report, an assignment and a failed verification is stamped by the server when it stores the
 * event (from the command center's deadline settings at that moment; whatever a client sends is replaced), so a
 * later change of the settings or a rebuild of the projections never moves an issue's deadline after the fact.
 */
const stampedDeadline = instant.optional();

export const issueReportedPayload = z.object({
  issueId: uuid,
  category,
  zoneId: id,
  gridCellId: id.nullable(),
  place: text('地点', 100),
  description: text('问题描述', 500),
  photoIds: photos,
  source: issueSource,
  /** The inspection round (inspection.recorded) a finding belongs to. */
  inspectionId: uuid.nullable().optional(),
  deadlineAt: stampedDeadline,
});
const issueReported = z.object({ kind: z.literal('issue.reported'), payload: issueReportedPayload });
const issueAssigned = z.object({
  kind: z.literal('issue.assigned'),
  payload: z.object({ issueId: uuid, unitId: id, deadlineAt: stampedDeadline }),
});
const issueRectified = z.object({
  kind: z.literal('issue.rectified'),
  payload: z.object({ issueId: uuid, note: text('整改说明', 500), photoIds: photos.min(1, '整改需要上传整改后照片') }),
});
const issueVerified = z.object({
  kind: z.literal('issue.verified'),
  payload: z
    .object({ issueId: uuid, passed: z.boolean(), note: text('核查意见', 500, 0), photoIds: photos, deadlineAt: stampedDeadline })
    .refine((p) => p.note.length > 0 || p.photoIds.length > 0, '回头看需要核查照片或核查意见'),
});
const issueRejected = z.object({
  kind: z.literal('issue.rejected'),
  payload: z.object({ issueId: uuid, reason: text('不予受理理由', 300) }),
});
/*
 * An inspection round (督查): which zones the team walked, when it started, and its summary (督查小结). The
 * findings are issue.reported events with source 'inspection' and this inspectionId. An event belongs to a
 * unit (that is how pull scopes the ledger), so a round is filed under the lead unit of its first zone (see
 * shared/supervision.ts inspectionUnitOf): the lead unit's head is the one the round is copied to.
 */
export const inspectionRecordedPayload = z.object({
  inspectionId: uuid,
  zoneIds: z
    .array(id)
    .min(1, '请至少选择一个片区')
    .max(40, '一次督查最多40个片区')
    .refine((ids) => new Set(ids).size === ids.length, '片区重复'),
  summary: text('督查小结', 1000, 0),
  startedAt: instant,
  /** The team that walked it and the kind of round; optional only so rounds recorded before them still read. */
  teamId: uuid.optional(),
  kind: z.enum(ROUND_KINDS, { error: '督查方式无效' }).optional(),
  /** The seed of a 随机式 draw (shared/roundPlan.ts), kept so the proposal can be shown again. */
  drawSeed: z.number({ error: '抽取种子必须是数字' }).int().min(0).max(0xffffffff).optional(),
});
const inspectionRecorded = z.object({ kind: z.literal('inspection.recorded'), payload: inspectionRecordedPayload });

const nudgeSent = z.object({
  kind: z.literal('nudge.sent'),
  payload: z.object({ message: text('催办内容', 200) }),
});
/** Someone of the nudged unit has read the nudge (知道了); nudgeId is the nudge.sent event's id. */
const nudgeAcknowledged = z.object({
  kind: z.literal('nudge.acknowledged'),
  payload: z.object({ nudgeId: uuid }),
});

/*
 * The county's holiday schedule, one date per event (see shared/calendar.ts): 休, 班 (a 调休 make-up working
 * day) or 地方休 (a local rest day), or 'cleared' to go back to what the package says. The latest event for a
 * date (by seq) stands. It concerns every unit, so it is filed under COUNTY_WIDE and every device pulls it.
 */
export const COUNTY_WIDE = '*';
export const CALENDAR_YEARS = { min: 2020, max: 2099 } as const;
export const calendarDaySetPayload = z.object({
  date: dateKey
    .refine(isValidDateKey, '日期不存在')
    .refine((d) => Number(d.slice(0, 4)) >= CALENDAR_YEARS.min && Number(d.slice(0, 4)) <= CALENDAR_YEARS.max, `年份应在${CALENDAR_YEARS.min}—${CALENDAR_YEARS.max}之间`),
  kind: z.enum([...DAY_KINDS, 'cleared'], { error: '类型应为 休、班、地方休 之一' }),
  name: text('名称', 20, 0),
});
const calendarDaySet = z.object({ kind: z.literal('calendar.day_set'), payload: calendarDaySetPayload });

/*
 * 考核 (see shared/assessment/). The rubric and issued bulletins are written by the server for the command center
 * and filed under COUNTY_WIDE (pushing them is refused). An appeal (申诉) is filed under the appealing unit by its
 * head and decided by the command center, naming the deduction by its key.
 */
const rubricChanged = z.object({ kind: z.literal('rubric.changed'), payload: z.object({ effectiveFrom: dateKey, rubric: rubricSchema }) });
export const deductionKey = z
  .string({ error: '扣分项编号必须是文字' })
  .max(200, '扣分项编号过长')
  .regex(/^(duty|problem|overdue|reopen):[\w.:-]+$/, '扣分项编号无效');
const appealFiled = z.object({
  kind: z.literal('appeal.filed'),
  payload: z.object({ appealId: uuid, deductionKey, reason: text('申诉理由', 500) }),
});
const appealDecided = z.object({
  kind: z.literal('appeal.decided'),
  payload: z
    .object({ appealId: uuid, accepted: z.boolean({ error: '请选择同意或驳回' }), reason: text('处理意见', 300, 0) })
    .refine((p) => p.accepted || p.reason.length > 0, '驳回申诉需要说明理由'),
});
const bulletinIssued = z.object({
  kind: z.literal('bulletin.issued'),
  payload: z.object({ bulletinId: uuid, issueNumber: z.number().int().min(1), contentHash: z.string().regex(/^[0-9a-f]{64}$/) }),
});

const clientKinds = [
  dutyChecked,
  dutyUnchecked,
  issueReported,
  issueAssigned,
  issueRectified,
  issueVerified,
  issueRejected,
  inspectionRecorded,
  nudgeSent,
  nudgeAcknowledged,
  rubricChanged,
  appealFiled,
  appealDecided,
  bulletinIssued,
  calendarDaySet,
] as const;
export const eventBody = z.discriminatedUnion('kind', clientKinds, { error: '事件类型无效' });

/*
 * Admin events (组织与设置变更): changes made by an administrator — a roster import, a setting saved on a page,
 * an enrolment code issued, a device revoked — stored in the same ledger (same seq, same hash chain) through
 * server/domain/adminEvents.ts recordAdminEvent. No device can push one: they are not in `eventBody`, so
 * push refuses them as an unknown kind. They are filed under ADMIN_EVENT_UNIT, which is no unit's id, and
 * pull gives them to the command center only (see ledger.pullEvents). The actor is a person (a page) or a
 * named system actor (SYSTEM_ACTORS) for the admin command line.
 */
export const ADMIN_EVENT_UNIT = 'county';
export const SYSTEM_ACTORS = {
  /** `npm run admin -- …` run by whoever holds the server's files. */
  adminCli: { actorId: 'system:admin-cli', deviceId: 'admin-cli' },
} as const;

const importCounts = z.record(z.string(), z.record(z.string(), z.number().int()));
const orgImported = z.object({
  kind: z.literal('org.imported'),
  /**
   * The file's name and what the import did, by kind of record (zones, units, people, …) and action; the date its
   * changes take effect (the import's day; absent on imports from before changes were dated).
   */
  payload: z.object({ file: z.string(), counts: importCounts, effectiveFrom: dateKey.optional() }),
});
const settingsChanged = z.object({
  kind: z.literal('settings.changed'),
  /** The setting's key (as in the settings table) and its whole value after the change. */
  payload: z.object({ key: z.string(), value: z.json() }),
});
const enrolCodeIssued = z.object({
  kind: z.literal('enrolCode.issued'),
  /** Never the code itself: who it enrols and until when. */
  payload: z.object({ personId: id, expiresAt: instant }),
});
const deviceRevoked = z.object({
  kind: z.literal('device.revoked'),
  /** `signedOut`: the person signed this device out; `revoked`: an administrator cut it off. */
  payload: z.object({ deviceId: id, personId: id, reason: z.enum(['signedOut', 'revoked']) }),
});
const dutyUnitsChanged = z.object({
  kind: z.literal('dutyUnits.changed'),
  /** Which units do a duty item (the 责任清单 per unit, set on the administration page), from which date. */
  payload: z.object({ dutyId: id, unitIds: z.array(id), effectiveFrom: dateKey.optional() }),
});
const adminKinds = [orgImported, dutyUnitsChanged, settingsChanged, enrolCodeIssued, deviceRevoked] as const;
export const adminEventBody = z.discriminatedUnion('kind', adminKinds);

/** Everything the ledger holds: what devices push and the admin events. */
export const ledgerEventBody = z.discriminatedUnion('kind', [...clientKinds, ...adminKinds], { error: '事件类型无效' });

/** The envelope of an event as made on the device, around its kind and payload. */
const clientEnvelope = {
  id: eventId,
  /** The unit whose records this event touches: the scope it is checked against (COUNTY_WIDE: every unit). */
  unitId: id,
  clientTime: instant,
};

/**
 * What a client sends: the event as made on the device. Each kind's object with the envelope's fields, picked by
 * `kind`, rather than an intersection of envelope and body: a push validates up to 200 of these, and an
 * intersection parses every event twice and merges the results (3× the time, npm run bench).
 */
export const clientEventSchema = z.discriminatedUnion(
  'kind',
  clientKinds.map((kind) => kind.extend(clientEnvelope)) as unknown as MapExtended<typeof clientKinds, typeof clientEnvelope>,
  { error: '事件类型无效' },
);
type MapExtended<T extends readonly z.ZodObject[], E extends z.ZodRawShape> = { -readonly [K in keyof T]: T[K] extends z.ZodObject<infer S> ? z.ZodObject<S & E> : never };

/** What the server stores and returns on pull. */
export const storedEventSchema = z.intersection(
  z.object({
    seq: z.number().int(),
    id: uuid,
    unitId: id,
    actorId: id,
    deviceId: id,
    clientTime: instant,
    receivedAt: instant,
    /** The time the projection uses: the client's time unless it cannot be trusted (see schedule.effectiveTime). */
    effectiveAt: instant,
  }),
  ledgerEventBody,
);

/** What a device may push. */
export type EventKind = z.infer<typeof eventBody>['kind'];
export type EventBody = z.infer<typeof eventBody>;
export type AdminEventBody = z.infer<typeof adminEventBody>;
export type AdminEventKind = AdminEventBody['kind'];
export type LedgerEventBody = z.infer<typeof ledgerEventBody>;
export type LedgerEventKind = LedgerEventBody['kind'];
export type ClientEvent = z.infer<typeof clientEventSchema>;
export type StoredEvent = z.infer<typeof storedEventSchema>;
export type PayloadOf<K extends LedgerEventKind> = Extract<LedgerEventBody, { kind: K }>['payload'];

export const MAX_PUSH_BATCH = 200;
export const pushInput = z.object({
  events: z.array(clientEventSchema).min(1, '没有要上传的记录').max(MAX_PUSH_BATCH, `一次最多上传${MAX_PUSH_BATCH}条记录`),
});
export const pullInput = z.object({
  after: z.number().int().min(0),
  limit: z.number().int().min(1).max(1000).default(500),
});
export type PushInput = z.infer<typeof pushInput>;
