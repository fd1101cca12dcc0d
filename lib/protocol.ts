/**
 * The one message protocol between the content script, the background and the popup. Every
 * message is listed here with its request and its reply; senders and handlers are checked
 * against this map at compile time, and the background validates what arrives at run time
 * (`REQUEST_SCHEMAS`), because any extension page or content script can send it anything.
 */
import * as v from 'valibot';
import type { RemoteAnalysis } from './analysis/parsed-page';
import type {
  Annotation,
  NewAnnotation,
  NotePatch,
  TagCount,
  TrashedAnnotation,
} from './annotation';
import { MESSAGE_MAX_CHARS, SHORT_TEXT_MAX_CHARS, URL_MAX_CHARS } from './annotation/limits';
import {
  colourSchema,
  newAnnotationSchema,
  noteTextSchema,
  pageRefSchema,
  pdfPlaceSchema,
  positionSelectorSchema,
  quoteSelectorSchema,
  tagSchema,
  tagsSchema,
} from './annotation/schema';
import type { PageReading } from './library/record';
import type { TrashEntry } from './store/trash';
import { isWebUrl } from './url';

/** What the content script reports about its page. */
export interface PageInfo {
  /** Normalised page identity (lib/url.ts). */
  url: string;
  title: string;
  wordCount: number;
  byline: string | null;
  /** The site's name and the publication date, when the article says (for citations). */
  site?: string;
  published?: string | null;
  /** False when the page is not an article; `message` then says why. */
  isArticle: boolean;
  message?: string;
}

/** What the popup lists: officials with their mention counts, quotations with speakers. */
export interface AnalysisSummary {
  officials: { name: string; titles: string[]; mentions: number }[];
  quotes: { text: string; speaker: string | null }[];
}

/** What an import did, in words for the reader; `ok: false` means nothing was written. */
export interface ImportOutcome {
  ok: boolean;
  message: string;
}

/** A change to the notes, as every open view receives it over its sync port. */
export type NotesChange =
  | { kind: 'upsert'; annotation: Annotation }
  | { kind: 'delete'; id: string; url: string }
  | { kind: 'reload' };

/** The name of the ports that carry live sync (lib/sync/hub.ts). */
export const SYNC_PORT = 'dossier-sync';

/** view → background, on a sync port: send me the changes of this page ('*': all pages). */
export interface SyncSubscribe {
  subscribe: string;
}

/** background → view, on a sync port: a change and the page it belongs to. */
export interface SyncMessage {
  url: string;
  change: NotesChange;
}

/** Whether Dossier runs on a site, and why. */
export interface SiteStatus {
  origin: string;
  /** One of the built-in policy centres (lib/sites.ts). */
  listed: boolean;
  /** The user granted this origin and Dossier runs there on every visit. */
  enabled: boolean;
  /**
   * Whether the browser lets Dossier read this origin. False on a listed site means the user
   * has not granted it (Firefox leaves host access to the user): the popup offers to ask.
   */
  access?: boolean;
}

/** Where sync stands. `lastSync` is when the last replication finished with nothing left. */
export type SyncState =
  | { kind: 'off' }
  | { kind: 'syncing'; lastSync: number | null }
  | { kind: 'up-to-date'; lastSync: number; denied?: number }
  | { kind: 'offline'; lastSync: number | null; message: string }
  | { kind: 'refused'; lastSync: number | null; message: string }
  | { kind: 'server-error'; lastSync: number | null; status: number | null; message: string };

/** What the sync settings show: the state, and the settings without the password. */
export interface SyncStatus {
  state: SyncState;
  settings: {
    server: string;
    user: string;
    database: string;
    teams: { database: string; tag: string | null }[];
  } | null;
  /**
   * Set when the settings were not applied because another user synced this profile before:
   * the reader must say whether that user's notes go to the new account (lib/sync/switch.ts).
   */
  question?: { previous: string; next: string; notes: number };
}

/**
 * A conflict notice (lib/sync/notices.ts): what the conflict rules put in the trash, naming the
 * page and the note, with the trashed note to restore.
 */
export interface SyncNotice {
  /** Stable for the same decision, so a decision seen twice is one notice. */
  id: string;
  /** When it was raised (ms since the epoch). */
  at: number;
  /** What happened, in a sentence. */
  text: string;
  page: { title: string; url: string };
  /** The note's quote (shortened), to name it. */
  quote: string;
  /** The trashed note "Restore this version" brings back. */
  restoreId: string;
}

/** Every message: its request payload and the value of a successful reply. */
export interface ProtocolMap {
  /** popup → content script: title and word count of the article on this tab. */
  'page/info': { request: Record<string, never>; response: PageInfo };
  /** popup → background: run Dossier once on a tab the user pointed at (activeTab). */
  'tab/analyze': { request: { tabId: number }; response: { injected: true } };
  /** popup → background: whether Dossier runs on the site of a URL. */
  'site/status': { request: { url: string }; response: SiteStatus };
  /** popup → background: run on this origin from now on (permission already granted). */
  'site/enable': { request: { origin: string; tabId?: number }; response: SiteStatus };
  /** popup → background: stop running on this origin and drop its permission. */
  'site/disable': { request: { origin: string }; response: SiteStatus };
  /** any view → background: the notes of a page, in page order. */
  'notes/list': { request: { url: string }; response: Annotation[] };
  /** content script → background: save a new highlight or note. */
  'notes/create': { request: { annotation: NewAnnotation }; response: Annotation };
  /** any view → background: change a note's text, tags or colour. */
  'notes/update': { request: { id: string; patch: NotePatch }; response: Annotation };
  /** any view → background: delete a note (to the trash, so it can be undone). */
  'notes/delete': { request: { id: string }; response: { id: string; url: string } };
  /** any view → background: bring a deleted note back. */
  'notes/undo': { request: { id: string }; response: Annotation };
  /** popup → background: search notes on all pages, or on one. */
  'notes/search': { request: { query: string; url?: string }; response: Annotation[] };
  /**
   * any view → background: every tag with its count, for autocomplete. A content script gets
   * only the tags of its own page (`url`), never the reader's tags from other sites.
   */
  'tags/list': { request: { url?: string }; response: TagCount[] };
  /** popup → background: rename a tag on every note. */
  'tags/rename': { request: { from: string; to: string }; response: { changed: number } };
  /** popup → background: merge several tags into one, on every note. */
  'tags/merge': { request: { sources: string[]; into: string }; response: { changed: number } };
  /** popup → content script: scroll to a note and flash it. */
  'notes/reveal': { request: { id: string }; response: { found: boolean } };
  /** popup → content script: ids of this page's notes that could not be anchored. */
  'notes/orphans': { request: Record<string, never>; response: string[] };
  /** popup → content script: the officials and quotations found on the page. */
  'page/analysis': { request: Record<string, never>; response: AnalysisSummary };
  /** popup → content script: scroll to an official's mention or a quotation and flash it. */
  'page/reveal': {
    request: { kind: 'official' | 'quote'; index: number; mention?: number };
    response: { found: boolean };
  };
  /**
   * content script → background: analyse a long page's HTML away from the page (Chrome's
   * offscreen document), so that Readability does not hold the page's main thread.
   */
  'article/analyze': { request: { html: string }; response: RemoteAnalysis };
  /** background → offscreen document: the same, where there is a DOM to parse it with. */
  'offscreen/analyze': { request: { html: string }; response: RemoteAnalysis };
  /** content script → background: what to show on the tab's action badge. */
  'badge/set': { request: { officials: number; notes: number }; response: null };
  /**
   * popup → background: every note and the trash (export everything, back up), a page at a
   * time so that no message nears the browser's 64 MiB limit: ask again with `cursor: next`
   * until `next` is null (notes first, then the trash).
   */
  'notes/all': {
    request: { cursor?: string };
    response: { annotations: Annotation[]; trash: TrashedAnnotation[]; next: string | null };
  };
  /**
   * popup → background: one part of a file being imported (files can be larger than one
   * message may be); the parts are put together in order and imported by `notes/import-file`.
   */
  'notes/import-part': {
    request: { upload: string; index: number; text: string };
    response: { received: number };
  };
  /**
   * popup → background: import a backup or W3C file's text (or the parts sent as `upload`, or
   * the file left in the hand-off database under `handOff`, lib/store/hand-off.ts), all or
   * nothing. A file that is wrong is an answer, not a failure: `ok: false` and which entry is
   * wrong and why.
   */
  'notes/import-file': {
    request: { text: string } | { upload: string; parts: number } | { handOff: string };
    response: ImportOutcome;
  };
  /** background → content script: act on the selection (keyboard shortcut, context menu). */
  'selection/act': { request: { action: 'highlight' | 'note' }; response: { done: boolean } };
  /** PDF viewer → background: notes on the same PDF file saved under any URL. */
  'notes/by-fingerprint': { request: { fingerprint: string }; response: Annotation[] };
  /** content script → background: remember a page read and its analysis (the library). */
  'library/record': { request: PageReading; response: { recorded: boolean } };
  /** side panel → background: forget a page (its notes too when `notes`). */
  'library/forget-page': { request: { url: string; notes: boolean }; response: { notes: number } };
  /** side panel → background: forget everything read (every note too when `notes`). */
  'library/forget-all': { request: { notes: boolean }; response: { notes: number } };
  /** side panel, popup → background: pause or resume the library. */
  'library/pause': { request: { paused: boolean }; response: { paused: boolean } };
  /** side panel → background: these two people (by name forms) are one. */
  'library/merge': { request: { a: string[]; b: string[] }; response: null };
  /** side panel → background: these names are not the same person as those. */
  'library/split': { request: { a: string[]; b: string[] }; response: null };
  /** background → side panels: the library changed, read it again. */
  'library/changed': { request: Record<string, never>; response: null };
  /** side panel → background: one name, two people: the name on `pages` (and `sites`) is another. */
  'library/split-pages': {
    request: { form: string; pages: string[]; sites: string[] };
    response: null;
  };
  /** side panel → background: build the people summary if it is missing or outdated. */
  'library/summarise': { request: Record<string, never>; response: { built: boolean } };
  /** side panel → background: resolve the pages recorded but not yet resolved into people, now. */
  'library/settle': { request: Record<string, never>; response: { settled: number } };
  /** side panel → background: where sync stands, and its settings (never the password). */
  'sync/status': { request: Record<string, never>; response: SyncStatus };
  /**
   * side panel → background: sync with this server as this user (host access already granted),
   * with these team databases; `password` omitted keeps the stored one. Replies after the first
   * cycle.
   */
  'sync/configure': {
    request: {
      server: string;
      user: string;
      password?: string;
      teams: { database: string; tag: string | null }[];
      /**
       * The reader's answer when another user synced this profile before: `send` their notes
       * to this account too, or keep them `local` (also what an unanswered switch does).
       */
      previousNotes?: 'send' | 'local';
    };
    response: SyncStatus;
  };
  /** side panel → background: stop syncing and forget the password. */
  'sync/off': { request: Record<string, never>; response: SyncStatus };
  /** side panel → background: sync now; replies with the state after the cycle. */
  'sync/now': { request: Record<string, never>; response: SyncStatus };
  /** side panel → background: the newest `limit` notes in the trash, and how many in all. */
  'notes/trash': {
    request: { limit: number };
    response: { entries: TrashEntry[]; total: number };
  };
  /** side panel → background: delete one note in the trash for good. */
  'notes/purge': { request: { id: string }; response: { purged: boolean } };
  /** side panel → background: the conflict notices not yet dismissed, newest first. */
  'sync/notices': { request: Record<string, never>; response: SyncNotice[] };
  /** side panel → background: dismiss a notice; replies with those left. */
  'sync/dismiss-notice': { request: { id: string }; response: SyncNotice[] };
}

export type MessageType = keyof ProtocolMap;
export type RequestOf<T extends MessageType> = ProtocolMap[T]['request'];
export type ResponseOf<T extends MessageType> = ProtocolMap[T]['response'];

/** A message on the wire. */
export type Message<T extends MessageType = MessageType> = { type: T; payload: RequestOf<T> };

/** Handlers reply with a value or a plain-words error; nothing throws across contexts. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * The messages a tab answers (its content script, or the PDF viewer in its tab); the background
 * and Dossier's other pages answer the rest. Senders route by this, so a new message in the map
 * is callable from every client without another list.
 */
export const TAB_MESSAGES = [
  'page/info',
  'notes/reveal',
  'notes/orphans',
  'page/analysis',
  'page/reveal',
  'selection/act',
] as const satisfies readonly MessageType[];

/** A message a tab answers. */
export type TabMessage = (typeof TAB_MESSAGES)[number];

/** True when a tab, not the background, answers `type`. */
export function answeredByTab(type: MessageType): type is TabMessage {
  return (TAB_MESSAGES as readonly MessageType[]).includes(type);
}

/**
 * The client side of the map: one typed function that sends any of the messages `T` and
 * resolves to its reply (never throws). Clients are this function plus routing, so adding a
 * message to the map adds it to every client that accepts its family, with its types.
 */
export type Call<T extends MessageType> = <K extends T>(
  type: K,
  payload: RequestOf<K>,
) => Promise<Reply<ResponseOf<K>>>;

/** The answering side for messages `T` with no sender: a handler per type, from the map. */
export type Answers<T extends MessageType> = {
  [K in T]: (payload: RequestOf<K>) => Promise<Reply<ResponseOf<K>>>;
};

const origin = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((s) => {
    try {
      return isWebUrl(s) && new URL(s).origin === s;
    } catch {
      return false;
    }
  }, 'must be an http(s) origin such as https://example.org'),
);
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const pageUrl = v.pipe(v.string(), v.maxLength(URL_MAX_CHARS), v.url());
const shortText = v.pipe(v.string(), v.maxLength(SHORT_TEXT_MAX_CHARS));

const formKeys = v.pipe(
  v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(400))),
  v.minLength(1),
  v.maxLength(500),
);

/** A page read and its analysis; bounded so a hostile page cannot fill the library. */
const pageReading = v.strictObject({
  page: v.pipe(
    pageRefSchema,
    v.check((p) => URL.canParse(p.url), 'page.url must be a page address'),
  ),
  analysis: v.nullable(
    v.strictObject({
      officials: v.pipe(
        v.array(
          v.strictObject({
            name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
            titles: v.pipe(v.array(shortText), v.maxLength(50)),
            mentions: v.pipe(v.number(), v.integer(), v.minValue(0)),
          }),
        ),
        v.maxLength(5_000),
      ),
      quotes: v.pipe(
        v.array(
          v.strictObject({
            text: v.pipe(v.string(), v.maxLength(50_000)),
            speaker: v.nullable(v.pipe(v.string(), v.maxLength(300))),
            /** Who the speaker is (lib/library/speakers.ts): only a person is listed as one. */
            speakerType: v.optional(v.picklist(['person', 'organisation', 'document', 'unnamed'])),
            quote: quoteSelectorSchema,
            position: positionSelectorSchema,
          }),
        ),
        v.maxLength(5_000),
      ),
    }),
  ),
  failure: v.optional(shortText),
});

/** A page's HTML, up to 64 MiB (the browser's own limit for a message). */
const pageHtml = v.pipe(v.string(), v.maxLength(32 * 1024 * 1024));

const notePatch = v.strictObject({
  note: v.optional(noteTextSchema),
  tags: v.optional(tagsSchema),
  colour: v.optional(colourSchema),
});

/** CouchDB's rule for database names. */
const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]*$/;

/** A CouchDB database name. */
const databaseName = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(238),
  v.regex(
    DATABASE_NAME,
    'must start with a lowercase letter and hold only a-z, 0-9 and _$()+-/ (CouchDB names)',
  ),
);

/** The run-time schema of a team choice (settings and messages). */
export const teamChoiceSchema = v.strictObject({
  database: databaseName,
  tag: v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
});

/** The address of a sync server: http(s), no user name or password in it, no query. */
export const serverSchema = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check((s) => {
    try {
      const url = new URL(s);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        !url.username &&
        !url.password &&
        !url.search
      );
    } catch {
      return false;
    }
  }, 'must be an http(s) address such as https://couch.example.org, without a password in it'),
);

/** Run-time schemas of every request, checked where messages arrive. */
export const REQUEST_SCHEMAS = {
  'page/info': v.strictObject({}),
  'article/analyze': v.strictObject({ html: pageHtml }),
  'offscreen/analyze': v.strictObject({ html: pageHtml }),
  'tab/analyze': v.strictObject({ tabId }),
  'site/status': v.strictObject({ url: v.pipe(v.string(), v.maxLength(8192), v.url()) }),
  'site/enable': v.strictObject({ origin, tabId: v.optional(tabId) }),
  'site/disable': v.strictObject({ origin }),
  'notes/list': v.strictObject({ url: pageUrl }),
  'notes/create': v.strictObject({ annotation: newAnnotationSchema }),
  'notes/update': v.strictObject({ id, patch: notePatch }),
  'notes/delete': v.strictObject({ id }),
  'notes/undo': v.strictObject({ id }),
  'notes/search': v.strictObject({
    query: v.pipe(v.string(), v.maxLength(1_000)),
    url: v.optional(pageUrl),
  }),
  'tags/list': v.strictObject({ url: v.optional(pageUrl) }),
  'tags/rename': v.strictObject({ from: tagSchema, to: tagSchema }),
  'tags/merge': v.strictObject({
    sources: v.pipe(v.array(tagSchema), v.minLength(1)),
    into: tagSchema,
  }),
  'notes/reveal': v.strictObject({ id }),
  'notes/orphans': v.strictObject({}),
  'selection/act': v.strictObject({ action: v.picklist(['highlight', 'note']) }),
  'notes/all': v.strictObject({ cursor: v.optional(v.pipe(v.string(), v.maxLength(20_000))) }),
  'notes/import-part': v.strictObject({
    upload: v.pipe(v.string(), v.uuid()),
    index: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(10_000)),
    text: v.pipe(v.string(), v.maxLength(MESSAGE_MAX_CHARS)),
  }),
  // The file's content is checked by the import itself (lib/export), entry by entry.
  'notes/import-file': v.union([
    v.strictObject({
      text: v.pipe(
        v.string(),
        v.maxLength(MESSAGE_MAX_CHARS, 'The file is too large for one message; send it in parts.'),
      ),
    }),
    v.strictObject({
      upload: v.pipe(v.string(), v.uuid()),
      parts: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000)),
    }),
    v.strictObject({ handOff: v.pipe(v.string(), v.uuid()) }),
  ]),
  'page/analysis': v.strictObject({}),
  'notes/by-fingerprint': v.strictObject({ fingerprint: pdfPlaceSchema.entries.fingerprint }),
  'page/reveal': v.strictObject({
    kind: v.picklist(['official', 'quote']),
    index: v.pipe(v.number(), v.integer(), v.minValue(0)),
    mention: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  }),
  'library/record': pageReading,
  'library/forget-page': v.strictObject({ url: pageUrl, notes: v.boolean() }),
  'library/forget-all': v.strictObject({ notes: v.boolean() }),
  'library/pause': v.strictObject({ paused: v.boolean() }),
  'library/merge': v.strictObject({ a: formKeys, b: formKeys }),
  'library/split': v.strictObject({ a: formKeys, b: formKeys }),
  'library/changed': v.strictObject({}),
  'library/split-pages': v.strictObject({
    form: v.pipe(v.string(), v.minLength(1), v.maxLength(400)),
    pages: v.pipe(v.array(pageUrl), v.minLength(1), v.maxLength(5_000)),
    sites: v.pipe(v.array(v.pipe(v.string(), v.maxLength(400))), v.maxLength(5_000)),
  }),
  'library/summarise': v.strictObject({}),
  'library/settle': v.strictObject({}),
  'sync/status': v.strictObject({}),
  'sync/configure': v.strictObject({
    server: serverSchema,
    user: v.pipe(v.string(), v.minLength(1, 'needs a user name'), v.maxLength(200)),
    password: v.optional(v.pipe(v.string(), v.maxLength(1000))),
    teams: v.pipe(v.array(teamChoiceSchema), v.maxLength(50)),
    previousNotes: v.optional(v.picklist(['send', 'local'])),
  }),
  'sync/off': v.strictObject({}),
  'sync/now': v.strictObject({}),
  'notes/trash': v.strictObject({
    limit: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
  }),
  'notes/purge': v.strictObject({ id }),
  'sync/notices': v.strictObject({}),
  'sync/dismiss-notice': v.strictObject({ id: v.pipe(v.string(), v.maxLength(500)) }),
  'badge/set': v.strictObject({
    officials: v.pipe(v.number(), v.integer(), v.minValue(0)),
    notes: v.pipe(v.number(), v.integer(), v.minValue(0)),
  }),
} satisfies { [T in MessageType]: v.GenericSchema<unknown, RequestOf<T>> };

/**
 * Checks an incoming message against the protocol. Returns the typed message, or an error in
 * plain words naming what was wrong.
 */
export function parseMessage(
  raw: unknown,
  accept: readonly MessageType[],
): { ok: true; message: Message } | { ok: false; error: string } {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) {
    return { ok: false, error: 'Not a Dossier message.' };
  }
  const type = (raw as { type: unknown }).type;
  if (typeof type !== 'string' || !(accept as readonly string[]).includes(type)) {
    return { ok: false, error: `Unknown message type: ${String(type).slice(0, 60)}` };
  }
  const schema = REQUEST_SCHEMAS[type as MessageType];
  const result = v.safeParse(schema, (raw as { payload?: unknown }).payload ?? {});
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'payload';
    return { ok: false, error: `Invalid ${type} message: ${path} ${issue.message}` };
  }
  return { ok: true, message: { type, payload: result.output } as Message };
}

/** Turns anything thrown into a sentence a user can read. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return 'Something went wrong.';
}
