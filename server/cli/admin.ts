/*
 * The admin CLI: `npm run admin -- <command> [options]`. Works on DATA_DIR/county.sqlite (default ./data), the
 * same file the server uses; safe to run while the server runs (SQLite WAL, busy timeout). Every message is in
 * Chinese; a failure exits non-zero. Each command is a few lines over a function in server/domain or server/cli.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { asc, eq, or } from 'drizzle-orm';
import { openDb, type Db } from '../db/open';
import { devices, people, units, zones } from '../db/schema';
import { dataDirOf, dbFileOf } from '../dataFile';
import { issueEnrolCode, revokeDevice } from '../domain/auth';
import { backupAll } from '../domain/backup';
import { restoreBackup } from '../domain/restore';
import { adminCli, importRecorded, recordAdminEvent } from '../domain/adminEvents';
import { rebuildAndCompare } from './projections';
import { DAY } from '../../shared/calendar';
import { CHECKPOINT_DIGITS, checkpointLabel, isoMinuteLabel } from '../../shared/labels';
import { chainBreakMessage, verifyLedger, type Checkpoint } from '../domain/ledgerChain';
import { CALENDAR_YEARS } from '../../shared/schemas/events';
import { ROLE_NAMES, type Role } from '../../shared/roles';

const USAGE = `片区通 管理命令 (pianqutong admin)

用法 (usage): npm run admin -- <命令> [选项]

  import [--dry-run] [--map 列名=字段 ...] <文件.csv|文件.xlsx>
                                   导入人员名单和/或责任清单（格式见 docs/import.md）：先列出将新增、修改、调整和未导入的内容；
                                   有错误的行全部列出，整个文件不导入。--dry-run 只预览不写入；--map 指定某列对应的字段（或“忽略”）
                                   import a roster / duty list; --dry-run previews only; any bad row rejects the whole file
  codes <人员编号|姓名> [--days 7]  为某人生成一次性登记码（默认7天内有效）
                                   issue a one-time enrolment code
  devices [--person <编号|姓名>]    列出已登记的设备   list enrolled devices
  revoke <设备编号>                 注销一台设备       revoke a device
  rebuild [--check]                从事件记录重建统计表；--check 只比对不修改
                                   rebuild projections from the ledger; --check compares without changing anything
  verify [--checkpoint <序号:哈希>]  校验台账的哈希链，指出第一个被改动或删除的事件；通过时打印当前台账校验；
                                   给出通报或导出上印的台账校验时一并核对（可发现整条链被改写或末尾被删）
                                   verify the ledger's hash chain; with a printed checkpoint, check against it too
  calendar <年份>                   列出日历对该年的安排（节假日、调休上班日、地方休息日）及来源，缺失时明确提示
                                   list what the calendar knows for a year, and say when the year's schedule is missing
  backup <文件夹>                   在线备份数据库和照片到一个新文件夹（服务器运行时也可用）
                                   online backup of the database and photos into a new folder, works while the server runs
  restore <备份文件夹>              检查备份后恢复到数据目录；服务器运行时拒绝；原有数据移到 replaced-<时间>/
                                   check a backup, then restore it; refused while a server runs; old data is moved aside
  seed                             向空数据库写入演示县城数据   seed the demo county into an empty database

数据目录 (data dir): 环境变量 DATA_DIR，默认 ./data（数据库文件 county.sqlite）
`;

/** "48920:3f9a2c1d7e8b0a44" as printed by checkpointLabel (spaces ignored; more hash digits are fine). */
function parseCheckpoint(text: string): Checkpoint {
  const m = /^(\d+):([0-9a-f]+)$/i.exec(text.replace(/\s/g, ''));
  if (!m || m[2].length < CHECKPOINT_DIGITS || m[2].length > 64) {
    throw new CliError(`台账校验“${text}”格式不对：应为“序号:哈希”，哈希至少${CHECKPOINT_DIGITS}位十六进制数，如 48920:3f9a2c1d7e8b0a44`, 2);
  }
  return { seq: Number(m[1]), hash: m[2].toLowerCase() };
}


class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

interface Args {
  positional: string[];
  options: Map<string, string | true>;
  /** --map 列名=字段, as often as needed. */
  maps: string[];
}

function parseArgs(argv: string[]): Args {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  const maps: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h') options.set('help', true);
    else if (a === '--map' || a.startsWith('--map=')) maps.push(a === '--map' ? (argv[++i] ?? '') : a.slice('--map='.length));
    else if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split('=', 2);
      const next = argv[i + 1];
      if (inline !== undefined) options.set(key, inline);
      else if (['days', 'person', 'checkpoint'].includes(key) && next !== undefined && !next.startsWith('--')) options.set(key, argv[++i]);
      else options.set(key, true);
    } else positional.push(a);
  }
  return { positional, options, maps };
}

const now = () => Date.now();
const dataDir = dataDirOf();
const dbFile = dbFileOf(dataDir);

/** Opens the county's database; only import and seed may create it. */
function open(create = false): Db {
  if (!create && !existsSync(dbFile)) {
    throw new CliError(`数据库文件不存在：${dbFile}\n请先运行 npm start（会生成演示数据），或用 npm run admin -- seed / import 建立数据库；也可用 DATA_DIR 指定数据目录。`);
  }
  mkdirSync(dataDir, { recursive: true });
  return openDb(dbFile);
}

function one(args: Args, what: string): string {
  const [value, extra] = args.positional;
  if (!value) throw new CliError(`缺少${what}。\n\n${USAGE}`, 2);
  if (extra !== undefined) throw new CliError(`多余的参数“${extra}”`, 2);
  return value;
}

/** A person by id, or by name when the name is unique. */
function findPerson(db: Db, idOrName: string) {
  const rows = db
    .select({ id: people.id, name: people.name, role: people.role, unitName: units.name })
    .from(people)
    .leftJoin(units, eq(units.id, people.unitId))
    .where(or(eq(people.id, idOrName), eq(people.name, idOrName)))
    .all();
  const exact = rows.find((r) => r.id === idOrName);
  if (exact) return exact;
  if (rows.length === 0) throw new CliError(`找不到人员“${idOrName}”（可填人员编号或姓名）`);
  if (rows.length > 1) {
    const list = rows.map((r) => `${r.id}（${r.unitName ?? ROLE_NAMES[r.role]}）`).join('、');
    throw new CliError(`有${rows.length}人名为“${idOrName}”：${list}。请改用人员编号。`);
  }
  return rows[0];
}

/** --map 负责人=网格责任人 → { 负责人: 网格责任人 }. */
function columnMap(maps: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    maps.map((m) => {
      const [header, field] = m.split('=', 2).map((s) => s?.trim());
      if (!header || !field) throw new CliError(`--map 应写成“列名=字段”，如 --map 负责人=网格责任人（收到“${m}”）`, 2);
      return [header, field];
    }),
  );
}

const describe = (p: { name: string; role: Role; unitName: string | null }) =>
  `${p.name}，${ROLE_NAMES[p.role as Role]}${p.unitName ? `，${p.unitName}` : ''}`;

const commands: Record<string, (args: Args) => Promise<void> | void> = {
  async import(args) {
    const file = one(args, '要导入的文件（.csv 或 .xlsx）');
    if (!existsSync(file)) throw new CliError(`文件不存在：${file}`);
    const dryRun = args.options.has('dry-run');
    // Loaded on demand: exceljs is heavy, and most commands do not need it.
    const { readRosterFile } = await import('../domain/rosterFile');
    const { importRoster } = await import('../domain/roster');
    const { summaryLines } = await import('../domain/rosterSummary');
    const tables = await readRosterFile(readFileSync(file), basename(file), columnMap(args.maps));
    // On an empty data folder the file is checked against an empty county in memory first: a refused import
    // (or a dry run) leaves no database file behind.
    const fresh = !existsSync(dbFile);
    const checkOnly = dryRun || fresh;
    const at = now();
    const result = checkOnly ? importRoster(fresh ? openDb(':memory:') : open(), tables, { dryRun: true }) : importRecorded(open(), tables, basename(file), adminCli, at);
    const summary = result.preview ? summaryLines(result.preview).join('\n') : '';
    if (!result.ok) {
      const errors = result.errors.map((e) => `  ${e}`).join('\n');
      throw new CliError(`${summary ? `${summary}\n\n` : ''}导入失败，文件中有${result.errors.length}处问题，未导入任何数据：\n${errors}`);
    }
    if (dryRun) {
      console.log(`预览（未写入任何数据）：${basename(file)}\n${summary}\n\n确认无误后去掉 --dry-run 再运行一次即可导入。`);
      return;
    }
    if (fresh) importRecorded(open(true), tables, basename(file), adminCli, at);
    console.log(`导入成功：${basename(file)}\n${summary}`);
  },

  codes(args) {
    const who = one(args, '人员编号或姓名');
    const daysOption = args.options.get('days');
    const days = daysOption === undefined ? 7 : Number(daysOption);
    if (!Number.isInteger(days) || days < 1 || days > 90) throw new CliError('--days 应为1到90之间的整数', 2);
    const db = open();
    const person = findPerson(db, who);
    const at = now();
    const code = db.transaction(() => {
      recordAdminEvent(db, { kind: 'enrolCode.issued', payload: { personId: person.id, expiresAt: at + days * DAY }, by: adminCli, at });
      return issueEnrolCode(db, person.id, at, days * DAY);
    });
    console.log(`登记码：${code}\n人员：${describe(person)}（${person.id}）\n有效期至：${isoMinuteLabel(at + days * DAY)}（北京时间），只能使用一次`);
  },

  devices(args) {
    const db = open();
    const filter = args.options.get('person');
    const person = typeof filter === 'string' ? findPerson(db, filter) : undefined;
    if (filter === true) throw new CliError('--person 后面请填人员编号或姓名', 2);
    const rows = db
      .select({ device: devices, name: people.name, role: people.role, unitName: units.name })
      .from(devices)
      .innerJoin(people, eq(people.id, devices.personId))
      .leftJoin(units, eq(units.id, people.unitId))
      .where(person ? eq(devices.personId, person.id) : undefined)
      .orderBy(asc(devices.createdAt))
      .all();
    if (!rows.length) {
      console.log(person ? `${person.name}没有已登记的设备` : '还没有已登记的设备');
      return;
    }
    for (const r of rows) {
      const d = r.device;
      const state = d.revokedAt ? `已注销（${isoMinuteLabel(d.revokedAt)}）` : '使用中';
      const seen = d.lastSeenAt ? isoMinuteLabel(d.lastSeenAt) : '—';
      console.log(`${d.id}  ${describe(r)}  设备名：${d.name}  登记于：${isoMinuteLabel(d.createdAt)}  最近使用：${seen}  ${state}`);
    }
  },

  revoke(args) {
    const id = one(args, '设备编号（用 devices 命令查看）');
    const db = open();
    const device = db.select().from(devices).where(eq(devices.id, id)).get();
    if (!device) throw new CliError(`设备“${id}”不存在（用 devices 命令查看设备编号）`);
    if (!revokeDevice(db, id, adminCli, now())) throw new CliError(`设备“${id}”已于${isoMinuteLabel(device.revokedAt!)}注销`);
    console.log(`已注销设备 ${id}：它的下一次同步将被拒绝，需要重新登记`);
  },

  rebuild(args) {
    const check = args.options.has('check');
    const db = open();
    const report = rebuildAndCompare(db, !check);
    const names = { duty_checks: '打勾记录', issues: '问题', inspections: '督查记录', calendar_days: '节假日安排' } as const;
    for (const t of report.tables) {
      const diff = t.differing ? `，不一致 ${t.differing} 行` : '，一致';
      console.log(`  ${names[t.table]}（${t.table}）：现有 ${t.live} 行，重建 ${t.rebuilt} 行${diff}`);
    }
    if (check) {
      if (!report.equal) throw new CliError(`检查未通过：统计表与事件记录（${report.events} 条）重建的结果不一致。运行 npm run admin -- rebuild 可修复。`);
      console.log(`检查通过：统计表与 ${report.events} 条事件记录重建的结果完全一致（未做任何修改）`);
    } else {
      console.log(`重建完成：重放了 ${report.events} 条事件记录${report.equal ? '，结果与原统计表一致' : '，已修正不一致的统计表'}`);
    }
  },

  verify(args) {
    if (args.positional.length) throw new CliError(`多余的参数“${args.positional[0]}”`, 2);
    const given = args.options.get('checkpoint');
    if (given === true) throw new CliError('--checkpoint 后面请填通报或导出上印的台账校验，如 48920:3f9a2c1d7e8b0a44', 2);
    const expected = given === undefined ? undefined : parseCheckpoint(given);
    const result = verifyLedger(open().$client, expected);
    if (!result.ok) {
      const lastGood = result.problem === 'altered' || result.problem === 'missing' ? `\n此前最后一个完好的事件：第${result.lastGood.seq}号（${checkpointLabel(result.lastGood)}）` : '';
      throw new CliError(`台账校验未通过：${chainBreakMessage(result)}${lastGood}`);
    }
    const cp = result.checkpoint;
    const matched = expected ? `\n与所给的台账校验 ${given} 一致` : '';
    console.log(`台账校验通过：${cp.seq} 条事件的哈希链完整${matched}\n当前台账校验：${checkpointLabel(cp)}\n完整哈希：${cp.hash}`);
  },

  async calendar(args) {
    const year = Number(one(args, '年份（如 2027）'));
    if (!Number.isInteger(year) || year < CALENDAR_YEARS.min || year > CALENDAR_YEARS.max) {
      throw new CliError(`年份应为${CALENDAR_YEARS.min}—${CALENDAR_YEARS.max}之间的整数`, 2);
    }
    const { calendarReport } = await import('./calendarReport');
    const { text, missing } = calendarReport(open(), year);
    console.log(text);
    // Exit 0 either way: a missing schedule is news to act on, not a failure of the command.
    if (missing) console.log(`\n提示：${year}年节假日安排尚未录入。请指挥部在工作看板“节假日安排”中录入国务院办公厅通知的安排。`);
  },

  async backup(args) {
    const folder = one(args, '备份文件夹路径');
    const db = open();
    const manifest = await backupAll(db, dataDir, folder, now());
    const counts = Object.entries(manifest.database.counts).map(([t, n]) => `${t} ${n}`).join('，');
    console.log(`备份完成：${folder}（数据库 ${(manifest.database.bytes / 1024 / 1024).toFixed(1)} MB，照片 ${manifest.photos.length} 张，校验通过）\n  ${counts}`);
    if (manifest.missingPhotos.length) console.log(`注意：数据库中有 ${manifest.missingPhotos.length} 张照片在数据目录中本已缺失，未能备份。`);
  },

  restore(args) {
    const folder = one(args, '备份文件夹路径');
    mkdirSync(dataDir, { recursive: true });
    const report = restoreBackup(folder, dataDir, now());
    console.log(`恢复完成：${report.events} 条事件记录、${report.photos} 张照片已恢复到 ${dataDir}，检查全部通过。`);
    if (report.replacedTo) console.log(`原有数据已移到 ${report.replacedTo}（未删除）。`);
  },

  async seed() {
    const { seedDemoCounty, writeDemoPhotos } = await import('../seed/demoCounty');
    const db = open(true);
    if (db.select({ id: zones.id }).from(zones).limit(1).get()) {
      throw new CliError(`数据库中已有片区数据（${dbFile}），演示数据只能写入空数据库。`);
    }
    const { codes, events } = seedDemoCounty(db, now());
    writeDemoPhotos(dataDir);
    console.log(`已写入演示县城数据（${events} 条事件记录）。演示登记码（每个只能用一次）：`);
    for (const c of codes) console.log(`  ${c.code}  ${c.roleName}  ${c.name}${c.unitName ? `（${c.unitName}）` : ''}`);
  },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const args = parseArgs(rest);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const run = commands[command];
  if (!run) throw new CliError(`未知命令“${command}”。\n\n${USAGE}`, 2);
  if (args.options.has('help')) {
    console.log(USAGE);
    return 0;
  }
  await run(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof CliError) {
      console.error(e.message);
      process.exit(e.exitCode);
    }
    // Known failures from the domain (a bad file, a failed backup) carry a Chinese message; anything else is a bug.
    const message = e instanceof Error ? e.message : String(e);
    const known = e instanceof Error && ['RosterFileError', 'BackupError'].includes(e.constructor.name);
    console.error(known ? message : `出错了：${message}`);
    process.exit(1);
  },
);
