// Compiled by test/e2e/bundle.e2e.ts against the package's own exports under Node's ESM resolution (`nodenext`),
// the way a developer's project with "type": "module" resolves `import … from 'regulars'`.
import type {} from 'regulars/global';
import { regulars, type RegularsConfig } from 'regulars';

const config: RegularsConfig = { endpoint: 'https://shop.example/regulars', widgets: ['chat'] };
regulars('init', config);
regulars('identify', { customer: 123 });
// @ts-expect-error not a widget: were the types `any`, this line would compile and the directive fail
regulars('open', 'wishlist');
// @ts-expect-error not a number
const version: number = regulars;
window.regulars?.('open', 'chat');
addEventListener('regulars:wheel:won', (event) => event.detail.code.toUpperCase());
export { version };
