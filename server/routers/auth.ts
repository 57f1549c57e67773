import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { authedProcedure, publicProcedure, router } from '../trpc';
import { authenticate, enrolDevice, revokeDevice, type EnrolFailure } from '../domain/auth';
import { adminActorOf } from '../domain/adminEvents';
import { text } from '../../shared/schemas/common';
import { whoAmI } from '../domain/whoami';

const ENROL_FAILURES: Record<EnrolFailure, string> = {
  unknown: '登记码不正确，请核对后重新输入',
  used: '该登记码已被使用，请向管理员申请新的登记码',
  expired: '该登记码已过期，请向管理员申请新的登记码',
  absent: '该登记码对应的人员今天不在本县名单中（尚未生效或已调离），请向管理员核实',
};

export const authRouter = router({
  enrol: publicProcedure
    .input(z.object({ code: text('登记码', 20), deviceName: text('设备名称', 60) }))
    .mutation(({ ctx, input }) => {
      const now = ctx.clock.now();
      if (ctx.enrolLimiter.blocked(ctx.ip, now)) {
        throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: '尝试次数过多，请10分钟后再试' });
      }
      const result = enrolDevice(ctx.db, input.code, input.deviceName, now);
      if (!result.ok) {
        ctx.enrolLimiter.fail(ctx.ip, now);
        throw new TRPCError({ code: result.reason === 'unknown' ? 'NOT_FOUND' : 'CONFLICT', message: ENROL_FAILURES[result.reason] });
      }
      ctx.log.info({ deviceId: result.deviceId, personId: result.personId }, '设备已登记');
      const actor = authenticate(ctx.db, result.token, now)!;
      return { token: result.token, me: whoAmI(ctx.db, actor.person, result.deviceId, now) };
    }),

  me: authedProcedure.query(({ ctx }) => whoAmI(ctx.db, ctx.actor.person, ctx.actor.deviceId, ctx.clock.now())),

  /** Signs this device out: its token stops working at once. */
  signOut: authedProcedure.mutation(({ ctx }) => {
    revokeDevice(ctx.db, ctx.actor.deviceId, adminActorOf(ctx.actor), ctx.clock.now());
    return { ok: true };
  }),
});
