import { describe, expect, it } from 'vitest';
import { withTexts } from '../../core/messages';
import { readChannels, safeChannelUrl } from './channels';
import { parseOptions } from './options';

function collect() {
  const warnings: string[] = [];
  return { warnings, report: withTexts((field, problem, fix) => void warnings.push(`${field}: ${problem}. ${fix}`)) };
}

describe('chat options', () => {
  it('defaults to the right corner, the theme colour and no channels', () => {
    const { warnings, report } = collect();
    expect(parseOptions({}, report)).toEqual({ position: 'right', color: null });
    expect(warnings).toEqual([]);
  });

  it('reports each wrong field once, naming it, and falls back to its default', () => {
    const { warnings, report } = collect();
    const options = parseOptions({ position: 'top', color: 'red; background: url(x)', greeting: 'Hi' }, report);
    expect(options).toEqual({ position: 'right', color: null });
    expect(warnings.map((warning) => warning.split(':')[0])).toEqual(['chat.position', 'chat.color', 'chat.greeting']);
  });

  it('keeps a valid position and colour', () => {
    const { warnings, report } = collect();
    expect(parseOptions({ position: 'left', color: ' #0b6e4f ' }, report)).toMatchObject({ position: 'left', color: '#0b6e4f' });
    expect(warnings).toEqual([]);
  });
});

describe('chat channels', () => {
  it('accepts only http(s), mailto: and tel: URLs', () => {
    expect(safeChannelUrl('https://wa.me/46701234567')).toBe('https://wa.me/46701234567');
    expect(safeChannelUrl('mailto:help@shop.example')).toBe('mailto:help@shop.example');
    expect(safeChannelUrl('tel:+4681234567')).toBe('tel:+4681234567');
    for (const hostile of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x', 'ftp://x.example', '/contact', '', 42]) {
      expect(safeChannelUrl(hostile)).toBeNull();
    }
  });

  it('reports channels that are not a list', () => {
    const { warnings, report } = collect();
    expect(readChannels('whatsapp', 'chat.channels', report)).toEqual([]);
    expect(warnings[0]).toMatch(/^chat.channels: must be a list/);
  });

  it('drops unknown kinds, unsafe URLs and duplicates, and keeps labels as given', () => {
    const { warnings, report } = collect();
    const channels = readChannels(
      [
        { kind: 'whatsapp', url: 'https://wa.me/1' },
        { kind: 'whatsapp', url: 'https://wa.me/1' },
        { kind: 'link', url: 'javascript:alert(1)' },
        { kind: 'pager', url: 'https://x.example' },
        null,
        { kind: 'phone', url: 'tel:+1', label: '  <b>Call</b>  ' },
      ],
      'chat.channels',
      report,
    );
    expect(channels).toEqual([
      { kind: 'whatsapp', url: 'https://wa.me/1' },
      { kind: 'phone', url: 'tel:+1', label: '<b>Call</b>' },
    ]);
    expect(warnings.map((warning) => warning.split(':')[0])).toEqual(['chat.channels[2].url', 'chat.channels[3].kind', 'chat.channels[4].kind']);
  });
});
