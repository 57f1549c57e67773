/**
 * The first read: the one the page's classic script (entrypoints/panel-read.ts) started while the HTML was parsing,
 * or, where that script did not run (a test mounting the panel directly), one started now.
 */
import { firstRead, type FirstRead } from '../../lib/firstRead';
import { OPENING_READ } from './openingReadKey';

const started = (globalThis as Record<string, unknown>)[OPENING_READ] as Promise<FirstRead | undefined> | undefined;
export const openingRead: Promise<FirstRead | undefined> = started ?? firstRead().catch(() => undefined);
