/*
 * The side panel's first read, as a classic script the panel's HTML runs while it is still parsing: the read of
 * extension storage and IndexedDB (lib/firstRead.ts) is then under way while the browser fetches and compiles the
 * panel's modules, instead of starting only once they have all loaded. main.tsx picks up the promise it leaves.
 */
import { firstRead } from '../lib/firstRead';
import { OPENING_READ } from './sidepanel/openingReadKey';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[OPENING_READ] = firstRead().catch(() => undefined);
});
