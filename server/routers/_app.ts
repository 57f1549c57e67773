import { router } from '../trpc';
import { authRouter } from './auth';
import { orgRouter } from './org';
import { syncRouter } from './sync';

export const appRouter = router({
  auth: authRouter,
  sync: syncRouter,
  org: orgRouter,
});

export type AppRouter = typeof appRouter;
