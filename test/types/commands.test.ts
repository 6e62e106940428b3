/**
 * The command surface as the compiler sees it (`npm run typecheck` checks this file): every
 * documented call type-checks, and each `@ts-expect-error` line is a misuse the types must refuse;
 * if the types ever accepted one, the unused directive would fail the type check.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { ChannelKind } from '../../src/widgets/chat/channels';
import {
  regulars,
  type ChatChannelConfig,
  type HostListener,
  type IdentifyArgs,
  type RegularsCommand,
  type RegularsConfig,
  type WidgetName,
} from '../../src/index';

/** Calls a command with arguments the types refuse, without running it: the check is the compiler's. */
const typeOnly = (call: (command: RegularsCommand) => void): void => void call;

describe('the regulars command types', () => {
  it('exports the command function with the global type', () => {
    expectTypeOf(regulars).toEqualTypeOf<RegularsCommand>();
    expectTypeOf<NonNullable<Window['regulars']>>().toEqualTypeOf<RegularsCommand>();
    expectTypeOf(regulars.version).toEqualTypeOf<string | undefined>();
  });

  it('accepts every documented command', () => {
    expectTypeOf(regulars).toBeCallableWith('init', { endpoint: 'https://shop.example/regulars', widgets: ['chat'], consent: 'required' });
    expectTypeOf(regulars).toBeCallableWith('init', { widgets: 'chat,loyalty-wheel', theme: { accent: '#0b6e4f' } });
    expectTypeOf(regulars).toBeCallableWith('track', 'wishlist_added', { sku: 'RG-1001' });
    expectTypeOf(regulars).toBeCallableWith('track', 'newsletter_opened');
    expectTypeOf(regulars).toBeCallableWith('identify', { customer: '123', identityHash: 'abc' });
    expectTypeOf(regulars).toBeCallableWith('identify', { customer: 123 });
    expectTypeOf(regulars).toBeCallableWith('identify', null);
    expectTypeOf(regulars).toBeCallableWith('consent', { analytics: true });
    expectTypeOf(regulars).toBeCallableWith('consent', false);
    expectTypeOf(regulars).toBeCallableWith('open', 'chat');
    expectTypeOf(regulars).toBeCallableWith('close', 'loyalty-wheel');
    expectTypeOf(regulars).toBeCallableWith('on', 'account:created', (detail: unknown) => void detail);
    expectTypeOf(regulars).toBeCallableWith('off', 'chat:opened', (() => {}) as HostListener);
    expectTypeOf(regulars).toBeCallableWith('forget');
    expectTypeOf(regulars).toBeCallableWith('destroy');
  });

  it('names the four widgets and the config shape', () => {
    expectTypeOf<WidgetName>().toEqualTypeOf<'recently-viewed' | 'account-prompt' | 'chat' | 'loyalty-wheel'>();
    expectTypeOf<RegularsConfig['consent']>().toEqualTypeOf<'required' | 'granted' | undefined>();
    expectTypeOf<IdentifyArgs>().toHaveProperty('customer').toEqualTypeOf<string | number>();
  });

  it('accepts every documented widget option', () => {
    expectTypeOf(regulars).toBeCallableWith('init', {
      recentlyViewed: { max: 8, cues: false },
      accountPrompt: { trigger: { productViews: 2, exitIntent: true }, benefits: ['Order tracking'], loginUrl: '/account/login', teaser: false },
      chat: { position: 'left', color: '#0b6e4f', channels: [{ kind: 'whatsapp', url: 'https://wa.me/46701234567', label: 'WhatsApp' }] },
      loyaltyWheel: { trigger: { pages: 2, firstPage: true, dismissDays: 3 }, applyUrl: '/discount/{code}' },
    });
  });

  it('keeps the public channel kinds in step with what the chat reads', () => {
    // The merchant-facing copy lives in src/types.ts, which imports nothing; this keeps it equal to the chat's.
    expectTypeOf<ChatChannelConfig['kind']>().toEqualTypeOf<ChannelKind>();
  });

  it('refuses an unknown command', () => {
    // @ts-expect-error 'launch' is not a command
    typeOnly((command) => command('launch', 'chat'));
    // @ts-expect-error commands are case-sensitive
    typeOnly((command) => command('Open', 'chat'));
    // @ts-expect-error the command name is required
    typeOnly((command) => command());
  });

  it('refuses a widget name that is not one of the four', () => {
    // @ts-expect-error there is no wishlist widget
    typeOnly((command) => command('open', 'wishlist'));
    // @ts-expect-error widget names are kebab-case
    typeOnly((command) => command('close', 'loyaltyWheel'));
    // @ts-expect-error open takes one widget, not a list
    typeOnly((command) => command('open', ['chat']));
  });

  it('refuses on and off without a listener', () => {
    // @ts-expect-error the listener is missing
    typeOnly((command) => command('on', 'account:created'));
    // @ts-expect-error a listener must be a function
    typeOnly((command) => command('off', 'chat:opened', 'listener'));
  });

  it('refuses identify with the wrong shape', () => {
    // @ts-expect-error the customer id is required
    typeOnly((command) => command('identify', { identityHash: 'abc' }));
    // @ts-expect-error the customer id is a string or a number
    typeOnly((command) => command('identify', { customer: true }));
    // @ts-expect-error identify takes an object or null, not a bare id
    typeOnly((command) => command('identify', '123'));
    // @ts-expect-error identify needs an argument (null on logout)
    typeOnly((command) => command('identify'));
  });

  it('refuses wrong arguments to the other commands', () => {
    // @ts-expect-error track needs the event type
    typeOnly((command) => command('track'));
    // @ts-expect-error event data is an object
    typeOnly((command) => command('track', 'wishlist_added', 'RG-1001'));
    // @ts-expect-error consent is a boolean or { analytics }
    typeOnly((command) => command('consent', 'yes'));
    // @ts-expect-error init needs a config object
    typeOnly((command) => command('init', 'https://shop.example/regulars'));
    // @ts-expect-error consent mode is "required" or "granted"
    typeOnly((command) => command('init', { consent: 'maybe' }));
  });

  it('refuses widget options of the wrong type or name', () => {
    // @ts-expect-error max is a number
    typeOnly((command) => command('init', { recentlyViewed: { max: '8' } }));
    // @ts-expect-error the launcher sits in the right or left corner
    typeOnly((command) => command('init', { chat: { position: 'top' } }));
    // @ts-expect-error a channel needs a url
    typeOnly((command) => command('init', { chat: { channels: [{ kind: 'whatsapp' }] } }));
    // @ts-expect-error trigger rules are numbers and booleans
    typeOnly((command) => command('init', { accountPrompt: { trigger: { productViews: 'three' } } }));
    // @ts-expect-error applyUrl is spelled with a capital U
    typeOnly((command) => command('init', { loyaltyWheel: { applyurl: '/discount/{code}' } }));
  });
});
