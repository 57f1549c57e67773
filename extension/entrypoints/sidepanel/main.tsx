/*
 * The side panel's entry. Today's list comes first: one read of extension storage and IndexedDB (lib/firstRead.ts,
 * no Dexie) is drawn as soon as it returns, while the full panel (Dexie, live queries, the issue forms, zod) loads
 * beside it; the full panel then takes over the same screen, starting from the same read, so nothing flickers.
 */
import { render } from 'preact';
import { firstRead, type FirstRead } from '../../lib/firstRead';
import { FirstPaint } from './FirstPaint';

const root = document.getElementById('app')!;
// The page's clock: the one place the panel reads the time; everything below takes `now`.
const now = () => Date.now();
let taken = false;
const read: Promise<FirstRead | undefined> = firstRead().catch(() => undefined);
void read.then((first) => {
  if (first && !taken) render(<FirstPaint read={first} now={now()} />, root);
});
void Promise.all([import('./full'), read]).then(([{ mount }, first]) => {
  taken = true;
  mount(root, now, first);
});
