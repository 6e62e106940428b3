import { act, fireEvent, render } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Dialog, type DialogProps } from './Dialog';

/** A page with an opener button and a fallback button; the dialog is rendered while `open`. */
function Page(props: { initiallyOpen?: boolean; keepOpener?: boolean; dialog?: Partial<DialogProps> }) {
  const [open, setOpen] = useState(!!props.initiallyOpen);
  const [opener, setOpener] = useState(true);
  return (
    <div>
      {opener && (
        <button type="button" onClick={() => setOpen(true)}>
          Open
        </button>
      )}
      <button type="button" id="fallback">
        Fallback
      </button>
      {open && (
        <Dialog
          title="Join us"
          closeLabel="Close"
          onClose={() => {
            if (!props.keepOpener) setOpener(false);
            setOpen(false);
          }}
          returnFocus={() => document.getElementById('fallback')}
          {...props.dialog}
        >
          <input aria-label="Email" />
          <button type="submit">Send</button>
        </Dialog>
      )}
    </div>
  );
}

afterEach(() => (document.activeElement as HTMLElement | null)?.blur());

describe('Dialog', () => {
  it('is a modal dialog named by its heading, focused on open', () => {
    const view = render(<Page initiallyOpen />);
    const dialog = view.getByRole('dialog', { name: 'Join us' }) as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
  });

  it('focuses what initialFocus returns', () => {
    const view = render(<Page initiallyOpen dialog={{ initialFocus: () => document.querySelector('input') }} />);
    expect(document.activeElement).toBe(view.getByRole('textbox', { name: 'Email' }));
  });

  it('wraps Tab and Shift+Tab around its controls', () => {
    const view = render(<Page initiallyOpen />);
    const close = view.getByRole('button', { name: 'Close' });
    const send = view.getByRole('button', { name: 'Send' });
    send.focus();
    fireEvent.keyDown(send, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(send);
    // In the middle, Tab is left to the browser.
    const email = view.getByRole('textbox', { name: 'Email' });
    email.focus();
    expect(fireEvent.keyDown(email, { key: 'Tab' })).toBe(true);
  });

  it('closes on Escape and on the browser close request, and returns focus to the opener', () => {
    const view = render(<Page keepOpener />);
    const opener = view.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    const dialog = view.getByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(view.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);

    fireEvent.click(opener);
    const cancel = new Event('cancel', { cancelable: true });
    act(() => void view.getByRole('dialog').dispatchEvent(cancel));
    expect(cancel.defaultPrevented).toBe(true);
    expect(view.queryByRole('dialog')).toBeNull();
  });

  it('asks its parent once per key press, and again later when the parent kept it open', async () => {
    let calls = 0;
    const view = render(
      <Dialog title="Join us" closeLabel="Close" onClose={() => (calls += 1)}>
        <p>Body</p>
      </Dialog>,
    );
    const dialog = view.getByRole('dialog');
    // Escape arrives as keydown and, in some engines, as the dialog's cancel event too.
    act(() => {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
      dialog.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    expect(calls).toBe(1);
    await Promise.resolve();
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    expect(calls).toBe(2);
  });

  it('returns focus to returnFocus when the opener is gone', () => {
    const view = render(<Page />);
    const opener = view.getByRole('button', { name: 'Open' });
    opener.focus();
    fireEvent.click(opener);
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    expect(view.queryByRole('button', { name: 'Open' })).toBeNull();
    expect(document.activeElement).toBe(view.getByRole('button', { name: 'Fallback' }));
  });

  it('leaves focus alone when nothing had it before an automatic opening', () => {
    const view = render(<Page initiallyOpen />);
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    expect(document.activeElement).toBe(document.body);
  });
});
