// IndexedDB for happy-dom: the storage layer runs against a real (in-memory) IndexedDB implementation.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';

// waitFor gives up after 1 s by default: on a busy machine (CI, or e2e runs beside) IndexedDB and module loading can
// take longer than that. No test relies on a wait timing out, so a longer limit only spares false failures.
configure({ asyncUtilTimeout: 5000 });

afterEach(() => {
  cleanup();
});
