import type { Db } from '../db/open';
import type { Log } from '../log';
import { zones } from '../db/schema';
import { seedDemoCounty } from './demoCounty';

/** Seeds the demo county into an empty database and prints a few enrolment codes to try it with. */
export function seedIfEmpty(db: Db, now: number, log: Log): void {
  if (db.select({ id: zones.id }).from(zones).limit(1).get()) return;
  const { codes } = seedDemoCounty(db, now);
  log.info({ zones: db.$count(zones) }, '已生成演示县城数据');
  const lines = codes.map((c) => `  ${c.code}  ${c.roleName}  ${c.name}${c.unitName ? `（${c.unitName}）` : ''}`);
  console.log(`\n演示登记码（在扩展的设置页输入，每个只能用一次）：\n${lines.join('\n')}\n`);
}
