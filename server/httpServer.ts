/*
 * The HTTP server around the app: timeouts for slow or idle clients, and Node's own refusals (a header or URL
 * too large, a malformed request, a client too slow to send its request) answered in the house shape, a Chinese
 * JSON message, instead of Node's bare status line.
 */
import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Express } from 'express';

export interface Timeouts {
  /** The whole header block must arrive within this (a slow-drip client is cut off). */
  headersTimeout: number;
  /** The whole request, body included (the largest is a 2 MB photo on a slow mobile link). */
  requestTimeout: number;
  /**
   * How long an idle connection stays open between requests. Clients (the extension, the bench) keep
   * connections alive between syncs; Node's default 5 s idle close races a request sent on a connection just as
   * it is closed ("fetch failed"). Longer than any client's own keep-alive, as behind a load balancer. Node
   * measures the two timeouts above only while a request is arriving, so they never cut an idle connection.
   */
  keepAliveTimeout: number;
  /** How often Node looks for connections past the two request timeouts. */
  connectionsCheckingInterval: number;
}

export const TIMEOUTS: Timeouts = { headersTimeout: 20_000, requestTimeout: 120_000, keepAliveTimeout: 65_000, connectionsCheckingInterval: 5_000 };

/** Node's client errors by code: the status and what to tell the person. */
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, '请求头或网址过长'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, '请求发送超时，请检查网络后重试'],
  HPE_HEADERS_TIMEOUT: [408, '请求发送超时，请检查网络后重试'],
};
const REASONS: Record<number, string> = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' };

/** What Node writes on a socket it refuses before the app sees a request. */
export function clientErrorAnswer(code: string | undefined): string {
  const [status, message] = (code && CLIENT_ERRORS[code]) || [400, '请求格式不正确'];
  const body = JSON.stringify({ error: { message } });
  return [
    `HTTP/1.1 ${status} ${REASONS[status]}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

export function createHttpServer(app: Express, timeouts: Timeouts = TIMEOUTS): Server {
  const server = createServer({ connectionsCheckingInterval: timeouts.connectionsCheckingInterval, headersTimeout: timeouts.headersTimeout, requestTimeout: timeouts.requestTimeout }, app);
  server.keepAliveTimeout = timeouts.keepAliveTimeout;
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // Answer only where no answer has begun on this socket: the check Node's own handler makes.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent: boolean } | null })._httpMessage;
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorAnswer(err.code), () => socket.destroy());
  });
  return server;
}
