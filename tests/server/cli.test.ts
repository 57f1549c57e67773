/*
 * The admin CLI as an administrator runs it: a child process `tsx server/cli/admin.ts` against a temporary
 * DATA_DIR, judged by its exit code, what it prints and what it leaves in the database.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDb } from '../../server/db/open';
import { enrolDevice } from '../../server/domain/auth';
import { tableCounts } from '../../server/domain/backup';
import { ADMIN_EVENT_UNIT } from '../../shared/schemas/events';

const TSX = join('node_modules', '.bin', 'tsx');
const dirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-cli-'));
  dirs.push(dir);
  return dir;
}

function admin(dataDir: string, ...args: string[]) {
  const run = spawnSync(TSX, ['server/cli/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const countsOf = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return tableCounts(db);
  } finally {
    db.close();
  }
};

/** The admin events stored in a county file, oldest first. */
const adminEventsIn = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    const rows = db.prepare('select kind, actor_id, payload from events where unit_id = ? order by seq').all(ADMIN_EVENT_UNIT) as Array<{ kind: string; actor_id: string; payload: string }>;
    return rows.map((r) => ({ kind: r.kind, actorId: r.actor_id, payload: JSON.parse(r.payload) as unknown }));
  } finally {
    db.close();
  }
};

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Each command is a fresh tsx process (about a second each, more on a busy machine): generous timeouts.
describe('npm run admin', { timeout: 120_000 }, () => {
  it('--help prints the commands in Chinese and English', () => {
    const { code, out } = admin(freshDataDir(), '--help');
    expect(code).toBe(0);
    for (const word of ['import', 'codes', 'devices', 'revoke', 'rebuild', 'backup', 'seed', '导入', '登记码', 'usage']) expect(out).toContain(word);
  });

  it('an unknown command or a missing database is a Chinese error and a non-zero exit', () => {
    const dir = freshDataDir();
    const unknown = admin(dir, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('未知命令“frobnicate”');
    const missing = admin(dir, 'devices');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('数据库文件不存在');
  });

  it('import: a bad file is refused whole with every bad line listed; good files import; codes enrol the person', () => {
    const dir = freshDataDir();
    const bad = admin(dir, 'import', 'tests/fixtures/roster-bad.csv');
    expect(bad.code).toBe(1);
    for (const line of ['第3行', '第4行', '第5行', '第6行']) expect(bad.err).toContain(line);
    expect(bad.err).toContain('未导入任何数据');
    // A refused import on an empty data folder leaves nothing behind: no database, no WAL, nothing.
    expect(readdirSync(dir)).toEqual([]);

    const roster = admin(dir, 'import', 'tests/fixtures/roster.csv');
    expect(roster.code, roster.err).toBe(0);
    expect(roster.out).toContain('导入成功');
    expect(roster.out).toMatch(/人员：新增 16/);
    // The roster brought the default duty list; the county's own list takes its place.
    expect(roster.out).toMatch(/责任清单事项：新增 15/);
    expect(admin(dir, 'import', 'tests/fixtures/duties.csv').out).toMatch(/责任清单事项：新增 2，修改 5，默认清单被取代 10/);
    // The 10 default items replaced keep their rows (ended from today, so the days they were in effect keep them): 7 + 10.
    expect(countsOf(join(dir, 'county.sqlite'))).toMatchObject({ zones: 2, units: 4, people: 16, duties: 17, grid_cells: 7 });

    const issued = admin(dir, 'codes', '张伟', '--days', '3');
    expect(issued.code, issued.err).toBe(0);
    const code = /登记码：([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(issued.out)?.[1];
    expect(code).toBeDefined();
    expect(issued.out).toContain('县教育局');
    const db = openDb(join(dir, 'county.sqlite'));
    try {
      // --days 3: the code lives three days, not the default seven.
      const [row] = db.$client.prepare('select created_at, expires_at from enrol_codes').all() as Array<{ created_at: number; expires_at: number }>;
      expect(row.expires_at - row.created_at).toBe(3 * 24 * 60 * 60_000);
      const enrolled = enrolDevice(db, code!, '测试浏览器', Date.now());
      expect(enrolled.ok).toBe(true);
      const bad = admin(dir, 'codes', '张伟', '--days', '0');
      expect(bad.code).toBe(2);
      expect(bad.err).toContain('--days 应为1到90之间的整数');
    } finally {
      db.$client.close();
    }
    const nobody = admin(dir, 'codes', '查无此人');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toContain('找不到人员“查无此人”');
  });

  it('import --dry-run prints what would change, in Chinese, and writes nothing; --map names an unknown column', () => {
    const dir = freshDataDir();
    const county = 'tests/fixtures/county/城关镇网格责任人名单.csv';
    const preview = admin(dir, 'import', '--dry-run', county);
    expect(preview.code, preview.err).toBe(0);
    for (const line of [
      '预览（未写入任何数据）',
      '格式：县里常用格式（每个网格一行），编码 UTF-8',
      '片区：新增 10，不变 0',
      '网格：新增 28，不变 0',
      '  12号五小厂片区（片长高峰，牵头单位县住建局）',
      '  县教育局·县二中门前（5号片区，责任人吴磊）',
      '没有导入责任清单：各单位将使用默认责任清单（15项',
      '列“备注”未导入',
    ]) expect(preview.out).toContain(line);
    expect(readdirSync(dir)).toEqual([]);

    const gbk = admin(dir, 'import', '--dry-run', '--map', '网格名称=忽略', 'tests/fixtures/county/南关北门补充名单-GBK.csv');
    expect(gbk.out).toContain('编码 GB18030');
    expect(gbk.out).toContain('列“网格名称”未导入（已选择忽略）');
    const badMap = admin(dir, 'import', '--map', '网格名称', county);
    expect(badMap.code).toBe(2);
    expect(badMap.err).toContain('--map 应写成“列名=字段”');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('codes: a name two people share asks for the person id instead', () => {
    const dir = freshDataDir();
    admin(dir, 'import', 'tests/fixtures/roster.csv');
    const db = openDb(join(dir, 'county.sqlite'));
    db.$client.prepare("insert into people (id, name, role, unit_id) values ('p9999', '张伟', 'staff', (select id from units where name = '中心农贸市场'))").run();
    db.$client.close();
    const twin = admin(dir, 'codes', '张伟');
    expect(twin.code).toBe(1);
    expect(twin.err).toMatch(/有2人名为“张伟”：.*（县教育局）.*p9999（中心农贸市场）/);
    expect(admin(dir, 'codes', 'p9999').code).toBe(0);
  });

  it('devices lists enrolled browsers and revoke cuts one off, once', () => {
    const dir = freshDataDir();
    admin(dir, 'import', 'tests/fixtures/roster.csv');
    const code = /登记码：(\S+)/.exec(admin(dir, 'codes', '孙丽').out)![1];
    const db = openDb(join(dir, 'county.sqlite'));
    const enrolled = enrolDevice(db, code, '指挥部电脑', Date.now());
    db.$client.close();
    if (!enrolled.ok) throw new Error('enrolment failed');
    const list = admin(dir, 'devices', '--person', '孙丽');
    expect(list.code).toBe(0);
    expect(list.out).toContain(enrolled.deviceId);
    expect(list.out).toContain('指挥部电脑');
    expect(list.out).toContain('使用中');
    const revoked = admin(dir, 'revoke', enrolled.deviceId);
    expect(revoked.code, revoked.err).toBe(0);
    expect(admin(dir, 'devices').out).toContain('已注销');
    const again = admin(dir, 'revoke', enrolled.deviceId);
    expect(again.code).toBe(1);
    expect(again.err).toContain('已于');
    expect(admin(dir, 'revoke', 'd_nope').err).toContain('不存在');
    // The import, the code and the revocation each left one admin event by the command line; the refused
    // second revoke left none.
    expect(adminEventsIn(join(dir, 'county.sqlite'))).toEqual([
      { kind: 'org.imported', actorId: 'system:admin-cli', payload: expect.objectContaining({ file: 'roster.csv' }) },
      { kind: 'enrolCode.issued', actorId: 'system:admin-cli', payload: expect.objectContaining({ personId: enrolled.personId }) },
      { kind: 'device.revoked', actorId: 'system:admin-cli', payload: { deviceId: enrolled.deviceId, personId: enrolled.personId, reason: 'revoked' } },
    ]);
  });

  it('seed, then rebuild --check passes; a tampered projection fails the check, is left alone by it, and rebuild repairs it', () => {
    const dir = freshDataDir();
    const seeded = admin(dir, 'seed');
    expect(seeded.code, seeded.err).toBe(0);
    expect(seeded.out).toContain('演示登记码');
    expect(admin(dir, 'seed').code).toBe(1); // not into a database that has a county already

    const check = admin(dir, 'rebuild', '--check');
    expect(check.code, check.err).toBe(0);
    expect(check.out).toContain('检查通过');

    const file = join(dir, 'county.sqlite');
    const tamper = new Database(file);
    tamper.prepare("update issues set state = 'verified' where rowid = (select min(rowid) from issues where state <> 'verified')").run();
    tamper.prepare('delete from duty_checks where rowid = (select min(rowid) from duty_checks)').run();
    const tamperedIssues = tamper.prepare("select count(*) from issues where state = 'verified'").pluck().get();
    tamper.close();

    const failed = admin(dir, 'rebuild', '--check');
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/问题（issues）.*不一致 2 行/);
    expect(failed.out).toMatch(/打勾记录（duty_checks）.*不一致 1 行/);
    const still = new Database(file, { readonly: true });
    expect(still.prepare("select count(*) from issues where state = 'verified'").pluck().get()).toBe(tamperedIssues);
    still.close();

    const repaired = admin(dir, 'rebuild');
    expect(repaired.code, repaired.err).toBe(0);
    expect(repaired.out).toContain('已修正');
    expect(admin(dir, 'rebuild', '--check').code).toBe(0);
  });

  it('verify: a freshly seeded county verifies and prints its checkpoint; a row changed behind the triggers is named by seq; a printed checkpoint catches a cut-off tail', () => {
    const dir = freshDataDir();
    expect(admin(dir, 'seed').code).toBe(0);
    const file = join(dir, 'county.sqlite');
    const clean = admin(dir, 'verify');
    expect(clean.code, clean.err).toBe(0);
    const reader = new Database(file, { readonly: true });
    const last = reader.prepare('select seq, hash from events order by seq desc limit 1').get() as { seq: number; hash: string };
    reader.close();
    expect(clean.out).toContain(`台账校验通过：${last.seq} 条事件的哈希链完整`);
    expect(clean.out).toContain(`当前台账校验：${last.seq}:${last.hash.slice(0, 16)}`);
    const printed = `${last.seq}:${last.hash.slice(0, 16)}`;
    expect(admin(dir, 'verify', '--checkpoint', printed).out).toContain(`与所给的台账校验 ${printed} 一致`);
    expect(admin(dir, 'verify', '--checkpoint', '12:abc').code).toBe(2);

    const attacker = new Database(file);
    for (const t of attacker.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'events'").pluck().all()) attacker.exec(`drop trigger "${t}"`);
    attacker.prepare('delete from events where seq = ?').run(last.seq);
    attacker.close();
    const cut = admin(dir, 'verify', '--checkpoint', printed);
    expect(cut.code).toBe(1);
    expect(cut.err).toContain(`台账只有${last.seq - 1}条事件，所给的台账校验却是第${last.seq}号`);

    const editor = new Database(file);
    editor.prepare('update events set client_time = client_time + 1 where seq = 100').run();
    editor.close();
    const broken = admin(dir, 'verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('台账校验未通过：第100号事件被改动过');
    expect(broken.err).toContain('此前最后一个完好的事件：第99号');
  });

  it('backup, taken while the server holds the database open with writes still in the WAL, is a checked copy with the same rows; it never overwrites a folder', () => {
    const dir = freshDataDir();
    admin(dir, 'import', 'tests/fixtures/roster.csv');
    admin(dir, 'import', 'tests/fixtures/duties.csv');
    admin(dir, 'codes', '张伟');
    // Stand-in for the running server: a connection that stays open and has written since the last checkpoint.
    const server = openDb(join(dir, 'county.sqlite'));
    server.$client.pragma('wal_autocheckpoint = 0');
    server.$client.prepare("insert into settings (key, value) values ('probe', '1')").run();
    const target = join(dir, 'backup-1');
    const done = admin(dir, 'backup', target);
    server.$client.close();
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('备份完成');
    const copied = join(target, 'county.sqlite');
    expect(countsOf(copied)).toEqual(countsOf(join(dir, 'county.sqlite')));
    expect(countsOf(copied)).toMatchObject({ settings: 1, people: 16, duties: 17, enrol_codes: 1 });
    const copy = new Database(copied, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    const twice = admin(dir, 'backup', target);
    expect(twice.code).toBe(1);
    expect(twice.err).toContain('已存在');
  });
});
