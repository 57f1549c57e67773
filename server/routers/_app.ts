import { router } from '../trpc';
import { authRouter } from './auth';
import { orgRouter } from './org';
import { syncRouter } from './sync';
import { supervisionRouter } from './supervision';
import { reportRouter } from './report';
import { exportRouter } from './export';
import { publicReportRouter } from './publicReport';
import { intakeRouter } from './intake';
import { assessmentRouter } from './assessment';
import { adminRouter } from './admin';

export const appRouter = router({
  auth: authRouter,
  sync: syncRouter,
  org: orgRouter,
  supervision: supervisionRouter,
  report: reportRouter,
  export: exportRouter,
  publicReport: publicReportRouter,
  intake: intakeRouter,
  assessment: assessmentRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
