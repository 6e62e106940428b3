import type { RegularsCommand } from './types';

declare global {
  interface Window {
    /** The Regulars command function, installed by regulars.js (or queued by its inline stub). */
    regulars?: RegularsCommand;
  }
  interface WindowEventMap {
    'regulars:ready': CustomEvent<{ widgets: string[] }>;
    'regulars:error': CustomEvent<{ field: string; problem: string; fix: string }>;
  }
}
