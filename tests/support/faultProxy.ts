/*
 * An HTTP proxy between simulated devices and a real server that misbehaves the way mobile and office networks
 * do: it drops requests, drops responses after the server has acted, delivers a request late (after the client
 * gave up and retried, so old pushes arrive after new ones), duplicates requests, and delays both ways.
 *
 * The schedule is seeded per device (the `x-sim-device` header), so a failing seed replays the same faults in the
 * same order for each device whatever the interleaving of devices.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { mulberry32, type Rng } from '../../server/seed/random';
import { listen } from './countyServer';

export interface FaultPlan {
  dropRequest: number;
  dropResponse: number;
  lateRequest: number;
  duplicate: number;
  maxDelayMs: number;
}

export const NASTY: FaultPlan = { dropRequest: 0.12, dropResponse: 0.12, lateRequest: 0.08, duplicate: 0.12, maxDelayMs: 5 };

export interface FaultStats {
  requests: number;
  droppedRequests: number;
  droppedResponses: number;
  lateRequests: number;
  duplicated: number;
  /** Requests held back on their way in or out (by up to maxDelayMs). */
  delayed: number;
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function hashName(name: string): number {
  let h = 2166136261;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Which device sent a request: the `x-sim-device` header unless the caller knows better (a token it issued). */
export type DeviceOf = (req: IncomingMessage) => string;
const byHeader: DeviceOf = (req) => String(req.headers['x-sim-device'] ?? 'anonymous');

export async function startFaultProxy(target: string, seed: number, plan: FaultPlan = NASTY, deviceOf: DeviceOf = byHeader) {
  const upstream = new URL(target);
  const rngs = new Map<string, Rng>();
  const rngFor = (device: string) => {
    let rng = rngs.get(device);
    if (!rng) rngs.set(device, (rng = mulberry32(seed ^ hashName(device))));
    return rng;
  };
  const stats: FaultStats = { requests: 0, droppedRequests: 0, droppedResponses: 0, lateRequests: 0, duplicated: 0, delayed: 0 };
  const pending = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p)).catch(() => {});
    return p;
  };

  const forward = (req: IncomingMessage, body: Buffer) =>
    new Promise<Upstream>((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });

  const cut = (res: ServerResponse) => res.socket?.destroy();

  const server = createServer(async (req, res) => {
    stats.requests++;
    const rng = rngFor(deviceOf(req));
    // Draw every decision up front so each device's schedule depends only on its own request count.
    const roll = { drop: rng.next(), dropRes: rng.next(), late: rng.next(), dup: rng.next() };
    const delays = [rng.int(0, plan.maxDelayMs), rng.int(0, plan.maxDelayMs), rng.int(plan.maxDelayMs, 4 * plan.maxDelayMs)];
    const body = await readBody(req);
    if (roll.drop < plan.dropRequest) {
      stats.droppedRequests++;
      return cut(res);
    }
    if (roll.late < plan.lateRequest) {
      // The client sees a failure now; the server gets the request later, after newer ones.
      stats.lateRequests++;
      cut(res);
      track(sleep(delays[2]).then(() => forward(req, body)));
      return;
    }
    if (delays[0] + delays[1] > 0) stats.delayed++;
    await sleep(delays[0]);
    if (roll.dup < plan.duplicate) {
      stats.duplicated++;
      track(sleep(delays[1]).then(() => forward(req, body)));
    }
    let answer: Upstream;
    try {
      answer = await track(forward(req, body));
    } catch {
      return cut(res);
    }
    if (roll.dropRes < plan.dropResponse) {
      stats.droppedResponses++;
      return cut(res);
    }
    await sleep(delays[1]);
    const headers = { ...answer.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(answer.body.length);
    res.writeHead(answer.status, headers);
    res.end(answer.body);
  });
  server.listen(0, '127.0.0.1');
  const url = await listen(server);
  return {
    url,
    stats,
    /** Waits until every late or duplicated request has reached the server. */
    async idle() {
      while (pending.size) await Promise.allSettled([...pending]);
    },
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
