import type { HostListener, RegularsConfig, WidgetName } from './types';
import { WIDGET_NAMES } from './core/config';
import type { Emitter } from './core/emitter';
import type { Runtime } from './core/runtime';
import { stringify } from './core/json';
import { warn } from './core/warn';

/** The most JSON characters a tracked event's data may hold. */
export const MAX_DATA_CHARS = 8192;

/** What the command function needs: the emitter, the runtime once there is one, and how to start one. */
export interface CommandTarget {
  emitter: Emitter;
  runtime(): Runtime | null;
  init(config: RegularsConfig): void;
  destroy(): void;
}

const isWidget = (value: unknown): value is WidgetName => WIDGET_NAMES.includes(value as WidgetName);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Runs one `regulars(command, ...args)` call. Unknown commands and bad arguments are reported
 * (console.warn and a `regulars:error` event) and ignored; nothing is ever thrown to the page.
 */
export function runCommand(target: CommandTarget, command: unknown, args: unknown[]): void {
  try {
    const runtime = target.runtime();
    const [first, second] = args;
    switch (command) {
      case 'init':
        if (!isObject(first)) return warn("init", 'needs a config object', "Call regulars('init', { endpoint: 'https://…' })");
        return target.init(first as RegularsConfig);
      case 'track':
        if (typeof first !== 'string' || !first || first.length > 64) return warn('track', 'needs an event type of 1 to 64 characters', "Call regulars('track', 'wishlist_added', { … })");
        if (second !== undefined && !isObject(second)) return warn(`track('${first}')`, 'data must be an object', 'Pass an object, or nothing');
        // The endpoint refuses a batch holding an oversized event, so one is never queued.
        if (second !== undefined && stringify(second).length > MAX_DATA_CHARS) return warn(`track('${first}')`, `data is over ${MAX_DATA_CHARS} characters of JSON`, 'Send ids and short fields, not whole documents');
        return runtime?.track(first, second as Record<string, unknown> | undefined);
      case 'identify':
        if (first !== null && !(isObject(first) && (typeof first.customer === 'string' || typeof first.customer === 'number') && String(first.customer).length <= 128))
          return warn('identify', 'needs { customer } (at most 128 characters) or null', "Call regulars('identify', { customer: '123', identityHash: '…' }) on login, and with null on logout");
        return runtime?.identify(first as never);
      case 'consent':
        if (typeof first !== 'boolean' && !isObject(first)) return warn('consent', 'needs true, false or { analytics: boolean }', "Call regulars('consent', { analytics: true }) once the shopper agreed");
        return runtime?.consent(first as never);
      case 'open':
      case 'close':
        if (!isWidget(first)) return warn(command, `${JSON.stringify(first)} is not a widget`, `Use one of ${WIDGET_NAMES.join(', ')}`);
        return runtime?.[command](first);
      case 'on':
      case 'off':
        if (typeof first !== 'string' || typeof second !== 'function')
          return warn(command, 'needs an event name and a function', `Call regulars('${command}', 'chat:opened', listener)`);
        return target.emitter[command](first, second as HostListener);
      case 'forget':
        return void runtime?.forget();
      case 'destroy':
        return target.destroy();
      default:
        warn(String(command), 'is not a Regulars command', 'Use init, track, identify, consent, open, close, on, off, forget or destroy');
    }
  } catch (error) {
    warn(String(command), `failed (${String(error)})`, 'Regulars carried on; please report this');
  }
}
