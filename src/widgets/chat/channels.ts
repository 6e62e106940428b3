import type { CodedReport } from '../../core/messages';

/** The kinds of other contact channels the panel can list. */
export const CHANNEL_KINDS = ['whatsapp', 'messenger', 'email', 'phone', 'link'] as const;

/** One kind of contact channel. */
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Another way to reach the shop, shown as a link in the panel. */
export interface ChatChannel {
  kind: ChannelKind;
  /** An http(s), mailto: or tel: URL; nothing else is ever rendered. */
  url: string;
  label?: string;
}

const SAFE_SCHEMES = ['https:', 'http:', 'mailto:', 'tel:'];

/** Returns `value` as a normalized http(s), mailto: or tel: URL, or null for any other scheme or garbage. */
export function safeChannelUrl(value: unknown): string | null {
  if (typeof value !== 'string' || !value.trim()) return null;
  try {
    const url = new URL(value.trim());
    return SAFE_SCHEMES.includes(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads a list of channels, keeping only well-formed ones with a safe URL; `report` (when given)
 * names each dropped entry, so a merchant's typo is visible while an endpoint's garbage stays quiet.
 */
export function readChannels(raw: unknown, field: string, report?: CodedReport): ChatChannel[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report?.(field, 'chat-channels');
    return [];
  }
  const channels: ChatChannel[] = [];
  raw.forEach((item: unknown, index) => {
    const at = `${field}[${index}]`;
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const kind = (CHANNEL_KINDS as readonly unknown[]).includes(entry.kind) ? (entry.kind as ChannelKind) : null;
    const url = safeChannelUrl(entry.url);
    const label = typeof entry.label === 'string' && entry.label.trim() ? entry.label.trim().slice(0, 80) : undefined;
    if (!kind) report?.(`${at}.kind`, 'chat-channel-kind', JSON.stringify(entry.kind), CHANNEL_KINDS.join(', '));
    else if (!url) report?.(`${at}.url`, 'chat-channel-url');
    else if (!channels.some((channel) => channel.url === url)) channels.push(label ? { kind, url, label } : { kind, url });
  });
  return channels;
}
