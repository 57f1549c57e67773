import { render } from 'preact';
import { browser } from 'wxt/browser';
import { panelDb } from '../../lib/db';
import { App } from './App';

// The page's clock: the one place the panel reads the time; everything below takes `now`.
render(<App db={panelDb()} now={() => Date.now()} allowCapture={Boolean(browser.tabs?.captureVisibleTab)} />, document.getElementById('app')!);
