import type { HostListener, RegularsConfig, WidgetName } from './types';
import { isObject, WIDGET_NAMES } from './core/config';
import type { Emitter } from './core/emitter';
import type { Runtime } from './core/runtime';
import { stringify } from './core/json';
import { report } from './core/warn';

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

/** Whether an optional field is left out or is text of at most `max` characters, as the widgets and the endpoint expect. */
const isOptionalText = (value: unknown, max: number): boolean => value === undefined || (typeof value === 'string' && value.length <= max);

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
        if (!isObject(first)) return report('init', 'init-object');
        return target.init(first as RegularsConfig);
      case 'track':
        if (typeof first !== 'string' || !first || first.length > 64) return report('track', 'track-type');
        if (second !== undefined && !isObject(second)) return report(`track('${first}')`, 'track-data');
        // The endpoint refuses a batch holding an oversized event, so one is never queued.
        if (second !== undefined && stringify(second).length > MAX_DATA_CHARS) return report(`track('${first}')`, 'track-size', `${MAX_DATA_CHARS}`);
        return runtime?.track(first, second as Record<string, unknown> | undefined);
      case 'identify':
        if (
          first !== null &&
          !(
            isObject(first) &&
            (typeof first.customer === 'string' || typeof first.customer === 'number') &&
            // An empty customer would identify no one while looking like a login.
            first.customer !== '' &&
            String(first.customer).length <= 128 &&
            // The transport vouches only with a hash of at most 128 characters; 254 is the longest email address.
            isOptionalText(first.identityHash, 128) &&
            isOptionalText(first.email, 254)
          )
        )
          return report('identify', 'identify');
        return runtime?.identify(first as never);
      case 'consent':
        if (typeof first !== 'boolean' && !isObject(first)) return report('consent', 'consent');
        return runtime?.consent(first as never);
      case 'open':
      case 'close':
        if (!isWidget(first)) return report(command, 'widget-name', JSON.stringify(first), WIDGET_NAMES.join(', '));
        return runtime?.[command](first);
      case 'on':
      case 'off':
        if (typeof first !== 'string' || typeof second !== 'function')
          return report(command, 'listener', command);
        return target.emitter[command](first, second as HostListener);
      case 'forget':
        return void runtime?.forget();
      case 'destroy':
        return target.destroy();
      default:
        report(String(command), 'command');
    }
  } catch (error) {
    report(String(command), 'command-failed', String(error));
  }
}
