/*
 * The shared end-to-end harness: the real server as a child process (`tsx server/main.ts`) on a temp data
 * directory and a free port, enrolment codes written straight into its SQLite file, and the built extension
 * (.output/chrome-mv3, built by `npm test` / `npm run test:e2e` before vitest runs) in real headless Chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { openDb, type Db } from '../../server/db/open';
import { issueEnrolCode } from '../../server/domain/auth';
import { freePort } from '../support/childServer';
import { CHROMIUM_PATH } from '../support/chromium';
import { dbFileOf } from '../../server/dataFile';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');
export const OUTPUT_DIR = resolve('test-output');

const SERVER_ENTRY = 'server/main.ts';

export { dbFileOf };

/** Opens the server's SQLite file from the test (WAL mode: safe beside the running server); close it after. */
export function openServerDb(dataDir: string): Db {
  return openDb(dbFileOf(dataDir));
}

export interface StartedServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill(): Promise<void>;
}

/**
 * Starts the server and resolves once GET /healthz answers. Without `dataDir` a fresh temp directory is made
 * (empty county unless `seedDemo`); pass the same dataDir and port to restart a stopped server where it was.
 */
export async function startServer(opts: { dataDir?: string; port?: number; seedDemo?: boolean; env?: Record<string, string> } = {}): Promise<StartedServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'pqt-e2e-data-'));
  const port = opts.port ?? (await freePort());
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: opts.seedDemo ? '1' : '0', LOG_LEVEL: 'warn', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b) => (output += b));
  child.stderr!.on('data', (b) => (output += b));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const end = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`服务器启动失败（退出码 ${child.exitCode}）：\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 400) {
      await end('SIGKILL');
      throw new Error(`服务器20秒内没有响应 /healthz：\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url, port, dataDir, output: () => output, stop: () => end('SIGTERM'), kill: () => end('SIGKILL') };
}

/** A one-time enrolment code for a person, written into the server's SQLite file. */
export function issueCode(dataDir: string, personId: string): string {
  const db = openServerDb(dataDir);
  try {
    return issueEnrolCode(db, personId, Date.now());
  } finally {
    db.$client.close();
  }
}

/** Chrome's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits mapped 0-f → a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface LaunchedExtension {
  context: BrowserContext;
  extensionId: string;
  profileDir: string;
  /** The extension's background service worker (for `evaluate` on chrome.* APIs). */
  serviceWorker: Worker;
  /** Opens chrome-extension://<id>/<path> in a new tab. */
  openPage(path: string): Promise<Page>;
  /** Closes the browser; the profile directory stays (pass it to launchExtension again to reopen it). */
  close(): Promise<void>;
}

/** Real headless Chromium with the built extension, on a given (or new temp) profile directory. */
/** `extensionDir`: a private copy of the build, for a test that must not see another build rewrite .output. */
/** `locale`: the browser's language (zh-CN unless a test wants to see the product in an English Chromium). */
export async function launchExtension(profileDir?: string, extensionDir = EXTENSION_DIR, { locale = 'zh-CN' } = {}): Promise<LaunchedExtension> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error('先运行 npx wxt build 构建扩展（.output/chrome-mv3）');
  const profile = profileDir ?? mkdtempSync(join(tmpdir(), 'pqt-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale,
    viewport: { width: 380, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const extensionId = unpackedExtensionId(extensionDir);
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().startsWith(`chrome-extension://${extensionId}/`), timeout: 15_000 }));
  return {
    context,
    extensionId,
    profileDir: profile,
    serviceWorker,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    close: () => context.close(),
  };
}

const BUILT = ['manifest.json', 'dashboard.html', 'options.html', 'background.js'];

/**
 * A private copy of the built extension: other suites running beside this one rebuild .output while it runs.
 * Copied once every page it needs is there (a build in progress has not written them all yet).
 */
export async function copyOfBuild(): Promise<string> {
  for (let i = 0; i < 120; i++) {
    if (BUILT.every((f) => existsSync(join(EXTENSION_DIR, f)))) {
      const dir = mkdtempSync(join(tmpdir(), 'pqt-e2e-ext-'));
      try {
        cpSync(EXTENSION_DIR, dir, { recursive: true });
        if (BUILT.every((f) => existsSync(join(dir, f)))) return dir;
      } catch {
        // the build was being rewritten under the copy: try again
      }
      removeDir(dir);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('先运行 npx wxt build 构建扩展（.output/chrome-mv3）');
}

/** Closes each browser and removes its profile. */
export async function closeBrowsers(browsers: readonly LaunchedExtension[]): Promise<void> {
  for (const b of browsers) {
    await b.close();
    removeDir(b.profileDir);
  }
}

/** Drives the options page: server address + code → 登记; resolves once it shows who is enrolled. */
export async function enrol(page: Page, serverUrl: string, code: string): Promise<string> {
  await page.getByTestId('server-url').fill(serverUrl);
  await page.getByTestId('enrol-code').fill(code);
  await page.getByTestId('enrol-submit').click();
  const who = page.getByTestId('enrolled-as');
  await who.waitFor({ state: 'visible', timeout: 15_000 });
  return (await who.textContent()) ?? '';
}

/** A full-page screenshot into test-output/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const path = join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A real PNG of one colour, so the browser can decode (and downscale) it like a photo. */
export function solidPng(width: number, height: number, [r, g, b]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [r, g, b]).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}
