/**
 * Test setup: a fresh fake IndexedDB and a reset fake browser for every test, so no test sees
 * another's data, and components rendered by a test are unmounted after it.
 */
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  fakeBrowser.reset();
});

afterEach(() => cleanup());
