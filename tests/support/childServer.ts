/** The real server as a child process (`tsx server/main.ts`) on a given data directory and port. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { enrolDevice, issueEnrolCode } from '../../server/domain/auth';
import { smallCounty } from '../server/fixtures/smallCounty';

// node --import tsx rather than npx tsx: the server is then this child itself, so SIGKILL reaches it, not a wrapper.
const ENTRY = 'server/main.ts';

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

export interface ChildServer {
  process: ChildProcess;
  url: string;
  /** Everything it wrote, for a failure message. */
  output: () => string;
}

/** Starts the server without waiting for it (to kill it while it is still seeding, say). */
export function spawnChildServer(dataDir: string, port: number, seedDemo = false): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: seedDemo ? '1' : '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  return { child, output: () => output };
}

/** Starts the server and resolves once it answers /healthz. */
export async function startChildServer(dataDir: string, port: number, seedDemo = false): Promise<ChildServer> {
  const { child, output: read } = spawnChildServer(dataDir, port, seedDemo);
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${read()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, output: read };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${read()}`);
}

export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** The small county written to `file` for a child server, with a device token for each person named (in order). */
export function smallCountyFile(file: string, personIds: string[], now = Date.now()): string[] {
  const db = smallCounty(file);
  try {
    return personIds.map((personId, i) => {
      const r = enrolDevice(db, issueEnrolCode(db, personId, now), `测试设备${i + 1}`, now);
      if (!r.ok) throw new Error(r.reason);
      return r.token;
    });
  } finally {
    db.$client.close();
  }
}

/** A process's resident memory now and at its peak, in bytes (Linux /proc). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

/** Runs the admin CLI on a data directory; its exit code and everything it printed (killed after `timeoutMs`). */
export function runAdmin(args: string[], dataDir: string, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const cli = spawn(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', ...args], { env: { ...process.env, DATA_DIR: dataDir } });
    let output = '';
    cli.stdout.on('data', (b) => (output += b));
    cli.stderr.on('data', (b) => (output += b));
    const timer = setTimeout(() => cli.kill('SIGKILL'), timeoutMs);
    cli.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
