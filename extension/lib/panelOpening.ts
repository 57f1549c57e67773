/*
 * How the panel opens. Chrome: the toolbar button opens the side panel. Where there is no side panel API (or it
 * cannot be opened, e.g. outside a user gesture), the same page opens as the toolbar popup or in a tab.
 */
import { browser } from 'wxt/browser';

type SidePanelApi = {
  setPanelBehavior(o: { openPanelOnActionClick: boolean }): Promise<void>;
  open(o: { windowId: number }): Promise<void>;
};

function sidePanel(): SidePanelApi | undefined {
  return (globalThis as unknown as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
}

/** `action` in Manifest V3, `browserAction` in V2 (Firefox). */
function toolbarAction(): typeof browser.action | undefined {
  return browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
}

export async function setUpActionButton(): Promise<void> {
  const api = sidePanel();
  if (api) await api.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  else await toolbarAction()?.setPopup({ popup: 'sidepanel.html' });
}

/** Opens the panel from a notification click: the side panel if the browser lets us, else a tab. */
export async function openPanel(): Promise<void> {
  const api = sidePanel();
  if (api) {
    try {
      const window = await browser.windows.getLastFocused();
      if (window.id !== undefined) {
        await api.open({ windowId: window.id });
        return;
      }
    } catch {
      // sidePanel.open wants a user gesture in some versions: fall through to a tab.
    }
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/sidepanel.html') });
}
