/** The real server in a child process on the bench's county file, so its CPU is not the load generator's. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

// server/main.ts is the real entry; it imports the demo seed, which may not have landed yet.
const ENTRY = 'server/main.ts';

export interface ServerProcess {
  url: string;
  entry: string;
  /** The end of what the server wrote to stderr, and whether it is still running: for a failure message. */
  diagnosis(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  return port;
}

/**
 * `port`: a fixed one, to bring a stopped server back where its clients expect it; `entry`: another server on the
 * same file (bench/bareServer.ts, the baseline of the HTTP figures).
 */
export async function startServer(dataDir: string, port?: number, entry = ENTRY): Promise<ServerProcess & { port: number }> {
  port ??= await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (b) => (stderr += b));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 400; i++) {
    if (child.exitCode !== null) throw new Error(`服务器进程退出（${child.exitCode}）：\n${stderr}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    port,
    entry,
    diagnosis: () =>
      `服务器进程${child.exitCode === null && child.signalCode === null ? '仍在运行' : `已退出（${child.exitCode ?? child.signalCode}）`}；stderr 末尾：\n${stderr.slice(-2000) || '（无）'}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
