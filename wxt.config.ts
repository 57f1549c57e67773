import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The server the extension talks to. Host permissions cover loopback (the demo and the tests use a free
// port there) and any https origin a county deploys on; the address itself is set on the options page, which
// offers the one the extension was built against: WXT_SERVER_URL, or the HOST and PORT `npm start` serves on.
const host = !process.env.HOST || process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST;
const builtForServer = process.env.WXT_SERVER_URL ?? `http://${host}:${process.env.PORT ?? '8787'}`;

export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  vite: () => ({ plugins: [preact()], define: { 'import.meta.env.WXT_SERVER_URL': JSON.stringify(builtForServer) } }),
  // sidePanel is Chromium's API (Firefox opens the panel as a sidebar_action, which needs no permission and would
  // warn about an unknown one), so only the Chrome and Edge builds ask for it.
  manifest: ({ browser }) => ({
    default_locale: 'zh_CN',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    action: { default_title: '__MSG_actionTitle__' },
    permissions: ['storage', 'alarms', 'notifications', ...(browser === 'chrome' || browser === 'edge' ? ['sidePanel'] : []), 'activeTab'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'],
  }),
  zip: { excludeSources: ['server/**', 'tests/**', 'bench/**', 'data/**'] },
});
