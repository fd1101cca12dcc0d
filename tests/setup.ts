/**
 * Test setup: a fresh fake IndexedDB and a reset fake browser for every test, so no test sees
 * another's data, and components rendered by a test are unmounted after it.
 */
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useNotesDatabaseOptions } from '../lib/store/pouch';

let testNumber = 0;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  // PouchDB's IndexedDB adapter keeps open databases by name across factories: a new prefix
  // gives each test its own notes database.
  testNumber += 1;
  useNotesDatabaseOptions({ prefix: `test-${testNumber}-` });
  fakeBrowser.reset();
});

afterEach(() => cleanup());
