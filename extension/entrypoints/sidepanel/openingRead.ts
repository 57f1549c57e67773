/** The first read, started the moment this module runs (main.tsx imports it before anything heavier). */
import { firstRead, type FirstRead } from '../../lib/firstRead';

export const openingRead: Promise<FirstRead | undefined> = firstRead().catch(() => undefined);
