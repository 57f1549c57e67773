import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// The server the extension talks to. Host permissions cover loopback (the demo and the tests use a free
// port there) and any https origin a county deploys on; the address itself is set on the options page.
export default defineConfig({
  srcDir: 'extension',
  publicDir: 'extension/public',
  outDir: '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    default_locale: 'zh_CN',
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    action: { default_title: '__MSG_actionTitle__' },
    permissions: ['storage', 'alarms', 'notifications', 'sidePanel', 'activeTab'],
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*', 'https://*/*'],
  },
  zip: { excludeSources: ['server/**', 'tests/**', 'bench/**', 'data/**'] },
});
