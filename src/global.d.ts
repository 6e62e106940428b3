import type { RegularsCommand, RegularsWindowEvents } from './types';

declare global {
  interface Window {
    /** The Regulars command function, installed by regulars.js (or queued by its inline stub). */
    regulars?: RegularsCommand;
  }
  // Typed `event.detail` for `addEventListener('regulars:wheel:won', …)` and every other host event.
  interface WindowEventMap extends RegularsWindowEvents {}
}
