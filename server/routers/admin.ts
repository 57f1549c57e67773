/*
 * Administration for the command center (创卫指挥部): roster and duty-list upload with a preview before the
 * write, enrolment codes as printable slips, devices with their last sync, revoking a device. Every change is
 * recorded with who made it (domain/adminLog.ts).
 */
import { TRPCError } from '@trpc/server';
import { roleProcedure, router } from '../trpc';
import { importRoster } from '../domain/roster';
import { readRosterFile, RosterFileError } from '../domain/rosterFile';
import { fieldsOf } from '../domain/rosterColumns';
import { issueCodes, listDevices, listPeople, activeDevice } from '../domain/admin';
import { revokeDevice } from '../domain/auth';
import { recordAdminAction } from '../domain/adminLog';
import { DAY } from '../../shared/calendar';
import { deviceInput, dutyUnitsInput, issueCodesInput, rosterUploadInput } from '../../shared/schemas/admin';
import { setDutyUnits } from '../domain/dutyUnits';
import type { z } from 'zod';
import type { Context } from '../context';

const command = roleProcedure('command');

/** Reads the upload and runs the import (a preview when `dryRun`); a file that cannot be read is a Chinese 400. */
async function runImport(ctx: Context, input: z.infer<typeof rosterUploadInput>, dryRun: boolean) {
  let tables;
  try {
    tables = await readRosterFile(Buffer.from(input.base64, 'base64'), input.fileName, input.map);
  } catch (e) {
    if (e instanceof RosterFileError) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
    throw e;
  }
  const result = importRoster(ctx.db, tables, { dryRun });
  return {
    ...result,
    unknownColumns: tables.leftOut.filter((c) => c.why === 'unknown').map((c) => c.header),
    fields: fieldsOf(tables.people ? 'people' : 'duties'),
  };
}

export const adminRouter = router({
  /** What importing the file would change, and every problem with it; writes nothing. */
  previewImport: command.input(rosterUploadInput).mutation(({ ctx, input }) => runImport(ctx, input, true)),

  /** Imports the file, all or nothing: the same checks as the preview, then one transaction. */
  importRoster: command.input(rosterUploadInput).mutation(async ({ ctx, input }) => {
    const result = await runImport(ctx, input, false);
    if (result.ok) {
      const counts = result.preview.counts;
      recordAdminAction(ctx.log, { action: 'roster.imported', actorId: ctx.actor.person.id, deviceId: ctx.actor.deviceId, at: ctx.clock.now(), detail: { fileName: input.fileName, counts } });
    }
    return result;
  }),

  /** Which units do a duty item (责任清单 per unit, on screen). */
  setDutyUnits: command.input(dutyUnitsInput).mutation(({ ctx, input }) => {
    const problem = setDutyUnits(ctx.db, input.dutyId, input.unitIds);
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    recordAdminAction(ctx.log, { action: 'dutyUnits.changed', actorId: ctx.actor.person.id, deviceId: ctx.actor.deviceId, at: ctx.clock.now(), detail: input });
    return { ok: true };
  }),

  /** Everyone in the county with role, unit, phone and whether they have a device. */
  people: command.query(({ ctx }) => listPeople(ctx.db)),

  /** One-time codes for a person, a unit's people not yet enrolled, or everyone not yet enrolled. */
  issueCodes: command.input(issueCodesInput).mutation(({ ctx, input }) => {
    const now = ctx.clock.now();
    const slips = issueCodes(ctx.db, input.target, now, input.days * DAY);
    if (!slips) throw new TRPCError({ code: 'NOT_FOUND', message: '所选的人员或单位不存在' });
    recordAdminAction(ctx.log, { action: 'codes.issued', actorId: ctx.actor.person.id, deviceId: ctx.actor.deviceId, at: now, detail: { target: input.target, people: slips.map((s) => s.personId) } });
    return slips;
  }),

  /** Every enrolled browser, with its person and last sync. */
  devices: command.query(({ ctx }) => listDevices(ctx.db)),

  revokeDevice: command.input(deviceInput).mutation(({ ctx, input }) => {
    if (!activeDevice(ctx.db, input.deviceId)) throw new TRPCError({ code: 'NOT_FOUND', message: '该设备不存在或已注销' });
    const now = ctx.clock.now();
    revokeDevice(ctx.db, input.deviceId, now);
    recordAdminAction(ctx.log, { action: 'device.revoked', actorId: ctx.actor.person.id, deviceId: ctx.actor.deviceId, at: now, detail: { revoked: input.deviceId } });
    return { ok: true };
  }),
});
