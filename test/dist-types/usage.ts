// Compiled against the built declarations (dist/regulars.d.ts) by test/e2e/bundle.e2e.ts.
import type { RegularsConfig } from '../../dist/regulars';
const config: RegularsConfig = { endpoint: 'https://shop.example/regulars', widgets: ['chat'] };
window.regulars?.('init', config);
window.regulars?.('open', 'chat');
// @ts-expect-error not a widget
window.regulars?.('open', 'wishlist');
addEventListener('regulars:ready', (event) => event.detail.widgets.length);
addEventListener('regulars:wheel:won', (event) => event.detail.code.toUpperCase());
window.regulars?.('identify', { customer: 123 });
