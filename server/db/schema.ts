/*
 * One SQLite file per county. `events` is the ledger and the source of truth; `duty_checks` and `issues` are
 * projections of it, written in the same transaction as the event and rebuildable from it (`admin rebuild`).
 * Instants are epoch milliseconds (integers), so the schema carries over to PostgreSQL as bigint.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, primaryKey, index } from 'drizzle-orm/sqlite-core';
import type { RoundKind } from '../../shared/roundKinds';
import type { TeamMember } from '../../shared/schemas/supervision';
import type { DutyMark } from '../../shared/projection';
import type { DayKind } from '../../shared/calendar';
import type { Category } from '../../shared/categories';
import type { IssueState } from '../../shared/issueFlow';
import type { IssueSource, LedgerEventKind } from '../../shared/schemas/events';
import type { Role } from '../../shared/roles';
import type { Cadence } from '../../shared/schemas/org';
import type { AnswerVia, PublicCategory, ReportKind, ReportState, ReviewOutcome, SatisfactionAnswer } from '../../shared/publicReport';
import type { OrgEntities, OrgKind } from '../domain/orgTimeline';

export const zones = sqliteTable('zones', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  name: text('name').notNull(),
  chiefPersonId: text('chief_person_id'),
  leadUnitId: text('lead_unit_id'),
});

export const units = sqliteTable(
  'units',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull().unique(),
    zoneId: text('zone_id').notNull().references(() => zones.id),
  },
  (t) => [index('units_zone').on(t.zoneId)],
);

export const gridCells = sqliteTable(
  'grid_cells',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id').notNull().references(() => units.id),
    zoneId: text('zone_id').notNull().references(() => zones.id),
    name: text('name').notNull(),
    personName: text('person_name').notNull(),
  },
  (t) => [index('grid_cells_unit').on(t.unitId)],
);

export const people = sqliteTable('people', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: text('role').$type<Role>().notNull(),
  unitId: text('unit_id').references(() => units.id),
  /** From the roster; shown only to the unit's heads and the command center, never in the ledger or exports. */
  phone: text('phone'),
});

export const duties = sqliteTable('duties', {
  id: text('id').primaryKey(),
  category: text('category').$type<Category>().notNull(),
  title: text('title').notNull(),
  description: text('description').notNull().default(''),
  cadence: text('cadence').$type<Cadence>().notNull(),
  dueTime: text('due_time').notNull(),
  dueWeekday: integer('due_weekday').notNull().default(5),
  workingDaysOnly: integer('working_days_only', { mode: 'boolean' }).notNull(),
  sortOrder: integer('sort_order').notNull().default(0),
});

/** Which units own a duty; a duty with no rows here belongs to every unit. */
export const dutyUnits = sqliteTable(
  'duty_units',
  {
    dutyId: text('duty_id').notNull().references(() => duties.id),
    unitId: text('unit_id').notNull().references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.dutyId, t.unitId] })],
);

export const enrolCodes = sqliteTable('enrol_codes', {
  codeHash: text('code_hash').primaryKey(),
  personId: text('person_id').notNull().references(() => people.id),
  createdAt: integer('created_at').notNull(),
  expiresAt: integer('expires_at').notNull(),
  usedAt: integer('used_at'),
});

export const devices = sqliteTable('devices', {
  id: text('id').primaryKey(),
  personId: text('person_id').notNull().references(() => people.id),
  name: text('name').notNull(),
  /** SHA-256 of the bearer token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  lastSeenAt: integer('last_seen_at'),
  revokedAt: integer('revoked_at'),
});

/** The partial index's condition (SQLite uses a partial index only for queries that state its condition). */
export const NOT_TICKS = "kind not in ('duty.checked', 'duty.unchecked')";

export const events = sqliteTable(
  'events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    kind: text('kind').$type<LedgerEventKind>().notNull(),
    unitId: text('unit_id').notNull(),
    /** Denormalised so a zone's events are pulled without a join. */
    zoneId: text('zone_id').notNull(),
    actorId: text('actor_id').notNull(),
    deviceId: text('device_id').notNull(),
    clientTime: integer('client_time').notNull(),
    receivedAt: integer('received_at').notNull(),
    effectiveAt: integer('effective_at').notNull(),
    clockSkewed: integer('clock_skewed', { mode: 'boolean' }).notNull().default(false),
    payload: text('payload', { mode: 'json' }).notNull(),
    /**
     * SHA-256 chaining this event to the one before it (server/domain/ledgerChain.ts defines the canonical form).
     * Empty only on events stored before the chain existed, until the first open seals them (sealLedger).
     */
    hash: text('hash').notNull().default(''),
  },
  (t) => [
    index('events_unit_seq').on(t.unitId, t.seq),
    index('events_zone_seq').on(t.zoneId, t.seq),
    // Everything but ticks (a few thousand rows in a county-year of millions): 考核 reads failed 回头看, appeals and
    // rubric changes straight from the ledger through it. A query must repeat NOT_TICKS to use it.
    index('events_kind_at').on(t.kind, t.effectiveAt).where(sql.raw(NOT_TICKS)),
  ],
);

/** Projection: whether a unit's duty is checked in a period, by whom and when (the completion that counts), and its marks. */
export const dutyChecks = sqliteTable(
  'duty_checks',
  {
    unitId: text('unit_id').notNull(),
    dutyId: text('duty_id').notNull(),
    periodKey: text('period_key').notNull(),
    checked: integer('checked', { mode: 'boolean' }).notNull(),
    checkedAt: integer('checked_at'),
    checkedBy: text('checked_by'),
    /** The (effectiveAt, id) of the latest tick or untick in ledger order. */
    lastAt: integer('last_at').notNull(),
    lastEventId: text('last_event_id').notNull(),
    /** Every tick and untick in ledger order; null while the only one is the first tick (shared/projection.ts). */
    history: text('history', { mode: 'json' }).$type<DutyMark[]>(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.dutyId, t.periodKey] }), index('duty_checks_period').on(t.periodKey)],
);

/** Projection: the current state of each issue. */
export const issues = sqliteTable(
  'issues',
  {
    id: text('id').primaryKey(),
    category: text('category').$type<Category>().notNull(),
    zoneId: text('zone_id').notNull(),
    unitId: text('unit_id').notNull(),
    gridCellId: text('grid_cell_id'),
    place: text('place').notNull(),
    description: text('description').notNull(),
    source: text('source').$type<IssueSource>().notNull(),
    inspectionId: text('inspection_id'),
    state: text('state').$type<IssueState>().notNull(),
    photoIds: text('photo_ids', { mode: 'json' }).$type<string[]>().notNull(),
    afterPhotoIds: text('after_photo_ids', { mode: 'json' }).$type<string[]>().notNull(),
    rectifyNote: text('rectify_note'),
    verifyNote: text('verify_note'),
    rejectReason: text('reject_reason'),
    reportedBy: text('reported_by').notNull(),
    reportedAt: integer('reported_at').notNull(),
    assignedAt: integer('assigned_at'),
    deadlineAt: integer('deadline_at').notNull(),
    rectifiedAt: integer('rectified_at'),
    verifiedAt: integer('verified_at'),
    closedAt: integer('closed_at'),
    reopenCount: integer('reopen_count').notNull().default(0),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    index('issues_unit').on(t.unitId),
    index('issues_zone').on(t.zoneId),
    index('issues_state').on(t.state),
    // Duplicate suggestions and hotspots look up recent issues of a zone (and category) by report time.
    index('issues_zone_reported').on(t.zoneId, t.reportedAt),
  ],
);

/** Projection: inspection rounds (inspection.recorded events); their findings are issues with this inspectionId. */
export const inspections = sqliteTable(
  'inspections',
  {
    id: text('id').primaryKey(),
    /** The unit the round is filed under (the event's unit): the first zone's lead unit. */
    unitId: text('unit_id').notNull(),
    zoneIds: text('zone_ids', { mode: 'json' }).$type<string[]>().notNull(),
    summary: text('summary').notNull(),
    startedAt: integer('started_at').notNull(),
    recordedAt: integer('recorded_at').notNull(),
    inspectorId: text('inspector_id').notNull(),
    /** The team that walked the round and the kind of round (shared/roundKinds.ts); null on rounds from before. */
    teamId: text('team_id'),
    kind: text('kind').$type<RoundKind>(),
    /** The random draw's seed (随机式), so the proposal can be shown again. */
    drawSeed: integer('draw_seed'),
  },
  (t) => [index('inspections_started').on(t.startedAt)],
);

/**
 * Projection: the county's holiday schedule, the latest calendar.day_set event for each date (a 'cleared' one is
 * kept as a row too, so the largest seq only ever grows). Small (a few dozen rows a year); the server's Calendar
 * is built from it (server/domain/calendar.ts).
 */
export const calendarDays = sqliteTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind').$type<DayKind | 'cleared'>().notNull(),
  name: text('name').notNull(),
  setBy: text('set_by').notNull(),
  setAt: integer('set_at').notNull(),
  /** The seq of the event that set it: the largest one tells a cached Calendar whether it is still current. */
  seq: integer('seq').notNull(),
});

/**
 * The caller behind a complaint (投诉人), kept OUT of the ledger: events are pulled by everyone whose scope holds
 * the unit, this table is read only by the command center. Not a projection: a rebuild leaves it alone.
 */
export const complaintContacts = sqliteTable('complaint_contacts', {
  issueId: text('issue_id').primaryKey(),
  name: text('name').notNull(),
  phone: text('phone').notNull(),
  recordedBy: text('recorded_by').notNull(),
  recordedAt: integer('recorded_at').notNull(),
});

/**
 * Reports from the public page (问题建议与投诉平台), kept OUT of the ledger: a report is not an issue until the
 * command center accepts it (then `issue_id` names the issue it became), and the reporter's name and phone are
 * read only by the command center. The tracking code is stored as its SHA-256, like enrolment codes.
 */
export const publicReports = sqliteTable(
  'public_reports',
  {
    id: text('id').primaryKey(),
    codeHash: text('code_hash').notNull().unique(),
    kind: text('kind').$type<ReportKind>().notNull(),
    category: text('category').$type<PublicCategory>().notNull(),
    zoneId: text('zone_id'),
    place: text('place').notNull(),
    description: text('description').notNull(),
    photoIds: text('photo_ids', { mode: 'json' }).$type<string[]>().notNull(),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    submittedAt: integer('submitted_at').notNull(),
    /** pending (待受理) → accepted | rejected. */
    state: text('state').$type<ReportState>().notNull(),
    handledBy: text('handled_by'),
    handledAt: integer('handled_at'),
    rejectReason: text('reject_reason'),
    /** The issue the report became; after a 不满意 is reviewed and re-filed, the newest one. */
    issueId: text('issue_id'),
    /** Whether the follow page shows the before and after photos (the command center decides). */
    photosPublished: integer('photos_published', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [index('public_reports_state').on(t.state, t.submittedAt), index('public_reports_issue').on(t.issueId)],
);

/**
 * 满意度: one row per answer, from the public page or taken by phone (回访). A 不满意 waits for the command
 * center's review (reviewed_at null); the review either upholds the result or files the problem again as a new
 * issue. Rows are only ever added to or reviewed, never rewritten, so a published figure can be explained.
 */
export const satisfactionAnswers = sqliteTable(
  'satisfaction_answers',
  {
    id: text('id').primaryKey(),
    issueId: text('issue_id').notNull(),
    reportId: text('report_id'),
    answer: text('answer').$type<SatisfactionAnswer>().notNull(),
    comment: text('comment').notNull(),
    /** public (the follow page) or phone (回访, recorded by recorded_by). */
    via: text('via').$type<AnswerVia>().notNull(),
    recordedBy: text('recorded_by'),
    answeredAt: integer('answered_at').notNull(),
    reviewOutcome: text('review_outcome').$type<ReviewOutcome>(),
    reviewNote: text('review_note'),
    reviewedBy: text('reviewed_by'),
    reviewedAt: integer('reviewed_at'),
    reissuedIssueId: text('reissued_issue_id'),
  },
  (t) => [index('satisfaction_issue').on(t.issueId, t.answeredAt), index('satisfaction_answered').on(t.answeredAt)],
);

/** Uploaded photos, stored on disk by the SHA-256 of their bytes. */
export const photos = sqliteTable('photos', {
  id: text('id').primaryKey(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: integer('created_at').notNull(),
});

/** Everyone who uploaded a photo's bytes: each of them holds the photo and may cite it (domain/photos.ts). */
export const photoHolders = sqliteTable(
  'photo_holders',
  {
    photoId: text('photo_id').notNull(),
    personId: text('person_id').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.photoId, t.personId] })],
);

/** Inspection teams (督查组): configured by the command center; a round records its team. */
export const inspectionTeams = sqliteTable('inspection_teams', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  members: text('members', { mode: 'json' }).$type<TeamMember[]>().notNull(),
  updatedAt: integer('updated_at').notNull(),
});

/** Projection: 催办 (nudge.sent) and when the unit read it (nudge.acknowledged); see shared/projection.ts. */
export const nudges = sqliteTable(
  'nudges',
  {
    id: text('id').primaryKey(),
    unitId: text('unit_id').notNull(),
    sentBy: text('sent_by').notNull(),
    message: text('message').notNull(),
    sentAt: integer('sent_at').notNull(),
    readAt: integer('read_at'),
    readBy: text('read_by'),
  },
  (t) => [index('nudges_unit').on(t.unitId)],
);

/** County settings the command center changes, e.g. deadline days per category. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
});

/**
 * The organisation as it was: versions of zones, units, grid cells, people and duties, each in effect from a
 * Shanghai date (valid_from, '' = since before any record) until another (valid_to, excluded; null = still).
 * An entity without rows here is timeless. Written only by changeOrg (server/domain/orgChanges.ts).
 */
export const orgHistory = sqliteTable(
  'org_history',
  {
    kind: text('kind').$type<OrgKind>().notNull(),
    entityId: text('entity_id').notNull(),
    validFrom: text('valid_from').notNull(),
    validTo: text('valid_to'),
    data: text('data', { mode: 'json' }).$type<OrgEntities[OrgKind]>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.entityId, t.validFrom] })],
);

/**
 * Issued bulletins (通报), frozen: the content as issued (JSON), with the ledger checkpoint it was drawn at. Triggers
 * refuse any change or deletion; the ledger holds a 'bulletin.issued' event with the content's SHA-256. Not a
 * projection: a rebuild leaves it alone.
 */
export const bulletins = sqliteTable('bulletins', {
  id: text('id').primaryKey(),
  issueNumber: integer('issue_number').notNull().unique(),
  periodFrom: text('period_from').notNull(),
  periodTo: text('period_to').notNull(),
  issuedAt: integer('issued_at').notNull(),
  issuedBy: text('issued_by').notNull(),
  checkpointSeq: integer('checkpoint_seq').notNull(),
  checkpointHash: text('checkpoint_hash'),
  content: text('content').notNull(),
  contentHash: text('content_hash').notNull(),
});

/**
 * One row counting changes to the organisation (zones, units, grid cells, duties and who owns them), kept by
 * triggers in the migration, so a server caches the org and notices a roster import from any process.
 */
export const orgVersion = sqliteTable('org_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});

export const schemaTables = {
  zones,
  units,
  gridCells,
  people,
  duties,
  dutyUnits,
  enrolCodes,
  devices,
  events,
  dutyChecks,
  issues,
  photos,
  photoHolders,
  inspectionTeams,
  nudges,
  settings,
  inspections,
  complaintContacts,
  publicReports,
  satisfactionAnswers,
  orgVersion,
  orgHistory,
  bulletins,
  calendarDays,
};
