/**
 * Keeps a keyboard shopper's place when a tab's × button (the wheel's code reminder, the account
 * prompt's teaser) removes the tab, and with it the control that has focus (the browser would drop
 * focus to the top of the page). Like the focus
 * scopes of React Aria and Radix, focus goes back to the page element it came from. When there is
 * none that can take it (the shopper came from the address bar, or that element is gone), focus is
 * left where the browser puts it and the widget announces the change instead: any other place would
 * be one the shopper never chose.
 */
import { useRef } from 'preact/hooks';

/** Remembers where focus was before it entered the tab, and takes it back there when the tab is hidden. */
export function useTabFocusReturn() {
  const cameFrom = useRef<HTMLElement | null>(null);
  return {
    /** The tab's `onFocusIn`: notes the page element focus left for the tab. */
    onFocusIn(event: FocusEvent): void {
      const from = event.relatedTarget as HTMLElement | null;
      // Skipped: focus moving within the widget (the dialog handing it back to the tab), and focus coming back with the window (no related target).
      if (from && !(event.currentTarget as Node).getRootNode().contains(from)) cameFrom.current = from;
    },
    /** Call from the × button's click before hiding the tab; true when the shopper should hear that the tab went, since focus had nowhere to go back to. */
    leave(event: MouseEvent): boolean {
      const button = event.currentTarget as HTMLElement;
      // A mouse or touch press counts its clicks (detail > 0, how React Aria's usePress tells them apart); its shopper sees the tab go, and
      // moving focus for them could open a phone keyboard on a field they left long ago. Keyboard and assistive technology clicks have 0.
      if (event.detail !== 0 || (button.getRootNode() as ShadowRoot | Document).activeElement !== button) return false;
      const target = cameFrom.current;
      if (!target?.isConnected) return true;
      target.focus();
      return (target.getRootNode() as ShadowRoot | Document).activeElement !== target;
    },
  };
}
