/** Messages between the extension's pages and its background. */
import { browser } from 'wxt/browser';

export const SYNC_NOW = 'sync-now';

/** Asks the background to sync now (after a local change); a missing background is not an error here. */
export async function requestSync(): Promise<void> {
  try {
    await browser.runtime.sendMessage({ type: SYNC_NOW });
  } catch {
    // No background listening (a unit test, or the worker starting up): the minute alarm will sync anyway.
  }
}
