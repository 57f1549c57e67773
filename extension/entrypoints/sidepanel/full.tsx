/** The full side panel (Dexie, live queries, the issue forms), loaded beside the first paint and taking it over. */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { panelDb } from '../../lib/db';
import type { FirstRead } from '../../lib/firstRead';
import { App } from './App';

export function mount(root: HTMLElement, now: () => number, first: FirstRead | undefined): void {
  render(<App db={panelDb()} now={now} first={first} allowCapture={Boolean(browser.tabs?.captureVisibleTab)} />, root);
}
