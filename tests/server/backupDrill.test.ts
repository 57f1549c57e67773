/*
 * The restore drill. Devices push ticks and a photographed issue to the real server while `admin backup` takes
 * the database and photos into a folder; the pushes go on after it. `admin restore` refuses to touch the data of
 * the running server and refuses a tampered backup (a photo changed, or the ledger edited behind its hash chain); into a new folder it restores, checked. A server started on
 * that folder (same address) serves the photo; the devices, seeing the new ledger epoch, send again what they
 * made, so the restored server ends with every event once, and every device and a fresh one agree with it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { dateKeyOf } from '../../shared/calendar';
import { eventIdAt } from '../../shared/eventId';
import { photoPath } from '../../server/photoRoutes';
import { PEOPLE } from './fixtures/smallCounty';
import { SimulatedDevice, rowKey } from '../support/simulatedDevice';
import { freePort, killHard, runAdmin, smallCountyFile, startChildServer, type ChildServer } from '../support/childServer';

const root = mkdtempSync(join(tmpdir(), 'pqt-drill-'));
const servers: ChildServer[] = [];
afterAll(async () => {
  for (const s of servers) await killHard(s.process);
  rmSync(root, { recursive: true, force: true });
});

const ledgerIds = (file: string) => {
  const raw = new Database(file, { readonly: true });
  try {
    return raw.prepare('select id from events').pluck().all() as string[];
  } finally {
    raw.close();
  }
};

/** A small JPEG: the bytes are sniffed, not decoded. */
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('片区通演练照片')]);

describe('backup and restore drill', () => {
  it('backs up under load, restores into a new folder, and the devices re-sync without loss or duplicates', { timeout: 180_000 }, async () => {
    const dirA = join(root, 'a');
    mkdirSync(dirA);
    const people = [PEOPLE.staffA, PEOPLE.staffA, PEOPLE.staffB, PEOPLE.command];
    const tokens = smallCountyFile(join(dirA, 'county.sqlite'), people.map((p) => p.id));
    const port = await freePort();
    const start = async (dir: string) => {
      const s = await startChildServer(dir, port);
      servers.push(s);
      return s;
    };
    let server = await start(dirA);
    const devices = people.slice(0, 3).map((p, i) => new SimulatedDevice({ name: `d${i}`, url: server.url, token: tokens[i], personId: p.id, batch: 10 }));
    const drain = async (d: SimulatedDevice) => {
      for (let i = 0; i < 50; i++) if (await d.sync()) return;
      throw new Error(`${d.name} never synced`);
    };

    // A photographed issue, so the backup has a photo to carry.
    const upload = await fetch(`${server.url}/photos`, { method: 'POST', body: JPEG, headers: { authorization: `Bearer ${tokens[0]}` } });
    const { id: photoId } = (await upload.json()) as { id: string };
    const at = Date.now();
    devices[0].record({ unitId: 'u-a', clientTime: at, kind: 'issue.reported', payload: { issueId: eventIdAt(at), category: 'sanitation', zoneId: 'z1', gridCellId: null, place: '人民路', description: '垃圾堆放', photoIds: [photoId], source: 'self_check' } });

    let running = true;
    const load = devices.map(async (d, i) => {
      while (running) {
        for (let k = 0; k < 5; k++) d.record({ unitId: i < 2 ? 'u-a' : 'u-b', clientTime: Date.now(), kind: k % 2 ? 'duty.unchecked' : 'duty.checked', payload: { dutyId: 'd-bins', periodKey: dateKeyOf(Date.now()) } });
        await d.sync();
      }
    });
    while (ledgerIds(join(dirA, 'county.sqlite')).length < 150) await new Promise((r) => setTimeout(r, 20));
    const folder = join(root, 'backup');
    const backup = await runAdmin(['backup', folder], dirA);
    expect(backup.code, backup.output).toBe(0);
    const inBackup = ledgerIds(join(folder, 'county.sqlite'));
    const atBackup = ledgerIds(join(dirA, 'county.sqlite')).length;
    while (ledgerIds(join(dirA, 'county.sqlite')).length < atBackup + 100) await new Promise((r) => setTimeout(r, 20));
    running = false;
    await Promise.all(load);
    for (const d of devices) await drain(d);
    const beforeLoss = ledgerIds(join(dirA, 'county.sqlite'));
    expect(beforeLoss.length).toBeGreaterThan(inBackup.length); // events after the backup exist only on the devices now

    // Restoring over the running server's data is refused, and changes nothing.
    const refused = await runAdmin(['restore', folder], dirA);
    expect([refused.code, refused.output]).toEqual([1, expect.stringContaining('服务器正在使用')]);
    expect(ledgerIds(join(dirA, 'county.sqlite'))).toEqual(beforeLoss);

    // A tampered backup is refused.
    const tampered = join(root, 'tampered');
    cpSync(folder, tampered, { recursive: true });
    writeFileSync(photoPath(tampered, photoId), Buffer.concat([JPEG, Buffer.from('x')]));
    const dirT = join(root, 't');
    const bad = await runAdmin(['restore', tampered], dirT);
    expect([bad.code, bad.output]).toEqual([1, expect.stringContaining('内容与编号不符')]);
    expect(readdirSync(dirT).filter((f) => f !== '.' && !f.startsWith('restoring'))).toEqual([]);

    // A backup whose ledger was edited behind the triggers, its manifest's checksum recomputed to match, is refused
    // by the hash chain, naming the event.
    const edited = join(root, 'edited');
    cpSync(folder, edited, { recursive: true });
    const editor = new Database(join(edited, 'county.sqlite'));
    for (const t of editor.prepare("select name from sqlite_master where type = 'trigger' and tbl_name = 'events'").pluck().all() as string[]) editor.exec(`drop trigger "${t}"`);
    editor.prepare('update events set client_time = client_time + 1 where seq = 5').run();
    editor.close();
    const manifestFile = join(edited, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    manifest.database.sha256 = createHash('sha256').update(readFileSync(join(edited, 'county.sqlite'))).digest('hex');
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const dirE = join(root, 'e');
    const chainBroken = await runAdmin(['restore', edited], dirE);
    expect([chainBroken.code, chainBroken.output]).toEqual([1, expect.stringContaining('台账哈希链校验未通过：第5号事件被改动过')]);
    expect(readdirSync(dirE).filter((f) => !f.startsWith('restoring'))).toEqual([]);

    // The machine is lost: the server stops for good, the backup is restored into a new folder, a server starts on it.
    await killHard(server.process);
    // (A killed server holds no lock: over its old folder the restore now goes ahead, moving the old data aside.)
    const overOld = await runAdmin(['restore', folder], dirA);
    expect([overOld.code, overOld.output]).toEqual([0, expect.stringContaining('原有数据已移到')]);
    expect(ledgerIds(join(readdirSync(dirA).filter((f) => f.startsWith('replaced-')).map((f) => join(dirA, f))[0], 'county.sqlite')).sort()).toEqual([...beforeLoss].sort());
    const dirB = join(root, 'b');
    const restored = await runAdmin(['restore', folder], dirB);
    expect(restored.code, restored.output).toBe(0);
    expect(restored.output).toContain('恢复完成');
    expect(ledgerIds(join(dirB, 'county.sqlite')).sort()).toEqual([...inBackup].sort());
    server = await start(dirB);
    const photo = await fetch(`${server.url}/photos/${photoId}`, { headers: { authorization: `Bearer ${tokens[0]}` } });
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(JPEG);

    // Every device sees the new epoch, sends again what it made, and pulls from the start; a fresh device too.
    for (const d of devices) await drain(d);
    for (const d of devices) await drain(d);
    const fresh = new SimulatedDevice({ name: 'fresh', url: server.url, token: tokens[3], personId: PEOPLE.command.id });
    await drain(fresh);
    const after = ledgerIds(join(dirB, 'county.sqlite'));
    const made = devices.flatMap((d) => d.made.map((e) => e.id));
    expect(after.length).toBe(made.length); // nothing twice
    expect(new Set(after)).toEqual(new Set(made)); // nothing lost, nothing extra
    const serverRows = [...fresh.projection.values()].sort((a, b) => rowKey(a).localeCompare(rowKey(b)));
    for (const d of devices) {
      expect(d.refusals).toEqual([]);
      expect(d.store.violations).toEqual([]);
      const unit = d === devices[2] ? 'u-b' : 'u-a';
      expect([...d.projection.values()].sort((a, b) => rowKey(a).localeCompare(rowKey(b)))).toEqual(serverRows.filter((r) => r.unitId === unit));
    }
    expect(fresh.seenIssues.size).toBe(1);
    console.log('restore drill', JSON.stringify({ eventsInBackup: inBackup.length, eventsBeforeLoss: beforeLoss.length, afterResync: after.length, manifest: JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')).photos.length }));
  });
});
