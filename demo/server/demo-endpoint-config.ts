/**
 * How the demo shop configures its reference endpoint: the wheel's segments and odds, the chat's
 * other channels, the inbox token and the identity secret. A real shop keeps the last two secret;
 * the demo publishes them so anyone can try the inbox.
 */
import type { ChatChannel, WheelOptions } from '../endpoint/handler';

/** Bearer token of the demo's agent inbox. */
export const DEMO_AGENT_TOKEN = 'demo-agent-token';

/** Secret of the demo's customer identity hashes (see `GET /demo-api/identity`). */
export const DEMO_IDENTITY_SECRET = 'demo-identity-secret';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The demo wheel: mostly small discounts, a few capped big prizes, and two "next time" segments. */
export const DEMO_WHEEL: WheelOptions = {
  requiresEmail: true,
  spinEveryMs: 30 * DAY_MS,
  segments: [
    { id: 'ten-off', label: '10% off', color: '#1f6f5c', weight: 30, prize: { label: '10% off your next order', codePrefix: 'SPIN10' } },
    { id: 'no-luck-1', label: 'Next time', color: '#d9d2c5', weight: 20 },
    { id: 'free-shipping', label: 'Free shipping', color: '#c2693e', weight: 25, prize: { label: 'Free shipping on your next order', codePrefix: 'SHIPFREE' } },
    { id: 'twenty-off', label: '20% off', color: '#24405f', weight: 5, prize: { label: '20% off your next order', codePrefix: 'SPIN20', cap: 100 } },
    { id: 'no-luck-2', label: 'So close', color: '#e8e1d4', weight: 18 },
    { id: 'beanie', label: 'Free beanie', color: '#8a3b52', weight: 2, prize: { label: 'A free Wool Beanie with your next order', codePrefix: 'BEANIE', cap: 10, validForMs: 7 * DAY_MS } },
  ],
};

/** The shop's other contact channels, shown beside the chat. */
export const DEMO_CHANNELS: ChatChannel[] = [
  { kind: 'whatsapp', url: 'https://wa.me/15550100123' },
  { kind: 'email', url: 'https://example.com/contact' },
];

/** Typical minutes until the demo shop answers a chat. */
export const DEMO_REPLY_TIME_MINUTES = 5;
