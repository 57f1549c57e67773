/** Messages between the extension's pages and its background. */
import { browser } from 'wxt/browser';

export const SYNC_NOW = 'sync-now';

export interface SyncNowMessage {
  type: typeof SYNC_NOW;
  /** true: now, whatever the back-off (a person just did something); false: only if the retry time has come. */
  force: boolean;
}

/** Asks the background to sync (after a local change, or a due retry); a missing background is not an error here. */
export async function requestSync(force = true): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: SYNC_NOW, force } satisfies SyncNowMessage);
  } catch {
    // No background listening (a unit test, or the worker starting up): the half-minute alarm will sync anyway.
  }
}
