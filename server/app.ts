/** Builds the Express app from its parts, so tests build exactly what `main.ts` serves. */
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { sql } from 'drizzle-orm';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import { appRouter } from './routers/_app';
import { createContext, type Services } from './context';
import { createRateLimiter } from './rateLimit';
import { createPublicLimits } from './publicLimits';
import { photoRoutes } from './photoRoutes';
import { boundedBody } from './boundedBody';
import { directCalls, type CallErrorHook } from './directCalls';
import { STORAGE_MESSAGES, storageFailureOf } from './storageFailure';
import { publicPageRoutes } from './publicPage/routes';
import type { Db } from './db/open';
import type { Clock } from './clock';
import type { Log } from './log';

/** The largest tRPC request body: a push of 200 events is far below it. */
export const MAX_BODY = 1024 * 1024;

export interface AppOptions {
  db: Db;
  clock: Clock;
  log: Log;
  dataDir: string;
  /** An extra origin allowed to call the API from a web page (extension origins are always allowed). */
  dashboardOrigin?: string;
  /** Express's `trust proxy` setting, when the server sits behind a reverse proxy. */
  trustProxy?: string;
}

export function createApp(options: AppOptions) {
  const services: Services = {
    db: options.db,
    clock: options.clock,
    log: options.log,
    dataDir: options.dataDir,
    enrolLimiter: createRateLimiter(10, 10 * 60_000),
    publicLimits: createPublicLimits(),
  };
  const app = express();
  app.disable('x-powered-by');
  if (options.trustProxy) app.set('trust proxy', options.trustProxy);
  app.use(helmet());
  app.use(cors(options.dashboardOrigin));

  app.get('/healthz', (_req, res) => {
    try {
      options.db.get(sql`select 1`);
      res.json({ ok: true });
    } catch {
      res.status(503).json({ ok: false });
    }
  });

  // Someone who types the bare address (a resident, or staff trying the server) lands on the public page.
  app.get('/', (_req, res) => res.redirect(302, '/report'));
  app.use('/photos', photoRoutes(services));
  app.use('/report', publicPageRoutes(services));

  const onError: CallErrorHook = ({ error, path }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') options.log.error({ err: error.cause ?? error, path }, '接口处理出错');
    if (error.code === 'SERVICE_UNAVAILABLE') options.log.warn({ err: error.cause, path }, '存储拒绝写入（磁盘已满或只读）');
  };
  app.use(
    '/trpc',
    boundedBody({ limit: MAX_BODY, as: 'json' }),
    refuseDeepJson,
    directCalls((req) => createContext(services, req), onError),
    createExpressMiddleware({
      router: appRouter,
      createContext: ({ req }) => createContext(services, req),
      maxBatchSize: 20,
      // Never reached while boundedBody stands in front; a second bound on tRPC's own reader.
      maxBodySize: MAX_BODY,
      onError,
    }),
  );

  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: { message: '接口不存在' } });
  });

  // Anything that escapes: a short Chinese message, never a stack.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const storage = storageFailureOf(err);
    if (storage) {
      options.log.warn({ err }, '存储拒绝写入（磁盘已满或只读）');
      return res.status(503).json({ error: { message: STORAGE_MESSAGES[storage] } });
    }
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status >= 500) options.log.error({ err }, '请求处理出错');
    res.status(status).json({ error: { message: status < 500 ? '请求格式不正确' : '服务器内部错误，请稍后再试' } });
  });
  return app;
}

/** Deeper than any input the API takes (a push is four levels deep). */
export const MAX_JSON_DEPTH = 32;

/**
 * tRPC serialises the parsed body again on its way in; JSON nested thousands of levels deep overflows the stack
 * there and would end in a 500. Measured without recursion, for the same reason.
 */
function refuseDeepJson(req: Request, res: Response, next: NextFunction) {
  const stack: [unknown, number][] = [[req.body, 0]];
  while (stack.length) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      res.status(400).json({ error: { message: '提交的内容嵌套过深' } });
      return;
    }
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  next();
}

const EXTENSION_ORIGIN = /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i;

/** Cross-origin calls are allowed from extension pages and the configured dashboard origin only. */
function cors(dashboardOrigin?: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin && (EXTENSION_ORIGIN.test(origin) || origin === dashboardOrigin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, trpc-accept');
      res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      res.setHeader('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') {
      res.status(204).end();
      return;
    }
    next();
  };
}
