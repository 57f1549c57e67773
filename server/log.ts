import { pino, type Logger } from 'pino';

export type Log = Logger;

export function createLog(level = process.env.LOG_LEVEL ?? 'info'): Log {
  return pino({ level, base: { app: 'pianqutong' } });
}

/** For tests: a logger that writes nothing. */
export const silentLog: Log = pino({ level: 'silent' });
