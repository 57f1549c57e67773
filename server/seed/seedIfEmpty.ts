import type { Db } from '../db/open';
import type { Log } from '../log';
import { zones } from '../db/schema';
import { seedDemoCounty, writeDemoPhotos } from './demoCounty';

/**
 * Seeds the demo county into an empty database and prints a few enrolment codes to try it with. With `dataDir`,
 * also writes the demo issues' photos where the photo routes read them.
 */
export function seedIfEmpty(db: Db, now: number, log: Log, dataDir?: string): void {
  if (db.select({ id: zones.id }).from(zones).limit(1).get()) return;
  const { codes, events } = seedDemoCounty(db, now);
  if (dataDir) writeDemoPhotos(dataDir);
  // ($count is a query builder under better-sqlite3, not a number: logging it dumped the whole schema.)
  log.info({ zones: db.select({ id: zones.id }).from(zones).all().length, events }, '已生成演示县城数据');
  const lines = codes.map((c) => `  ${c.code}  ${c.roleName}  ${c.name}${c.unitName ? `（${c.unitName}）` : ''}`);
  console.log(`\n演示登记码（在扩展的设置页输入，每个只能用一次）：\n${lines.join('\n')}\n`);
}
