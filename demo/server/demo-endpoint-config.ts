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

/** A discount's segment and prize labels in every language the bundle ships. */
function percentOff(percent: number): { label: Record<string, string>; prize: Record<string, string> } {
  return {
    label: { en: `${percent}% off`, sv: `${percent} % rabatt`, sl: `${percent} % popusta`, th: `ลด ${percent}%`, nl: `${percent}% korting`, da: `${percent} % rabat` },
    prize: {
      en: `${percent}% off your next order`,
      sv: `${percent} % rabatt på nästa beställning`,
      sl: `${percent} % popusta pri naslednjem nakupu`,
      th: `ส่วนลด ${percent}% สำหรับคำสั่งซื้อถัดไป`,
      nl: `${percent}% korting op je volgende bestelling`,
      da: `${percent} % rabat på dit næste køb`,
    },
  };
}

const [tenOff, twentyOff] = [percentOff(10), percentOff(20)];

/**
 * The demo wheel: mostly small discounts, a few capped big prizes, and two "next time" segments,
 * labelled in every language the bundle ships (English, the first, is the default).
 */
export const DEMO_WHEEL: WheelOptions = {
  requiresEmail: true,
  spinEveryMs: 30 * DAY_MS,
  segments: [
    { id: 'ten-off', label: tenOff.label, color: '#1f6f5c', weight: 30, prize: { label: tenOff.prize, codePrefix: 'SPIN10' } },
    {
      id: 'no-luck-1',
      label: { en: 'Next time', sv: 'Nästa gång', sl: 'Prihodnjič', th: 'ไว้ครั้งหน้า', nl: 'Volgende keer', da: 'Næste gang' },
      color: '#d9d2c5',
      weight: 20,
    },
    {
      id: 'free-shipping',
      label: { en: 'Free shipping', sv: 'Fri frakt', sl: 'Brez poštnine', th: 'ส่งฟรี', nl: 'Gratis verzending', da: 'Fri fragt' },
      color: '#c2693e',
      weight: 25,
      prize: {
        label: {
          en: 'Free shipping on your next order',
          sv: 'Fri frakt på nästa beställning',
          sl: 'Brez poštnine pri naslednjem nakupu',
          th: 'ส่งฟรีสำหรับคำสั่งซื้อถัดไป',
          nl: 'Gratis verzending op je volgende bestelling',
          da: 'Fri fragt på dit næste køb',
        },
        codePrefix: 'SHIPFREE',
      },
    },
    { id: 'twenty-off', label: twentyOff.label, color: '#24405f', weight: 5, prize: { label: twentyOff.prize, codePrefix: 'SPIN20', cap: 100 } },
    {
      id: 'no-luck-2',
      label: { en: 'So close', sv: 'Så nära', sl: 'Skoraj', th: 'เกือบแล้ว', nl: 'Net niet', da: 'Så tæt på' },
      color: '#e8e1d4',
      weight: 18,
    },
    {
      id: 'beanie',
      label: { en: 'Free beanie', sv: 'Gratis mössa', sl: 'Brezplačna kapa', th: 'หมวกไหมพรมฟรี', nl: 'Gratis muts', da: 'Gratis hue' },
      color: '#8a3b52',
      weight: 2,
      prize: {
        label: {
          en: 'A free Wool Beanie with your next order',
          sv: 'En gratis Wool Beanie till nästa beställning',
          sl: 'Brezplačna kapa Wool Beanie pri naslednjem nakupu',
          th: 'รับหมวก Wool Beanie ฟรีกับคำสั่งซื้อถัดไป',
          nl: 'Een gratis Wool Beanie bij je volgende bestelling',
          da: 'En gratis Wool Beanie med dit næste køb',
        },
        codePrefix: 'BEANIE',
        cap: 10,
        validForMs: 7 * DAY_MS,
      },
    },
  ],
};

/** The shop's other contact channels, shown beside the chat. */
export const DEMO_CHANNELS: ChatChannel[] = [
  { kind: 'whatsapp', url: 'https://wa.me/15550100123' },
  { kind: 'email', url: 'mailto:hello@example.com' },
];

/** Typical minutes until the demo shop answers a chat. */
export const DEMO_REPLY_TIME_MINUTES = 5;
