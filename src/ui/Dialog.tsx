/**
 * The accessible modal dialog every Regulars widget shares.
 *
 * Render it to open it and stop rendering it to close it: the parent owns the open state.
 * It is a native `<dialog>` opened with `showModal()`, so the browser itself makes the rest of
 * the page inert and puts the dialog in the top layer; Regulars never sets `inert` on the
 * merchant's elements, so it cannot leave any of them stuck. On top of that it wraps Tab and
 * Shift+Tab inside the dialog, closes on Escape (and the browser's own close requests), is named
 * by its heading, keeps the page behind from scrolling while open, and on close returns focus to the element that had it before opening, or to
 * `returnFocus()` when that element is gone, hidden or inert by then.
 *
 * Styles: adopt `dialogStyles` into the widget's shadow root next to the widget's own CSS. They
 * also style dialog content with these classes: `field` (a label wrapping a 16px, 44px-high input),
 * `field-error` and `alert` (error texts), `check` (a label wrapping a checkbox), `button` and
 * `button secondary` (full-width 44px actions).
 */
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import css from './dialog.css?inline';
import { usePageScrollLock } from './scroll-lock';

/** The stylesheet of `Dialog`, for `context.adoptStyles(dialogStyles)`. */
export const dialogStyles = css;

/** Props of `Dialog`. */
export interface DialogProps {
  /** The visible heading; it also names the dialog for assistive technology. */
  title: ComponentChildren;
  /** Accessible name of the close button, from the widget's locale pack. */
  closeLabel: string;
  /** Called on Escape, the close button or a browser close request; the parent stops rendering the dialog, or keeps it to refuse. */
  onClose(): void;
  /** Element to focus on open; without it (or when it returns null) the dialog itself takes focus. */
  initialFocus?: () => HTMLElement | null | undefined;
  /** Element to focus on close when the one focused before opening can no longer take focus. */
  returnFocus?: () => HTMLElement | null | undefined;
  /** Extra class on the `<dialog>` element. */
  class?: string;
  children?: ComponentChildren;
}

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]):not([type=hidden]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';

/** The focused element, looking inside open shadow roots (document.activeElement stops at the host). */
function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement as HTMLElement | null;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement as HTMLElement;
  return active;
}

/** Focuses `target` and tells whether it really took focus (it may be hidden, disabled, or inside inert content). */
function focusTook(target: HTMLElement | null | undefined): boolean {
  if (!target?.isConnected || target === document.body) return false;
  target.focus();
  return deepActiveElement() === target;
}

/** A modal dialog with a heading, a close button, a focus trap, Escape to close and focus return. */
export function Dialog(props: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Handlers read the latest props without re-running the open/close effect.
  const latest = useRef(props);
  latest.current = props;
  const closing = useRef(false);
  usePageScrollLock(true);

  useLayoutEffect(() => {
    const dialog = ref.current!;
    const opener = deepActiveElement();
    try {
      dialog.showModal();
    } catch {
      // Not connected yet or already open without modality: fall back to a plain open dialog.
      dialog.setAttribute('open', '');
      dialog.setAttribute('data-fallback', '');
    }
    if (!focusTook(latest.current.initialFocus?.())) dialog.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Nothing was focused (an automatic opening): leave focus where the browser puts it, not at the end of the page.
      if (opener && opener !== document.body && !focusTook(opener)) focusTook(latest.current.returnFocus?.());
    };
  }, []);

  // One key press can arrive both as keydown and as the browser's cancel event: ask the parent once.
  const requestClose = () => {
    if (closing.current) return;
    closing.current = true;
    queueMicrotask(() => (closing.current = false));
    latest.current.onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      requestClose();
    } else if (event.key === 'Tab') {
      // The native modal lets Tab leave for the browser's own UI; wrapping keeps keyboard users in the dialog.
      const dialog = ref.current!;
      const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
      const active = (dialog.getRootNode() as Document | ShadowRoot).activeElement;
      const edge = event.shiftKey ? items[0] : items[items.length - 1];
      if (items.length && (active === edge || active === dialog || !dialog.contains(active))) {
        event.preventDefault();
        (event.shiftKey ? items[items.length - 1] : items[0])!.focus();
      }
    }
  };

  return (
    <dialog
      ref={ref}
      class={props.class ? `dialog ${props.class}` : 'dialog'}
      aria-modal="true"
      aria-labelledby={titleId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onCancel={(event) => {
        event.preventDefault();
        requestClose();
      }}
    >
      <button type="button" class="dialog-close" aria-label={props.closeLabel} onClick={requestClose}>
        <span aria-hidden="true">×</span>
      </button>
      <h2 id={titleId} class="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
