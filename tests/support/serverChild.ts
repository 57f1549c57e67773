/*
 * Stand-in for server/main.ts while the demo seed it imports (server/seed/demoCounty.ts) has not landed:
 * the same environment, database and app, without seeding. The crash test prefers main.ts when it can run.
 */
import { join, resolve } from 'node:path';
import { readEnv } from '../../server/env';
import { openDb } from '../../server/db/open';
import { createApp } from '../../server/app';
import { createLog } from '../../server/log';
import { systemClock } from '../../server/clock';

const env = readEnv();
const log = createLog();
const dataDir = resolve(env.DATA_DIR);
const db = openDb(join(dataDir, 'county.sqlite'));
const app = createApp({ db, clock: systemClock, log, dataDir });
const server = app.listen(env.PORT, env.HOST, () => log.info({ url: `http://${env.HOST}:${env.PORT}` }, 'listening'));
