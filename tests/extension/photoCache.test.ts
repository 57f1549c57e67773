/*
 * The photo cache: a photo not in this browser is fetched once and then shown from IndexedDB; kept photos are
 * evicted least recently shown first past the size cap; a photo still waiting for its upload is never evicted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PanelDb } from '../../extension/lib/db';
import { storePhoto } from '../../extension/lib/ledger';
import { keepUploaded, photoBlob } from '../../extension/lib/photoCache';
import { freshDb, testClock } from './helpers';

let db: PanelDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.close());

/** A pretend server: each id's bytes are `size` copies of one byte; counts the downloads. */
function server(size = 1000) {
  const fetched: string[] = [];
  return {
    fetched,
    download: async (id: string) => {
      fetched.push(id);
      return new Blob([new Uint8Array(size).fill(id.charCodeAt(0))], { type: 'image/jpeg' });
    },
  };
}

describe('photos by id', () => {
  it('a photo not here is fetched once, then shown from the local store', async () => {
    const remote = server();
    const clock = testClock(1_000);
    const deps = { db, download: remote.download, now: clock.now };
    const first = await photoBlob(deps, 'a'.repeat(64));
    const again = await photoBlob(deps, 'a'.repeat(64));
    expect(remote.fetched).toEqual(['a'.repeat(64)]);
    expect([first.size, again.size, new Uint8Array(await again.arrayBuffer())[0]]).toEqual([1000, 1000, 97]);
  });

  it('past the cap the least recently shown photos go, and come back by fetching again', async () => {
    const remote = server(1000);
    const clock = testClock(1_000);
    const deps = { db, download: remote.download, now: clock.now, capBytes: 2500 };
    for (const c of 'abc') {
      clock.advance(1);
      await photoBlob(deps, c.repeat(64));
    }
    // a, b, c kept is 3000 bytes > 2500: a (least recently shown) went when c came.
    expect((await db.photos.toCollection().primaryKeys()).sort()).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
    clock.advance(1);
    await photoBlob(deps, 'b'.repeat(64)); // b shown again: now c is the oldest
    clock.advance(1);
    await photoBlob(deps, 'a'.repeat(64));
    expect((await db.photos.toCollection().primaryKeys()).sort()).toEqual(['a'.repeat(64), 'b'.repeat(64)]);
    expect(remote.fetched).toEqual(['a', 'b', 'c', 'a'].map((c) => c.repeat(64)));
  });

  it('a photo waiting for its upload is never evicted; once uploaded it may be', async () => {
    const clock = testClock(1_000);
    const mine = await storePhoto(db, new Blob([new Uint8Array(5000).fill(7)], { type: 'image/jpeg' }), clock.now());
    const deps = { db, download: server(1000).download, now: clock.now, capBytes: 1500 };
    await photoBlob(deps, 'a'.repeat(64));
    clock.advance(1);
    await photoBlob(deps, 'b'.repeat(64));
    expect(await db.photos.get(mine)).toBeDefined();
    await keepUploaded(db, mine, 5000, clock.now());
    clock.advance(1);
    await photoBlob(deps, 'c'.repeat(64));
    expect(await db.photos.get(mine)).toBeUndefined();
    expect((await db.photos.toCollection().primaryKeys()).sort()).toEqual(['c'.repeat(64)]);
  });
});
