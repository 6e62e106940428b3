// Compiled by test/e2e/bundle.e2e.ts the way a server-side (SSR) project sees the package: Node's ESM resolution,
// no DOM lib of its own, every declaration checked. The import does nothing on a server; it must still type-check.
import { regulars } from 'regulars';

regulars('track', 'page_rendered_on_server');
