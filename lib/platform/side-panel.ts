/**
 * Opening Dossier's side panel: Chrome's `sidePanel` (for the window of a tab) or Firefox's
 * `sidebarAction`. Both must be called while handling a user action (a click, a keyboard
 * command, a menu entry), so each caller calls this directly in its handler.
 */
import { browser } from 'wxt/browser';

interface SidePanelApi {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}
interface SidebarActionApi {
  open(): Promise<void>;
}

/** Opens the side panel for the given tab's window; false when the browser has none. */
export async function openSidePanel(target: {
  tabId?: number;
  windowId?: number;
}): Promise<boolean> {
  const api = browser as unknown as { sidePanel?: SidePanelApi; sidebarAction?: SidebarActionApi };
  if (api.sidePanel) {
    if (target.windowId !== undefined) await api.sidePanel.open({ windowId: target.windowId });
    else if (target.tabId !== undefined) await api.sidePanel.open({ tabId: target.tabId });
    else return false;
    return true;
  }
  if (api.sidebarAction) {
    await api.sidebarAction.open();
    return true;
  }
  return false;
}
