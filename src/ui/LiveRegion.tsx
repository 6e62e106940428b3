/**
 * A polite live region. Keep it rendered and change its text: screen readers announce changes
 * of a region that already exists, not one that appears with its text. By default it is
 * visually hidden (with a CSSOM style object, so it needs no stylesheet and no 'unsafe-inline');
 * `visible` shows the text too, for a message that sighted shoppers should read as well.
 */
import type { ComponentChildren } from 'preact';

const HIDDEN = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: '0',
  overflow: 'hidden',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: '0',
} as const;

/** Props of `LiveRegion`. */
export interface LiveRegionProps {
  /** Show the text on screen as well (default: announced only). */
  visible?: boolean;
  class?: string;
  /** Changing it announces the text again, even when it is the same as before (a second identical reply). */
  announceKey?: number;
  children?: ComponentChildren;
}

/** Announces its text to screen readers whenever it (or `announceKey`) changes. */
export function LiveRegion({ visible, class: className, announceKey, children }: LiveRegionProps) {
  return (
    <div role="status" aria-live="polite" aria-atomic="true" class={className} style={visible ? undefined : HIDDEN}>
      {/* A new key replaces the node, a change screen readers announce even when the text is the same. */}
      <span key={announceKey}>{children}</span>
    </div>
  );
}
