import { render } from 'preact';
import { browser } from 'wxt/browser';
import { panelDb } from '../../lib/db';
import { requestSync } from '../../lib/messages';
import { App } from './App';

// The page's clock: the one place the panel reads the time; everything below takes `now`.
render(<App db={panelDb()} now={() => Date.now()} allowCapture={Boolean(browser.tabs?.captureVisibleTab)} />, document.getElementById('app')!);
// Opening a page brings in what others did since the last sync (and sends what waits here).
void requestSync();
