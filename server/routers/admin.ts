/*
 * Administration for the command center (创卫指挥部): roster and duty-list upload with a preview before the
 * write, enrolment codes as printable slips, devices with their last sync, revoking a device. Every change is
 * an admin event in the ledger with who made it and when (domain/adminEvents.ts), in the change's transaction.
 */
import { TRPCError } from '@trpc/server';
import { allowedTo, router } from '../trpc';
import { importRoster } from '../domain/roster';
import { readRosterFile, RosterFileError } from '../domain/rosterFile';
import { fieldsOf } from '../domain/rosterColumns';
import { issueCodes, listDevices, listPeople, activeDevice } from '../domain/admin';
import { revokeDevice } from '../domain/auth';
import { adminActorOf, importRecorded, recordAdminEvent } from '../domain/adminEvents';
import { DAY, dateKeyOf } from '../../shared/calendar';
import { deviceInput, dutyUnitsInput, issueCodesInput, rosterUploadInput } from '../../shared/schemas/admin';
import { setDutyUnits } from '../domain/dutyUnits';
import type { z } from 'zod';
import type { Context } from '../context';
import type { Actor } from '../domain/auth';

const command = allowedTo('admin.manage');

/** Reads the upload and runs the import (a preview when `dryRun`); a file that cannot be read is a Chinese 400. */
async function runImport(ctx: Context & { actor: Actor }, input: z.infer<typeof rosterUploadInput>, dryRun: boolean) {
  let tables;
  try {
    tables = await readRosterFile(Buffer.from(input.base64, 'base64'), input.fileName, input.map);
  } catch (e) {
    if (e instanceof RosterFileError) throw new TRPCError({ code: 'BAD_REQUEST', message: e.message });
    throw e;
  }
  const result = dryRun ? importRoster(ctx.db, tables, { dryRun }) : importRecorded(ctx.db, tables, input.fileName, adminActorOf(ctx.actor), ctx.clock.now());
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
  importRoster: command.input(rosterUploadInput).mutation(({ ctx, input }) => runImport(ctx, input, false)),

  /** Which units do a duty item (责任清单 per unit, on screen). */
  setDutyUnits: command.input(dutyUnitsInput).mutation(({ ctx, input }) => {
    const now = ctx.clock.now();
    const problem = ctx.db.transaction(() => {
      const refused = setDutyUnits(ctx.db, input.dutyId, input.unitIds, now);
      if (!refused) recordAdminEvent(ctx.db, { kind: 'dutyUnits.changed', payload: { ...input, effectiveFrom: dateKeyOf(now) }, by: adminActorOf(ctx.actor), at: now });
      return refused;
    });
    if (problem) throw new TRPCError({ code: 'BAD_REQUEST', message: problem });
    return { ok: true };
  }),

  /** Everyone in the county with role, unit, phone and whether they have a device. */
  people: command.query(({ ctx }) => listPeople(ctx.db)),

  /** One-time codes for a person, a unit's people not yet enrolled, or everyone not yet enrolled. */
  issueCodes: command.input(issueCodesInput).mutation(({ ctx, input }) => {
    const now = ctx.clock.now();
    const slips = ctx.db.transaction(() => {
      const issued = issueCodes(ctx.db, input.target, now, input.days * DAY);
      const by = adminActorOf(ctx.actor);
      for (const s of issued ?? []) recordAdminEvent(ctx.db, { kind: 'enrolCode.issued', payload: { personId: s.personId, expiresAt: s.expiresAt }, by, at: now });
      return issued;
    });
    if (!slips) throw new TRPCError({ code: 'NOT_FOUND', message: '所选的人员或单位不存在' });
    return slips;
  }),

  /** Every enrolled browser, with its person and last sync. */
  devices: command.query(({ ctx }) => listDevices(ctx.db)),

  revokeDevice: command.input(deviceInput).mutation(({ ctx, input }) => {
    if (!activeDevice(ctx.db, input.deviceId)) throw new TRPCError({ code: 'NOT_FOUND', message: '该设备不存在或已注销' });
    const now = ctx.clock.now();
    revokeDevice(ctx.db, input.deviceId, adminActorOf(ctx.actor), now);
    return { ok: true };
  }),
});
