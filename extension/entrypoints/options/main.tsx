import { render } from 'preact';
import { panelDb } from '../../lib/db';
import { App } from './App';

render(<App db={panelDb()} />, document.getElementById('app')!);
