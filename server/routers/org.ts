import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { people } from '../db/schema';
import { authedProcedure, router, scopedProcedure } from '../trpc';
import { dutiesOfCurrentPeriods, orgToday } from '../domain/org';
import { dutyAppliesTo } from '../../shared/schedule';
import { scopeHasUnit } from '../../shared/scope';
import { may } from '../../shared/permissions';
import { rolesOf } from '../../shared/roles';

export const orgRouter = router({
  /** The caller's unit with its grid cells and its duty list: what the side panel needs offline. */
  // `known`: the version the device already holds; when nothing changed the answer is just that, so a panel
  // syncing every half minute neither downloads nor rewrites its duty list.
  myUnit: authedProcedure.input(z.object({ known: z.string().max(64, '版本号过长').optional() }).optional()).query(({ ctx, input }) => {
    const unitId = ctx.actor.person.unitId;
    if (!unitId) throw new TRPCError({ code: 'NOT_FOUND', message: '您的账号没有所属单位' });
    const org = orgToday(ctx.db, ctx.clock.now());
    const unit = org.unitById.get(unitId);
    const zone = unit && org.zones.find((z) => z.id === unit.zoneId);
    if (!unit || !zone) throw new TRPCError({ code: 'NOT_FOUND', message: '您所属的单位或片区今天不在名单中，请联系管理员' });
    const readsPhones = may(rolesOf(ctx.actor.person, org.zones), 'unit.readPhones');
    const data = {
      unit,
      zone,
      gridCells: org.gridCells.filter((c) => c.unitId === unitId),
      // As the server judges the periods open now: today's list for daily items, this Monday's for weekly ones.
      duties: dutiesOfCurrentPeriods(org, ctx.clock.now()).filter((d) => dutyAppliesTo(d, unitId)),
      /** The unit's people by name, so the panel can say who ticked an item; phones for the unit's heads only. */
      members: ctx.db
        .select({ id: people.id, name: people.name, phone: people.phone })
        .from(people)
        .where(eq(people.unitId, unitId))
        .all()
        .map((m) => ({ ...m, phone: readsPhones ? m.phone : null })),
    };
    const version = createHash('sha256').update(JSON.stringify(data)).digest('base64url').slice(0, 22);
    return input?.known === version ? { unchanged: true as const, version } : { unchanged: false as const, version, ...data };
  }),

  /** Zones and units the caller may see. */
  scope: scopedProcedure.query(({ ctx }) => {
    const { org, scope } = ctx;
    const units = org.units.filter((u) => scopeHasUnit(scope, u.id));
    const zoneIds = new Set(units.map((u) => u.zoneId));
    return { zones: org.zones.filter((z) => zoneIds.has(z.id)), units, gridCells: org.gridCells.filter((c) => scopeHasUnit(scope, c.unitId)) };
  }),

  /** The whole duty list (责任清单). */
  duties: authedProcedure.query(({ ctx }) => orgToday(ctx.db, ctx.clock.now()).duties),
});
