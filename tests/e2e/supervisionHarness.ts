/*
 * What the supervision e2e test needs, written before the shared tests/e2e/harness.ts existed: a real server in
 * process (the small county in a SQLite file, the real clock, createApp on port 0), real enrolment over HTTP,
 * and the built extension in real Chromium. The extension id of an unpacked extension is derived from its
 * path, so it is known even when the build has no service worker to read it from.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createApp } from '../../server/app';
import { systemClock } from '../../server/clock';
import { silentLog } from '../../server/log';
import { issueEnrolCode } from '../../server/domain/auth';
import type { Db } from '../../server/db/open';
import { apiClient, listen } from '../support/countyServer';
import { smallCounty } from '../server/fixtures/smallCounty';

// E2E_EXTENSION_DIR: another unpacked build to load (e.g. a patched copy while debugging).
export const EXTENSION_DIR = resolve(process.env.E2E_EXTENSION_DIR ?? '.output/chrome-mv3');
export const OUTPUT_DIR = resolve('test-output');

export interface LiveServer {
  url: string;
  db: Db;
  dir: string;
  /** Enrols a device for `personId` the real way (a one-time code exchanged over HTTP). */
  enrol(personId: string): Promise<{ token: string; enrolment: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startLiveServer(): Promise<LiveServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-e2e-supervision-'));
  const db = smallCounty(join(dir, 'county.sqlite'));
  const server = createApp({ db, clock: systemClock, log: silentLog, dataDir: dir }).listen(0, '127.0.0.1');
  const url = await listen(server);
  return {
    url,
    db,
    dir,
    async enrol(personId) {
      const code = issueEnrolCode(db, personId, Date.now());
      const { token, me } = await apiClient(url).auth.enrol.mutate({ code, deviceName: 'e2e 浏览器' });
      return { token, enrolment: { serverUrl: url, token, personId: me.personId, name: me.name, role: me.role, deviceId: me.deviceId, unit: me.unit } };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chrome's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits mapped 0-f → a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

export interface LiveExtension {
  context: BrowserContext;
  extensionId: string;
  openPage(path: string): Promise<Page>;
  close(): Promise<void>;
}

export async function launchExtension(): Promise<LiveExtension> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('先运行 npx wxt build 构建扩展（.output/chrome-mv3）');
  const profile = mkdtempSync(join(tmpdir(), 'pqt-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--lang=zh-CN',
    ],
  });
  const extensionId = unpackedExtensionId(EXTENSION_DIR);
  return {
    context,
    extensionId,
    async openPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Puts an enrolment into the extension's storage (the key enrolmentItem uses) from one of its pages. */
export async function storeEnrolment(page: Page, enrolment: Record<string, unknown>): Promise<void> {
  // Runs in the extension page, where `chrome` exists; typed here by hand because the test runs in Node.
  type ExtensionGlobal = { chrome: { storage: { local: { set(items: object): Promise<void> } } } };
  await page.evaluate((e) => (globalThis as unknown as ExtensionGlobal).chrome.storage.local.set({ enrolment: e }), enrolment);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  await page.screenshot({ path: join(OUTPUT_DIR, `${name}.png`), fullPage: true });
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
