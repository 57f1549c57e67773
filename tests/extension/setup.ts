// IndexedDB for Dexie in Node/happy-dom, and WXT's in-memory browser APIs, fresh for every test.
import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

beforeEach(() => {
  fakeBrowser.reset();
});
