/*
 * The side panel's entry. Today's list comes first: one read of extension storage and IndexedDB (lib/firstRead.ts,
 * no Dexie) is drawn as soon as it returns. Only after that frame is the full panel (Dexie, live queries, the issue
 * forms, zod) loaded: parsing it sooner would hold back the list. It takes over the same screen, starting from the
 * same read, so nothing flickers; until then the boxes show but cannot be ticked.
 */
// First import: modules run in import order, so the read is under way while Preact and the calendar load below.
import { openingRead } from './openingRead';
import { paint } from './FirstPaint';

const root = document.getElementById('app')!;
// The page's clock: the one place the panel reads the time; everything below takes `now`.
const now = () => Date.now();
void openingRead.then((first) => {
  if (first) paint(root, first, now());
  // Two frames on: the frame with the list has been committed before the full panel's modules are fetched and
  // run. After one (a task right after that frame's paint), their 20-odd ms on the main thread held the list back
  // from the screen on a 2-core machine (npm run bench, side panel open).
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => void import('./full').then(({ mount }) => mount(root, now, first)))));
});
