import { useEffect, useState } from 'preact/hooks';

/**
 * While `active`, follows the visual viewport (the part above the on-screen keyboard) as
 * `--regulars-chat-top` / `--regulars-chat-height`, which the narrow-screen layout uses so the
 * input stays visible; `dvh` alone does not shrink for the keyboard on iOS or recent Chrome.
 */
export function useVisualViewport(active: boolean): Record<string, string> | undefined {
  const [box, setBox] = useState<Record<string, string> | undefined>(undefined);
  useEffect(() => {
    const viewport = globalThis.visualViewport;
    if (!active || !viewport) return;
    const update = () => setBox({ '--regulars-chat-top': `${viewport.offsetTop}px`, '--regulars-chat-height': `${viewport.height}px` });
    update();
    viewport.addEventListener('resize', update);
    viewport.addEventListener('scroll', update);
    return () => {
      viewport.removeEventListener('resize', update);
      viewport.removeEventListener('scroll', update);
    };
  }, [active]);
  return active ? box : undefined;
}
