import { authedProcedure, router, scopedProcedure } from '../trpc';
import { pullEvents, pushEvents } from '../domain/ledger';
import { pullInput, pushInput } from '../../shared/schemas/events';
import { may } from '../../shared/permissions';

export const syncRouter = router({
  /** Stores a batch of events once each; the whole batch is refused if any event is. */
  push: authedProcedure.input(pushInput).mutation(({ ctx, input }) => {
    const result = pushEvents(ctx.db, ctx.actor, input.events, ctx.clock.now());
    return { ...result, serverTime: ctx.clock.now() };
  }),

  /** Events after `after` (a seq), in the caller's scope, oldest first; admin events for the command center only. */
  pull: scopedProcedure.input(pullInput).query(({ ctx, input }) => {
    const { scope, roles, now } = ctx;
    const access = { withAdminEvents: may(roles, 'adminEvents.read'), withRounds: may(roles, 'rounds.readSummaries') };
    return { ...pullEvents(ctx.db, scope, input.after, input.limit, access), serverTime: now };
  }),
});
