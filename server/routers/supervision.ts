/** Supervision: inspection rounds, the 回头看 list, deadlines and escalation, duplicates, complaints. */
import { TRPCError } from '@trpc/server';
import { allowedTo, authedProcedure, router, scopedProcedure, scopedTo } from '../trpc';
import { may } from '../../shared/permissions';
import { countySettings, deadlineRulesOf, saveSettings, supervisionSettings } from '../domain/settings';
import { adminActorOf } from '../domain/adminEvents';
import { zonesDue } from '../domain/supervision/inspections';
import { rechecksDue } from '../domain/supervision/rechecks';
import { saveTeam, teams } from '../domain/supervision/teams';
import { roundSummaries } from '../domain/supervision/summaries';
import { alertsFor } from '../domain/supervision/alerts';
import { hotspots, similarOpen } from '../domain/supervision/duplicates';
import { complaintContact, logComplaint } from '../domain/supervision/complaints';
import { issueById, viewOf } from '../domain/supervision/issueView';
import { escalationOf, recheckDueAt } from '../../shared/supervision';
import { scopeHasUnit } from '../../shared/scope';
import {
  hotspotsInput,
  inspectionTeam,
  issueIdInput,
  logComplaintInput,
  setSettingsInput,
  similarOpenInput,
} from '../../shared/schemas/supervision';

export const supervisionRouter = router({
  /** Deadline days per category (and whether they are working days) and the supervision settings: everyone may read them. */
  settings: authedProcedure.query(({ ctx }) => countySettings(ctx.db)),

  /** The 督查设置 form, saved whole in one transaction; returns every setting as it now stands. */
  setSettings: allowedTo('settings.change')
    .input(setSettingsInput)
    .mutation(({ ctx, input }) => saveSettings(ctx.db, input, adminActorOf(ctx.actor), ctx.clock.now())),

  /** Every zone with its last round and whether it is due (三天一督查). */
  zonesDue: scopedTo('inspection.work').query(({ ctx }) => {
    const { org, now } = ctx;
    return zonesDue(ctx.db, org, now, supervisionSettings(ctx.db));
  }),

  /** Fixes waiting for a 回头看 (due a setting's days after the fix) and redos awaited, with the round's team. */
  rechecksDue: scopedTo('inspection.work').query(({ ctx }) => {
    const { org, scope, now } = ctx;
    return rechecksDue(ctx.db, org, scope, now, supervisionSettings(ctx.db).recheckAfterDays);
  }),

  /** The inspection teams (督查组) with their members. */
  teams: allowedTo('inspection.work').query(({ ctx }) => teams(ctx.db)),

  /** Adds or changes a team. */
  saveTeam: allowedTo('teams.change')
    .input(inspectionTeam)
    .mutation(({ ctx, input }) => {
      const saved = saveTeam(ctx.db, input, ctx.clock.now());
      if (!saved.ok) throw new TRPCError({ code: 'CONFLICT', message: saved.message });
      return teams(ctx.db);
    }),

  /** 督查小结 of the rounds that covered the caller's zones (all of them for the command center), newest first. */
  roundSummaries: scopedTo('rounds.readSummaries').query(({ ctx }) => {
    const { org, scope } = ctx;
    return roundSummaries(ctx.db, org, scope);
  }),

  /** Overdue issues escalated far enough to be the caller's business (see domain/supervision/alerts.ts). */
  alerts: scopedProcedure.query(({ ctx }) => {
    const { org, scope, now } = ctx;
    return alertsFor(ctx.db, org, ctx.actor.person, scope, now, supervisionSettings(ctx.db).escalateEveryDays);
  }),

  /** Open issues like the one about to be reported, to offer a merge instead of a duplicate. */
  similarOpen: scopedProcedure.input(similarOpenInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    return similarOpen(ctx.db, org, scope, input, now, supervisionSettings(ctx.db).duplicateWindowDays);
  }),

  /** Places with issues again and again (反复出现). */
  hotspots: scopedProcedure.input(hotspotsInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    return hotspots(ctx.db, org, scope, now, input.zoneId);
  }),

  /** A public complaint: the issue, its assignment, and the caller's contact (kept for the command center). */
  logComplaint: allowedTo('complaint.log')
    .input(logComplaintInput)
    .mutation(({ ctx, input }) => logComplaint(ctx.db, ctx.actor, input, ctx.clock.now())),

  /** One issue for its detail view: names, escalation, 回头看 due time; the complaint contact for command only. */
  issue: scopedProcedure.input(issueIdInput).query(({ ctx, input }) => {
    const { org, scope, now } = ctx;
    const issue = issueById(ctx.db, input.issueId);
    if (!issue) throw new TRPCError({ code: 'NOT_FOUND', message: '问题不存在或尚未同步' });
    if (!scopeHasUnit(scope, issue.unitId)) throw new TRPCError({ code: 'FORBIDDEN', message: '您无权查看该问题' });
    const detail = {
      ...viewOf(issue, org),
      escalation: escalationOf(issue, now, supervisionSettings(ctx.db).escalateEveryDays, deadlineRulesOf(ctx.db).counterFor(issue.category)),
      recheckDueAt: recheckDueAt(issue, supervisionSettings(ctx.db).recheckAfterDays),
    };
    return may(ctx.roles, 'complaint.readContact') ? { ...detail, contact: complaintContact(ctx.db, issue.id) } : detail;
  }),
});
