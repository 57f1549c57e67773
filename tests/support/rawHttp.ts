/*
 * HTTP spoken by hand over a real socket (node:net), for what a well-behaved client never sends: a declared
 * length it never delivers, a body dripped a byte at a time, a header block that never ends, 200 MB of anything.
 */
import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  /** The JSON body, or null when the body is not JSON. */
  json: unknown;
  /** Body bytes the client had written when the answer arrived (or the socket closed). */
  bytesSentBefore: number;
  raw: string;
}

export function openSocket(url: string): Promise<Socket> {
  const { port, hostname } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Parses one HTTP/1.1 answer out of what a socket received. */
export function parseAnswer(raw: string): { status: number; json: unknown } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1] ?? 0);
  const headEnd = raw.indexOf('\r\n\r\n');
  let body = raw.slice(headEnd + 4);
  if (/transfer-encoding: chunked/i.test(raw.slice(0, headEnd))) body = body.replace(/(^|\r\n)[0-9a-f]+\r\n/gi, '');
  try {
    return { status, json: JSON.parse(body) };
  } catch {
    return { status, json: null };
  }
}

/**
 * Sends `head`, then body chunks from `nextChunk` (null: done) as fast as the server takes them, stopping as
 * soon as an answer arrives or the socket closes. Resolves with the answer and how much body was sent first.
 */
export async function rawRequest(url: string, head: string, nextChunk: () => Buffer | null = () => null): Promise<RawAnswer> {
  const socket = await openSocket(url);
  return new Promise((resolve) => {
    let raw = '';
    let sent = 0;
    let answered = false;
    const finish = () => {
      if (answered) return;
      answered = true;
      socket.destroy();
      resolve({ ...parseAnswer(raw), bytesSentBefore: sent, raw });
    };
    socket.on('data', (d) => {
      raw += d.toString('utf8');
      // One whole answer: headers and a body of the declared length.
      const length = /content-length: (\d+)/i.exec(raw)?.[1];
      const headEnd = raw.indexOf('\r\n\r\n');
      if (headEnd >= 0 && length !== undefined && Buffer.byteLength(raw.slice(headEnd + 4)) >= Number(length)) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    const pump = () => {
      for (;;) {
        if (answered || socket.destroyed) return;
        const chunk = nextChunk();
        if (!chunk) return;
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.write(head, pump);
  });
}

/** A header block for a request with the given extra header lines (one request a connection unless told). */
export function requestHead(method: string, path: string, headers: Record<string, string | number> = {}): string {
  const lines = Object.entries({ connection: 'close', ...headers }).map(([k, v]) => `${k}: ${v}`);
  return [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...lines, '', ''].join('\r\n');
}

/** Chunks of zeros adding up to `total` bytes, `size` at a time; with `chunked`, in transfer-encoding frames. */
export function zeros(total: number, size = 1 << 20, chunked = false): () => Buffer | null {
  let left = total;
  const block = Buffer.alloc(size);
  const frame = Buffer.concat([Buffer.from(`${size.toString(16)}\r\n`), block, Buffer.from('\r\n')]);
  return () => {
    if (left <= 0) return null;
    left -= size;
    return chunked ? frame : block;
  };
}
