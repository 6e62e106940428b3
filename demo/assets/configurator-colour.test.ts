import { describe, expect, it } from 'vitest';
import { colourHex, hexFromCss, isCssColour } from './configurator-colour';

describe('hexFromCss', () => {
  it('reads the forms a computed colour takes as #rrggbb', () => {
    expect(hexFromCss('rgb(255, 0, 0)')).toBe('#ff0000');
    expect(hexFromCss('rgba(11, 110, 79, 0.5)')).toBe('#0b6e4f');
    expect(hexFromCss('rgb(11 110 79 / 50%)')).toBe('#0b6e4f');
    expect(hexFromCss('#F00')).toBe('#ff0000');
    expect(hexFromCss('#8A3B52')).toBe('#8a3b52');
  });

  it('gives null for text it cannot read', () => {
    for (const text of ['', 'red', '#1f6f5', 'color(display-p3 1 0 0)', 'rgb(1, 2)']) expect(hexFromCss(text), text).toBeNull();
  });
});

describe('colourHex', () => {
  it('gives the colour the browser reads, and null for what it takes for no colour', () => {
    expect(colourHex(document, '#F00')).toBe('#ff0000');
    expect(isCssColour(document, '#1f6f5')).toBe(false);
    expect(colourHex(document, '#1f6f5')).toBeNull();
    expect(colourHex(document, 'red; x')).toBeNull();
    expect(document.querySelectorAll('span')).toHaveLength(0);
  });
});
