/*
 * The calls made most often — a device's sync.push and sync.pull, the dashboard's report.completion — when sent
 * alone (not batched), served without tRPC's fetch adapter. For each call the adapter builds a Web Request, a Web
 * Response and streams the answer through a web ReadableStream into Node's response; on a small pull that costs
 * more than the procedure itself (npm run bench measured the pull at about 1.5x a bare Express handler through the
 * adapter, 1.2x through this path).
 *
 * Nothing about the call changes: the procedure runs through the router's own caller, so every middleware (token,
 * role, storage failure), the zod input parsing and the procedure itself run as through the adapter; errors go
 * through the router's one error formatter (server/trpc.ts) and the same onError hook; the answer has the
 * adapter's status, headers and body (`{"result":{"data":…}}` or `{"error":…}`). Anything else — a batch, another
 * method, HEAD, unparseable input, a streaming accept header, another procedure — is left to the adapter, which
 * answers it exactly as before. tests/server/directCalls.test.ts compares the two answer by answer.
 */
import type { NextFunction, Request, Response } from 'express';
import { getHTTPStatusCode } from '@trpc/server/http';
// The error shape must be the adapter's: tRPC's own builder, which runs the router's error formatter.
import { getErrorShape, getTRPCErrorFromUnknown, type TRPCError } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from './routers/_app';
import { createCallerFactory } from './trpc';
import type { Context } from './context';

/** Procedure path → the method the adapter takes it by (queries GET, mutations POST). */
const DIRECT: ReadonlyMap<string, { method: 'GET' | 'POST'; type: 'query' | 'mutation' }> = new Map([
  ['sync.push', { method: 'POST', type: 'mutation' }],
  ['sync.pull', { method: 'GET', type: 'query' }],
  ['report.completion', { method: 'GET', type: 'query' }],
] as const);

export type CallErrorHook = (opts: { error: TRPCError; path: string | undefined }) => void;

const createCaller = createCallerFactory(appRouter);

const UNREADABLE = Symbol('unreadable');

/** The input as the adapter reads it (the body boundedBody parsed, or `?input=`), or UNREADABLE (then the adapter answers). */
function rawInput(req: Request, method: 'GET' | 'POST'): unknown {
  if (method === 'POST') return req.body;
  const input = req.query.input;
  if (input === undefined) return undefined;
  if (typeof input !== 'string') return UNREADABLE;
  try {
    return JSON.parse(input);
  } catch {
    return UNREADABLE;
  }
}

/** Express middleware for the '/trpc' mount, after the body has been read: serves the calls above, passes on the rest. */
export function directCalls(createContext: (req: Request) => Context, onError: CallErrorHook) {
  const config = appRouter._def._config;
  return async (req: Request, res: Response, next: NextFunction) => {
    const path = req.path.slice(1);
    const call = DIRECT.get(path);
    // A streaming or batched call, or one by another method (the adapter's 405), is the adapter's.
    if (!call || req.method !== call.method || req.query.batch !== undefined || req.headers['trpc-accept'] !== undefined) return next();
    const input = rawInput(req, call.method);
    if (input === UNREADABLE) return next();

    const caller = createCaller(() => createContext(req), { onError: ({ error }) => onError({ error, path }) });
    const procedure = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
    let body: { result: { data: unknown } } | { error: ReturnType<typeof getErrorShape> };
    let errors: TRPCError[] = [];
    try {
      body = { result: { data: await procedure(input) } };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      errors = [error];
      body = { error: getErrorShape({ config, error, type: call.type, path, input, ctx: undefined }) };
    }
    res.statusCode = getHTTPStatusCode(body, errors);
    res.setHeader('vary', 'trpc-accept, accept');
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
}
