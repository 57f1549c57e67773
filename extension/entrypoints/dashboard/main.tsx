import { render } from 'preact';
import { App } from '../../components/dashboard/App';

// The page's clock: the one place this page reads the time; everything below takes `now`.
render(<App now={() => Date.now()} />, document.getElementById('app')!);
