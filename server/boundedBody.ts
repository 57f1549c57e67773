/*
 * The one reader of request bodies. A body is judged before a byte of it is read: a declared length over the
 * route's limit is a 413, a type the route does not take is a 415 (tRPC would otherwise read multipart and
 * octet-stream bodies itself, whole). A body without a declared length (chunked) is counted as it streams and
 * refused the moment it passes the limit; the rest is never read (body-parser would read it all before
 * answering, so a client streaming forever held the request open). After a refusal the connection is closed.
 */
import type { NextFunction, Request, Response } from 'express';

export interface BodyRule {
  /** The most bytes a body may have. */
  limit: number;
  /** 'json': parsed into req.body (the types tRPC reads); 'raw': the bytes as a Buffer, any declared type. */
  as: 'json' | 'raw';
  /** The 413 message. */
  tooLarge?: string;
}

export const TOO_LARGE = '提交的内容过大';
export const JSON_ONLY = '接口只接受 JSON（Content-Type: application/json）';
/**
 * Once the answer is out, the client has this long to read it before its unread upload is cut off (closing a
 * socket with unread data sends a reset, and a reset can discard an answer the client has not read yet).
 */
const LINGER_MS = 10_000;

/** Answers a refusal in the house shape and closes the connection instead of draining an unread body. */
export function refuseRequest(req: Request, res: Response, status: number, message: string): void {
  res.setHeader('Connection', 'close');
  res.once('finish', () => setTimeout(() => req.socket.destroy(), LINGER_MS).unref());
  res.status(status).json({ error: { message } });
}

export function boundedBody(rule: BodyRule) {
  const tooLarge = rule.tooLarge ?? TOO_LARGE;
  return async (req: Request, res: Response, next: NextFunction) => {
    if (Number(req.headers['content-length']) > rule.limit) return refuseRequest(req, res, 413, tooLarge);
    if (!hasBody(req)) {
      // A bare POST (a procedure without input, e.g. auth.signOut): no input, whatever its declared type.
      if (rule.as === 'json') req.headers['content-type'] = 'application/json';
      return next();
    }
    if (rule.as === 'json' && !req.is('application/json')) return refuseRequest(req, res, 415, JSON_ONLY);
    const bytes = await readUpTo(req, rule.limit);
    if (bytes === 'too large') return refuseRequest(req, res, 413, tooLarge);
    if (bytes === 'aborted') return;
    if (rule.as === 'raw') {
      req.body = bytes;
      return next();
    }
    try {
      req.body = bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
    } catch {
      return refuseRequest(req, res, 400, '请求格式不正确：不是有效的 JSON');
    }
    next();
  };
}

/** Whether a body follows the headers (the test body-parser makes). */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number.parseInt(req.headers['content-length'] ?? '', 10);
  return Number.isFinite(length) && length > 0;
}

/** The body's bytes, counted as they arrive; reading stops at the first byte past `limit`. */
function readUpTo(req: Request, limit: number): Promise<Buffer | 'too large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (result: Buffer | 'too large' | 'aborted') => {
      req.off('data', onData).off('end', onEnd).off('error', onAbort).off('aborted', onAbort);
      if (result === 'too large') req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return settle('too large');
      chunks.push(chunk);
    };
    const onEnd = () => settle(Buffer.concat(chunks, size));
    const onAbort = () => settle('aborted');
    req.on('data', onData).on('end', onEnd).on('error', onAbort).on('aborted', onAbort);
  });
}
