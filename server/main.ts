/** Reads the environment, opens the county's database (seeding the demo county when empty) and listens. */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { dbFileOf } from './dataFile';
import { readEnv } from './env';
import { openDb } from './db/open';
import { createApp } from './app';
import { createHttpServer } from './httpServer';
import { createLog } from './log';
import { systemClock } from './clock';
import { seedIfEmpty } from './seed/seedIfEmpty';

const env = readEnv();
const log = createLog();
const dataDir = resolve(env.DATA_DIR);
mkdirSync(dataDir, { recursive: true });
const dbFile = dbFileOf(dataDir);
const db = openDb(dbFile);

if (env.SEED_DEMO === '1') seedIfEmpty(db, systemClock.now(), log, dataDir);

const app = createApp({ db, clock: systemClock, log, dataDir, dashboardOrigin: env.DASHBOARD_ORIGIN, trustProxy: env.TRUST_PROXY });
const server = createHttpServer(app).listen(env.PORT, env.HOST, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.PORT;
  log.info({ url: `http://${env.HOST}:${port}`, dbFile }, `片区通服务器已启动：http://${env.HOST}:${port}`);
  log.info({ extensionDir: resolve('.output/chrome-mv3') }, `浏览器扩展（未打包）目录：${resolve('.output/chrome-mv3')}`);
});

function shutdown() {
  server.close(() => {
    db.$client.close();
    process.exit(0);
  });
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
