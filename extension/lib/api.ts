/*
 * The one way the extension talks to the server: a typed tRPC client (types only come from the server, no
 * server code reaches the bundle) and a photo upload over the same bearer token.
 */
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from '@trpc/client';
import type { AppRouter } from '@server/routers/_app';

export type Api = ReturnType<typeof createApi>;

/**
 * The sync loop's calls go one at a time, each waiting for the one before (push, then pull page after page), so
 * there is never a companion to batch them with; the batching link would only hold each one back for its
 * gathering timer (a millisecond or more, longer than the server's work on a small pull). They go out alone
 * (`POST /trpc/sync.push`, `GET /trpc/sync.pull?input=…`); everything else is batched, as a page asks for several
 * things at once.
 */
const UNBATCHED = new Set(['sync.push', 'sync.pull']);

export function createApi(serverUrl: string, token: string | null) {
  const options = {
    url: `${serverUrl}/trpc`,
    headers: () => (token ? { authorization: `Bearer ${token}` } : {}),
  };
  return createTRPCClient<AppRouter>({
    links: [splitLink({ condition: (op) => UNBATCHED.has(op.path), true: httpLink(options), false: httpBatchLink(options) })],
  });
}

/** A message a person can act on, from whatever went wrong with a call. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError) {
    if (!error.data && /fetch|network|Failed/i.test(error.message)) return '无法连接服务器，请检查网络或服务器地址';
    return /[\u4e00-\u9fff]/.test(error.message) ? error.message : '服务器返回了错误，请稍后再试';
  }
  if (error instanceof TypeError) return '无法连接服务器，请检查网络或服务器地址';
  if (error instanceof Error && /[\u4e00-\u9fff]/.test(error.message)) return error.message;
  return '操作失败，请稍后再试';
}

export async function uploadPhoto(serverUrl: string, token: string, bytes: Blob): Promise<string> {
  const res = await fetch(`${serverUrl}/photos`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': bytes.type || 'application/octet-stream' },
    body: bytes,
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; error?: { message?: string } };
  if (!res.ok || !body.id) throw new HttpError(res.status, body.error?.message ?? '照片上传失败');
  return body.id;
}

/** A photo's bytes by id; the server answers only if this device's holder may see it. */
export async function downloadPhoto(serverUrl: string, token: string, id: string): Promise<Blob> {
  const res = await fetch(`${serverUrl}/photos/${id}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new HttpError(res.status, body.error?.message ?? '照片加载失败');
  }
  return res.blob();
}

/** A refused plain HTTP call (the photo routes), with its status so callers can tell a refusal from an outage. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The HTTP status of a failed call, or undefined when no answer came (network down, server unreachable). */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof HttpError) return error.status;
  if (error instanceof TRPCClientError) return (error.data as { httpStatus?: number } | undefined)?.httpStatus;
  return undefined;
}
