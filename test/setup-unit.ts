// IndexedDB for happy-dom: the storage layer runs against a real (in-memory) IndexedDB implementation.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
