/*
 * A real server for tests: the small county in a SQLite file in a temp directory, the app from createApp on a
 * real port, typed tRPC clients, and device tokens for the fixture's people enrolled the real way.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createTRPCClient, httpBatchLink, httpLink, TRPCClientError } from '@trpc/client';
import { createApp } from '../../server/app';
import { createHttpServer, TIMEOUTS, type Timeouts } from '../../server/httpServer';
import { fixedClock } from '../../server/clock';
import { silentLog } from '../../server/log';
import { enrolDevice, issueEnrolCode } from '../../server/domain/auth';
import type { Db } from '../../server/db/open';
import type { AppRouter } from '../../server/routers/_app';
import { instantAt } from '../../shared/calendar';
import { smallCounty } from '../server/fixtures/smallCounty';

/** Friday 27 November 2026, 10:00 in Shanghai: a working day in ISO week 2026-W48. */
export const TEST_NOW = instantAt('2026-11-27', '10:00');

export type Api = ReturnType<typeof apiClient>;

/** A typed client; `batch: false` sends one HTTP request per call (what the fault proxy wants to see). */
export function apiClient(url: string, token?: string | null, { batch = true } = {}) {
  const headers = () => (token ? { authorization: `Bearer ${token}` } : {});
  const link = batch ? httpBatchLink({ url: `${url}/trpc`, headers }) : httpLink({ url: `${url}/trpc`, headers });
  return createTRPCClient<AppRouter>({ links: [link] });
}

export async function listen(server: Server): Promise<string> {
  if (!server.listening) await new Promise((r) => server.once('listening', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

export interface CountyServer {
  url: string;
  db: Db;
  dir: string;
  file: string;
  clock: ReturnType<typeof fixedClock>;
  /** A new device token for a person (a real enrolment code, spent). */
  tokenFor(personId: string, deviceName?: string): string;
  /** Enrols a new device for the person: its token and id. */
  deviceFor(personId: string, deviceName?: string): { token: string; deviceId: string };
  close(): Promise<void>;
}

/** `county`: builds the county in the given SQLite file (the small county unless given, e.g. a county from a roster file). */
export async function startCountyServer(
  options: { now?: number; dashboardOrigin?: string; trustProxy?: string; timeouts?: Partial<Timeouts>; county?: (file: string) => Db | Promise<Db> } = {},
): Promise<CountyServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pqt-county-'));
  const file = join(dir, 'county.sqlite');
  const db = await (options.county ?? smallCounty)(file);
  const clock = fixedClock(options.now ?? TEST_NOW);
  const app = createApp({ db, clock, log: silentLog, dataDir: dir, dashboardOrigin: options.dashboardOrigin, trustProxy: options.trustProxy });
  const server = createHttpServer(app, { ...TIMEOUTS, ...options.timeouts }).listen(0, '127.0.0.1');
  const url = await listen(server);
  let devices = 0;
  const deviceFor = (personId: string, deviceName = `测试设备${++devices}`) => {
    const result = enrolDevice(db, issueEnrolCode(db, personId, clock.now()), deviceName, clock.now());
    if (!result.ok) throw new Error(`enrolment failed: ${result.reason}`);
    return { token: result.token, deviceId: result.deviceId };
  };
  return {
    url,
    db,
    dir,
    file,
    clock,
    tokenFor: (personId, deviceName) => deviceFor(personId, deviceName).token,
    deviceFor,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The refusal a call ends in; fails the test if the call succeeds. */
export async function refusal(p: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCClientError) return e;
    throw e;
  }
  throw new Error('expected the call to be refused');
}

/** 'ok' or the HTTP status a call was refused with. */
export async function outcome(p: Promise<unknown>): Promise<'ok' | number> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (e instanceof TRPCClientError) return (e.data as { httpStatus?: number } | undefined)?.httpStatus ?? -1;
    throw e;
  }
}
