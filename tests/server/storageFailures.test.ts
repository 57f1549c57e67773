/*
 * The data directory on a small file system that fills up, and on one that turns read-only under the server
 * (ext4 with errors=remount-ro after a file-system error). The real server (a child process) answers writes
 * with 503 and a Chinese message, stays up and keeps serving reads, loses nothing it acknowledged, and takes
 * writes again once there is space (or, for the read-only disk, once it is repaired and the server restarted);
 * the device keeps its outbox meanwhile. Mounting needs root (CI runs as root): without it the tests are
 * skipped with the reason printed, never passed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dateKeyOf } from '../../shared/calendar';
import { STORAGE_MESSAGES } from '../../server/storageFailure';
import { PEOPLE } from './fixtures/smallCounty';
import { SimulatedDevice } from '../support/simulatedDevice';
import { freePort, killHard, smallCountyFile, startChildServer, type ChildServer } from '../support/childServer';

const root = mkdtempSync(join(tmpdir(), 'pqt-storage-'));
const run = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { stdio: 'pipe' }).toString();

/** Why this machine cannot mount a small file system for the test, or null when it can. */
function cannotMount(kind: 'tmpfs' | 'ext4 loop'): string | null {
  const probe = mkdtempSync(join(root, 'probe-'));
  const image = join(root, 'probe.img');
  try {
    if (kind === 'tmpfs') run('mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe);
    else {
      run('truncate', '-s', '4M', image);
      run('mkfs.ext4', '-q', '-F', image);
      run('mount', '-o', 'loop', image, probe);
    }
    run('umount', probe);
    return null;
  } catch (error) {
    return `${kind} mount not permitted here (${String((error as { stderr?: Buffer }).stderr ?? error).trim().split('\n')[0]}); needs root`;
  } finally {
    rmSync(image, { force: true });
  }
}

const tmpfsProblem = cannotMount('tmpfs');
const loopProblem = cannotMount('ext4 loop');
if (tmpfsProblem) console.log(`SKIPPED full-disk test: ${tmpfsProblem}`);
if (loopProblem) console.log(`SKIPPED read-only test: ${loopProblem}`);

const mounted: string[] = [];
const servers: ChildServer[] = [];
afterAll(async () => {
  for (const server of servers) await killHard(server.process);
  for (const dir of mounted.reverse()) {
    try {
      run('umount', dir);
    } catch {
      // already unmounted by the test
    }
  }
  rmSync(root, { recursive: true, force: true });
});

/** A device making today's ticks of 垃圾桶清理 for 县教育局. */
function ticks(device: SimulatedDevice, n: number) {
  for (let i = 0; i < n; i++) device.record({ unitId: 'u-a', clientTime: Date.now(), kind: i % 2 ? 'duty.unchecked' : 'duty.checked', payload: { dutyId: 'd-bins', periodKey: dateKeyOf(Date.now()) } });
}

/** The ledger's ids, read by a fresh read-only connection after an integrity check. */
function ledgerOf(file: string): { integrity: unknown; ids: string[] } {
  const raw = new Database(file, { readonly: true });
  try {
    return { integrity: raw.pragma('integrity_check', { simple: true }), ids: raw.prepare('select id from events').pluck().all() as string[] };
  } finally {
    raw.close();
  }
}

/** Writes until the file system says it is full; returns the filler's path. */
function fill(dir: string): string {
  const path = join(dir, 'filler');
  const fd = openSync(path, 'w');
  try {
    for (const size of [1 << 16, 4096, 512, 1]) {
      const block = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

async function serve(dir: string, port: number): Promise<ChildServer> {
  const server = await startChildServer(dir, port);
  servers.push(server);
  return server;
}

/** Syncs until the outbox is empty and a pull got to the end; false if it never does. */
async function drain(device: SimulatedDevice): Promise<boolean> {
  for (let i = 0; i < 50; i++) if (await device.sync()) return true;
  return false;
}

async function expectServing(server: ChildServer, device: SimulatedDevice) {
  expect(server.process.exitCode).toBeNull();
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  expect(await device.pull()).toBe(true); // reads go on
}

describe.skipIf(tmpfsProblem !== null)('a full disk', () => {
  it('refuses writes with 503, stays up, loses nothing acknowledged, and takes writes again once space is freed', { timeout: 120_000 }, async () => {
    const dir = join(root, 'full');
    mkdirSync(dir);
    run('mount', '-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir);
    mounted.push(dir);
    const file = join(dir, 'county.sqlite');
    const [token] = smallCountyFile(file, [PEOPLE.staffA.id]);
    const child = await serve(dir, await freePort());
    const device = new SimulatedDevice({ name: 'office', url: child.url, token, personId: PEOPLE.staffA.id, batch: 20 });
    ticks(device, 40);
    expect(await drain(device)).toBe(true);
    const filler = fill(dir);

    // Until the write-ahead log has no room left: then every write is a 503 saying the disk is full.
    let pushes = 0;
    for (; pushes < 300; pushes++) {
      ticks(device, 20);
      if (!(await device.push())) break;
    }
    expect(pushes).toBeLessThan(300);
    expect(device.lastFailure).toEqual({ status: 503, message: STORAGE_MESSAGES.full });
    const waiting = device.outbox.length;
    expect(waiting).toBeGreaterThan(0);
    expect(await device.push()).toBe(false);
    expect(device.outbox.length).toBe(waiting); // the device keeps its outbox
    const photo = await fetch(`${child.url}/photos`, { method: 'POST', body: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(200_000, 7)]), headers: { authorization: `Bearer ${token}` } });
    expect([photo.status, await photo.json()]).toEqual([503, { error: { message: STORAGE_MESSAGES.full } }]);
    const photosDir = join(dir, 'photos');
    expect(existsSync(photosDir) ? readdirSync(photosDir, { recursive: true }).filter((f) => String(f).includes('.partial')) : []).toEqual([]);
    await expectServing(child, device);
    const whileFull = ledgerOf(file);
    expect(whileFull.integrity).toBe('ok');
    expect([...device.store.acked].filter((id) => !whileFull.ids.includes(id))).toEqual([]);

    rmSync(filler);
    expect(await drain(device)).toBe(true);
    const after = ledgerOf(file);
    expect(after.integrity).toBe('ok');
    expect(after.ids.length).toBe(device.made.length);
    expect(new Set(after.ids)).toEqual(new Set(device.made.map((e) => e.id)));
    expect(device.refusals).toEqual([]);
    console.log('full disk', JSON.stringify({ pushesBeforeFull: pushes, heldInOutbox: waiting, stored: after.ids.length }));
    await killHard(child.process);
  });
});

describe.skipIf(loopProblem !== null)('a database that turns read-only', () => {
  it('refuses writes with 503, keeps serving reads, and after repair and restart takes the outbox with nothing lost', { timeout: 120_000 }, async () => {
    const dir = join(root, 'ro');
    const image = join(root, 'ro.img');
    mkdirSync(dir);
    run('truncate', '-s', '16M', image);
    run('mkfs.ext4', '-q', '-F', image);
    run('mount', '-o', 'loop,errors=remount-ro', image, dir);
    mounted.push(dir);
    const file = join(dir, 'county.sqlite');
    const [token] = smallCountyFile(file, [PEOPLE.staffA.id]);
    const port = await freePort();
    let child = await serve(dir, port);
    const device = new SimulatedDevice({ name: 'office', url: child.url, token, personId: PEOPLE.staffA.id, batch: 20 });
    ticks(device, 40);
    expect(await drain(device)).toBe(true);
    const acked = [...device.store.acked];

    // A file-system error: ext4 turns the whole file system read-only under the running server.
    const loop = run('findmnt', '-n', '-o', 'SOURCE', dir).trim().replace('/dev/', '');
    run('sh', '-c', `echo 片区通测试 > /sys/fs/ext4/${loop}/trigger_fs_error`);
    expect(run('findmnt', '-n', '-o', 'OPTIONS', dir)).toMatch(/\bro\b|emergency_ro/);
    ticks(device, 20);
    expect(await device.push()).toBe(false);
    expect(device.lastFailure).toEqual({ status: 503, message: STORAGE_MESSAGES.unwritable });
    expect(device.outbox.length).toBe(20);
    await expectServing(child, device);

    // The administrator's repair: stop the server, check the file system, mount it again, start the server.
    await killHard(child.process);
    run('umount', dir);
    try {
      run('e2fsck', '-fy', image);
    } catch {
      // exit 1: errors were corrected, which is what a file system marked with an error expects
    }
    run('mount', '-o', 'loop,errors=remount-ro', image, dir);
    child = await serve(dir, port);
    expect(await drain(device)).toBe(true);
    const after = ledgerOf(file);
    expect(after.integrity).toBe('ok');
    expect(acked.filter((id) => !after.ids.includes(id))).toEqual([]);
    expect(after.ids.length).toBe(device.made.length);
    expect(new Set(after.ids)).toEqual(new Set(device.made.map((e) => e.id)));
    await killHard(child.process);
  });
});
