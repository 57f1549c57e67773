import type { Db } from '../db/open';
import type { Log } from '../log';
import { inArray } from 'drizzle-orm';
import { people, zones } from '../db/schema';
import { DEMO_PEOPLE, seedDemoCounty, writeDemoPhotos } from './demoCounty';
import { ROLE_NAMES } from '../../shared/roles';

/**
 * Seeds the demo county into an empty database and prints a few enrolment codes to try it with. With `dataDir`,
 * also writes the demo issues' photos where the photo routes read them.
 */
export function seedIfEmpty(db: Db, now: number, log: Log, dataDir?: string): void {
  if (db.select({ id: zones.id }).from(zones).limit(1).get()) return sayHowToGetCodes(db);
  const { codes, events } = seedDemoCounty(db, now);
  if (dataDir) writeDemoPhotos(dataDir);
  // ($count is a query builder under better-sqlite3, not a number: logging it dumped the whole schema.)
  log.info({ zones: db.select({ id: zones.id }).from(zones).all().length, events }, '已生成演示县城数据');
  const lines = codes.map((c) => `  ${c.code}  ${c.roleName}  ${c.name}${c.unitName ? `（${c.unitName}）` : ''}`);
  console.log(`\n演示登记码（在扩展的设置页输入，每个只能用一次）：\n${lines.join('\n')}\n`);
}

/**
 * On a later start the first codes are spent or stored only as hashes: say how to get new ones, per demo role.
 * (Nothing is issued unasked: every code is a way in.)
 */
function sayHowToGetCodes(db: Db): void {
  const demo = db
    .select({ id: people.id, name: people.name, role: people.role })
    .from(people)
    .where(inArray(people.id, Object.values(DEMO_PEOPLE)))
    .all();
  if (!demo.length) return;
  const lines = demo.map((p) => `  npm run admin -- codes ${p.id}    # ${ROLE_NAMES[p.role]} ${p.name}`);
  console.log(`\n登记码只在首次启动时打印。需要新的登记码时（每个只能用一次，7天内有效）：\n${lines.join('\n')}\n`);
}
