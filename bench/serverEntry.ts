/*
 * The server as `server/main.ts` runs it (same env, database, app, system clock), minus the demo seed: the
 * bench's county is already in the file. Used only while server/main.ts cannot start without the demo seed.
 */
import { join, resolve } from 'node:path';
import { readEnv } from '../server/env';
import { openDb } from '../server/db/open';
import { createApp } from '../server/app';
import { createLog } from '../server/log';
import { systemClock } from '../server/clock';

const env = readEnv();
const dataDir = resolve(env.DATA_DIR);
const db = openDb(join(dataDir, 'county.sqlite'));
const log = createLog();
const server = createApp({ db, clock: systemClock, log, dataDir }).listen(env.PORT, env.HOST);
process.on('SIGTERM', () => server.close(() => (db.$client.close(), process.exit(0))));
