/**
 * The background's wiring to the browser: the message handlers, the sync ports, the action
 * badge, keyboard commands and the context menu. Logic lives in the modules it calls.
 */
import { type Browser, browser } from 'wxt/browser';
import type { TagCount } from '../annotation';
import { MESSAGE_MAX_CHARS } from '../annotation/limits';
import { badgeFor, iconPaths } from '../badge';
import { createLibraryService } from '../library/service';
import { lazyConnection } from '../notes/connection';
import { followNotes } from '../notes/feed';
import { createNotesService } from '../notes/service';
import { importFile } from '../notes/transfer';
import { importedText, Uploads } from '../notes/uploads';
import { PDF_URL_PATTERNS, VIEWER_PATH, viewerUrlFor } from '../pdf/redirect';
import { SYNC_PORT } from '../protocol';
import { highlightsOn, withHighlights } from '../settings';
import { notesDatabase, purgeNote, requestPersistence, trashEntries } from '../store';
import { dropStaleFiles } from '../store/hand-off';
import { createSyncHub } from '../sync/hub';
import type { Database as SyncDatabase } from '../sync/replicator';
import { callerOf, mayTouch, OTHER_SITE, refusal } from './access';
import { handleMessages, sendToBackground, sendToTab } from './messaging';
import { redirectPdfTabs } from './pdf-redirect';
import { loadSettings, saveSettings, watchSettings } from './settings-store';
import { openSidePanel } from './side-panel';
import {
  disableSite,
  enableSite,
  grantsPolicySites,
  injectIntoTab,
  pruneRevokedSites,
  siteStatus,
  startInOpenPolicyTabs,
  welcomeOnInstall,
} from './sites';
import { startSync } from './sync';
import { scheduleTrashPurge } from './trash-purge';

/** Where the notes feed stopped reading (`storage.local`), for the next worker's feed. */
const FEED_MARK_KEY = 'notesFeedSeq';

/** The context-menu entry that opens a PDF link or tab in Dossier's viewer. */
const PDF_MENU_ID = 'dossier-open-pdf';

/** Starts every background service. Called once per service-worker start. */
export function startBackground(): void {
  const hub = createSyncHub();
  const db = lazyConnection();
  // Replication with the reader's server (issue 14), over the store's notes database.
  // (lib/store types the part of PouchDB it uses; the replication uses a few more methods.)
  const sync = startSync(async () => notesDatabase(await db()) as unknown as SyncDatabase);
  // Open views follow the store's change feed, so notes synced from elsewhere reach them too;
  // each change also tells sync to push soon.
  const notes = createNotesService({ db, spaceLeft });
  followNotes(
    db,
    (url, change) => {
      hub.publish(url, change);
      sync.written();
    },
    // What the conflict rules put in the trash is shown as a notice (issue 14).
    // (also when another device resolved it: only its result arrives here).
    {
      onResolved: (resolution) => void sync.resolved(resolution).catch(() => undefined),
      onSetAside: (note) => void sync.setAside(note).catch(() => undefined),
      onSettled: (id) => void sync.settled(id).catch(() => undefined),
      // The reader's merges and splits made on another device arrive by sync (issue 14).
      onChoice: () => applyChoices(),
      // A new worker goes on from where the last one's feed stopped reading.
      mark: {
        load: async () => {
          const saved = (await browser.storage.local.get(FEED_MARK_KEY))[FEED_MARK_KEY];
          return typeof saved === 'number' && Number.isInteger(saved) && saved >= 0
            ? saved
            : undefined;
        },
        save: (seq) => void browser.storage.local.set({ [FEED_MARK_KEY]: seq }).catch(() => {}),
      },
    },
  );
  // The library shares the connection; open side panels hear of each change and reload.
  const library = createLibraryService({
    db,
    onChange: () => void sendToBackground('library/changed', {}),
  });
  // Pages a stopped worker recorded but did not get to resolve into people.
  library.settle().catch(() => undefined);
  // A replication brings its choices in one burst: they are replayed once, just after.
  let choicesDue: ReturnType<typeof setTimeout> | undefined;
  function applyChoices(): void {
    if (choicesDue !== undefined) return;
    choicesDue = setTimeout(() => {
      choicesDue = undefined;
      void library.applyChoices().catch(() => false);
    }, 50);
  }
  // Choices that arrived while the worker was stopped before replaying them.
  applyChoices();

  // The badge says "off" (and the icon turns grey) where highlights are off: follow the switch.
  const badges = new Map<number, { officials: number; notes: number; host: string }>();
  const showBadge = async (tabId: number) => {
    const seen = badges.get(tabId);
    if (!seen) return;
    const badge = badgeFor({ ...seen, highlights: highlightsOn(await loadSettings(), seen.host) });
    await browser.action.setBadgeText({ tabId, text: badge.text });
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.color });
    await browser.action.setTitle({ tabId, title: badge.title });
    await browser.action.setIcon({ tabId, path: iconPaths(badge.iconFolder) });
  };
  watchSettings(() => {
    for (const tabId of badges.keys()) showBadge(tabId).catch(() => badges.delete(tabId));
  });
  browser.tabs.onRemoved.addListener((tabId) => void badges.delete(tabId));

  const uploads = new Uploads();
  const self = { id: browser.runtime.id, origin: new URL(browser.runtime.getURL('/')).origin };
  const caller = (sender: Browser.runtime.MessageSender) => callerOf(sender, self);
  /** Refuses a content script a page of another site. */
  const ownPage = (sender: Browser.runtime.MessageSender, url: string) => {
    if (!mayTouch(caller(sender), url)) throw new Error(OTHER_SITE);
  };
  /** Refuses a content script a note (live or in the trash) of another site. */
  const ownNote = async (sender: Browser.runtime.MessageSender, id: string) => {
    const who = caller(sender);
    if (who.kind === 'extension') return;
    const url = await notes.pageOf(id);
    if (url !== undefined && !mayTouch(who, url)) throw new Error(OTHER_SITE);
  };

  handleMessages(
    {
      'tab/analyze': async ({ tabId }) => {
        await injectIntoTab(tabId);
        return { injected: true } as const;
      },
      'site/status': ({ url }) => siteStatus(new URL(url).origin),
      'site/enable': async ({ origin, tabId }) => {
        const status = await enableSite(origin);
        if (tabId !== undefined) await injectIntoTab(tabId);
        return status;
      },
      'site/disable': ({ origin }) => disableSite(origin),
      'notes/list': ({ url }, sender) => {
        ownPage(sender, url);
        return notes.list(url);
      },
      'notes/create': ({ annotation }, sender) => {
        ownPage(sender, annotation.page.url);
        return notes.create(annotation);
      },
      'notes/update': async ({ id, patch }, sender) => {
        await ownNote(sender, id);
        return notes.update(id, patch);
      },
      'notes/delete': async ({ id }, sender) => {
        await ownNote(sender, id);
        return notes.remove(id);
      },
      'notes/undo': async ({ id }, sender) => {
        await ownNote(sender, id);
        return notes.undo(id);
      },
      'notes/search': ({ query, url }) => notes.search(query, url),
      'tags/list': async ({ url }, sender) => {
        if (caller(sender).kind === 'extension') return notes.tags();
        // A page sees only the tags of its own notes, never the reader's other sites'.
        if (url === undefined) return [];
        ownPage(sender, url);
        return countTags(await notes.list(url));
      },
      'tags/rename': ({ from, to }) => notes.renameTag(from, to),
      'tags/merge': ({ sources, into }) => notes.mergeTags(sources, into),
      'notes/all': ({ cursor }) => notes.allPage(cursor ?? null, MESSAGE_MAX_CHARS),
      'notes/by-fingerprint': async ({ fingerprint }) =>
        (await notes.all()).annotations.filter((a) => a.pdf?.fingerprint === fingerprint),
      'notes/import-part': ({ upload, index, text }) => ({
        received: uploads.add(upload, index, text),
      }),
      'notes/import-file': async (request) =>
        importFile(notes, await importedText(request, uploads)),
      'article/analyze': async ({ html }) => {
        await ensureOffscreenDocument();
        // From the background, a runtime message reaches the extension's pages: the offscreen one.
        const reply = await sendToBackground('offscreen/analyze', { html });
        if (!reply.ok) throw new Error(reply.error);
        return reply.value;
      },
      'library/record': async (reading, sender) => {
        ownPage(sender, reading.page.url);
        return { recorded: await library.record(reading) };
      },
      'library/forget-page': async ({ url, notes: withNotes }) => ({
        notes: await library.forgetPage(url, withNotes),
      }),
      'library/forget-all': async ({ notes: withNotes }) => ({
        notes: await library.forgetAll(withNotes),
      }),
      'library/pause': async ({ paused }) => ({ paused: await library.setPaused(paused) }),
      'library/merge': async ({ a, b }) => {
        await library.merge(a, b);
        return null;
      },
      'library/split': async ({ a, b }) => {
        await library.split(a, b);
        return null;
      },
      'library/split-pages': async ({ form, pages, sites }) => {
        await library.splitPages(form, pages, sites);
        return null;
      },
      'library/summarise': async () => ({ built: await library.summarise() }),
      'library/settle': async () => ({ settled: await library.settle() }),
      // Sync settings: Dossier's own pages only (lib/platform/access.ts refuses content scripts).
      'sync/status': () => sync.status(),
      'sync/configure': (request) => sync.configure(request),
      'sync/off': () => sync.off(),
      'sync/now': () => sync.now(),
      'sync/notices': () => sync.notices(),
      'sync/dismiss-notice': ({ id }) => sync.dismiss(id),
      'notes/trash': async ({ limit }) => trashEntries(await db(), limit),
      'notes/purge': async ({ id }) => ({ purged: await purgeNote(await db(), id) }),
      'badge/set': async ({ officials, notes: count }, sender) => {
        const tabId = sender.tab?.id;
        if (tabId === undefined) return null;
        badges.set(tabId, { officials, notes: count, host: hostnameOf(sender.tab?.url) });
        await showBadge(tabId);
        return null;
      },
    },
    { authorize: (type, sender) => refusal(type, caller(sender)) },
  );

  scheduleTrashPurge({
    purge: async (olderThan) => {
      // What a sync notice says is in the trash stays there the reader's full retention time
      // from that notice: a conflict's versions carry their edits' times, which may be older.
      const told = (await sync.notices().catch(() => []))
        .filter((notice) => notice.at >= olderThan.getTime())
        .map((notice) => notice.restoreId);
      return notes.purgeTrash(olderThan, new Set(told));
    },
    loadSettings,
  });
  // A file an import left in the hand-off database and never took (the worker stopped).
  void dropStaleFiles().catch(() => undefined);

  browser.runtime.onConnect.addListener((port) => {
    if (port.name === SYNC_PORT) hub.accept(port);
  });

  const actOnSelection = (tabId: number | undefined, action: 'highlight' | 'note') => {
    if (tabId !== undefined) void sendToTab(tabId, 'selection/act', { action });
  };
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command === 'highlight-selection') actOnSelection(tab?.id, 'highlight');
    if (command === 'note-selection') actOnSelection(tab?.id, 'note');
    if (command === 'open-dossier') void openSidePanel({ tabId: tab?.id, windowId: tab?.windowId });
    if (command === 'toggle-highlights' && tab?.url)
      void toggleHighlights(new URL(tab.url).hostname);
  });
  browser.contextMenus?.onClicked.addListener((info, tab) => {
    if (info.menuItemId === 'dossier-highlight') actOnSelection(tab?.id, 'highlight');
    if (info.menuItemId === 'dossier-note') actOnSelection(tab?.id, 'note');
    if (info.menuItemId === 'dossier-open-panel') {
      void openSidePanel({ tabId: tab?.id, windowId: tab?.windowId });
    }
    if (info.menuItemId === PDF_MENU_ID || info.menuItemId === `${PDF_MENU_ID}-page`) {
      const target = info.menuItemId === PDF_MENU_ID ? info.linkUrl : info.pageUrl;
      if (target) {
        const url = viewerUrlFor(browser.runtime.getURL(VIEWER_PATH), target);
        void browser.tabs.create({ url, ...(tab ? { index: tab.index + 1 } : {}) });
      }
    }
  });
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus?.removeAll().then(() => {
      browser.contextMenus.create({
        id: 'dossier-highlight',
        title: 'Highlight with Dossier',
        contexts: ['selection'],
      });
      browser.contextMenus.create({
        id: 'dossier-note',
        title: 'Add a note with Dossier…',
        contexts: ['selection'],
      });
      // The toolbar button's menu and the page's: the library and this page's dossier.
      browser.contextMenus.create({
        id: 'dossier-open-panel',
        title: 'Open Dossier',
        contexts: ['action', 'page'],
      });
      // "Open in Dossier" on PDF links and PDF tabs: the browser's viewer stays the default.
      browser.contextMenus.create({
        id: PDF_MENU_ID,
        title: 'Open in Dossier',
        contexts: ['link'],
        targetUrlPatterns: PDF_URL_PATTERNS,
      });
      browser.contextMenus.create({
        id: `${PDF_MENU_ID}-page`,
        title: 'Open in Dossier',
        contexts: ['page'],
        documentUrlPatterns: PDF_URL_PATTERNS,
      });
    });
    void requestPersistence();
  });
  // Host access (Firefox leaves it to the user): say what Dossier wants on install, and start at
  // once in the policy tabs already open when the user grants it (welcome page or popup).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install') void welcomeOnInstall(import.meta.env.FIREFOX).catch(() => false);
  });
  browser.permissions.onAdded.addListener(({ origins }) => {
    if (grantsPolicySites(origins)) void startInOpenPolicyTabs().catch(() => 0);
  });
  // Firefox's PDF viewer runs no content script: PDF tabs are sent to Dossier's from here.
  if (import.meta.env.FIREFOX) redirectPdfTabs();
  browser.runtime.onStartup.addListener(() => void pruneRevokedSites());
  browser.permissions.onRemoved.addListener(() => void pruneRevokedSites());
}

/** Tags of some notes with their counts, most used first. */
function countTags(notes: readonly { tags: readonly string[] }[]): TagCount[] {
  const counts = new Map<string, number>();
  for (const note of notes)
    for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Bytes the browser still lets Dossier store, or null when it cannot say. */
async function spaceLeft(): Promise<number | null> {
  try {
    const { quota, usage } = await navigator.storage.estimate();
    return quota === undefined || usage === undefined ? null : Math.max(0, quota - usage);
  } catch {
    return null;
  }
}

/** Flips automatic highlights on a site (the keyboard command); every open page follows. */
async function toggleHighlights(hostname: string): Promise<void> {
  const settings = await loadSettings();
  await saveSettings(withHighlights(settings, !highlightsOn(settings, hostname), hostname));
}

let creating: Promise<void> | null = null;

/**
 * Opens the offscreen document that analyses long pages (Chrome only: elsewhere this fails, and
 * the content script analyses the page itself). It stays open for the next long page.
 */
async function ensureOffscreenDocument(): Promise<void> {
  const offscreen = (browser as unknown as { offscreen?: typeof chrome.offscreen }).offscreen;
  if (!offscreen) throw new Error('This browser has no offscreen documents.');
  if (await offscreen.hasDocument()) return;
  creating ??= offscreen
    .createDocument({
      url: browser.runtime.getURL('/offscreen.html'),
      reasons: ['DOM_PARSER' as chrome.offscreen.Reason],
      justification: 'Reads long articles without holding up the page.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

/** The hostname of a tab's URL, or '' when it has none. */
function hostnameOf(url: string | undefined): string {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
}
