/** The TRPCError a server-side call ends in (called in process, not over HTTP); fails the test if it succeeds. */
import { TRPCError } from '@trpc/server';

export function refusedWith(fn: () => unknown): TRPCError {
  try {
    fn();
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

export async function refusedAsync(p: Promise<unknown>): Promise<TRPCError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}
