import type { CodedReport } from '../../core/messages';
import { isCssValue } from '../css-value';

/** The chat launcher's validated options. */
export interface ChatOptions {
  /** Which bottom corner the launcher sits in. */
  position: 'right' | 'left';
  /** The launcher's and the shopper bubbles' colour; null follows the theme accent. */
  color: string | null;
}

/**
 * Validates the launcher's part of the `chat` options section; each wrong field is reported once and
 * falls back to its default. `channels` is validated by the panel (channels.ts), so its code stays out of
 * the chunk every page loads.
 */
export function parseOptions(raw: Record<string, unknown>, report: CodedReport): ChatOptions {
  const options: ChatOptions = { position: 'right', color: null };
  for (const key of Object.keys(raw)) {
    const value = raw[key];
    if (key === 'position') {
      if (value === 'right' || value === 'left') options.position = value;
      else report('chat.position', 'chat-position', JSON.stringify(value));
    } else if (key === 'color') {
      if (typeof value === 'string' && isCssValue('color', value, 100)) options.color = value.trim();
      else report('chat.color', 'chat-color', JSON.stringify(value));
    } else if (key !== 'channels') {
      report(`chat.${key}`, 'chat-option');
    }
  }
  return options;
}
