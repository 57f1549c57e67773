import { render } from 'preact';
import { panelDb } from '../../lib/db';
import { App } from './App';

// The page's clock: the one place this page reads the time; everything below takes `now`.
render(<App db={panelDb()} now={() => Date.now()} />, document.getElementById('app')!);
