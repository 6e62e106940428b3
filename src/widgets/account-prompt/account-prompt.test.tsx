import { configure, fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEndpointHandler, type EndpointOptions } from '../../../demo/endpoint/handler';
import { createTestContext, type TestContext, type TestEndpoint } from '../../../test/widget-context';
import { PINNED_KEY } from '../../core/widget-context';
import type { MountReason, RegularsConfig, WidgetHandle, WidgetName } from '../../types';
import mountAccountPrompt from './index';

interface Prompt {
  test: TestContext;
  handle: WidgetHandle;
  root: ShadowRoot;
  /** The widget's shadow root, queried like a document. */
  view: ReturnType<typeof within>;
}

const mounted: Prompt[] = [];

// Testing Library cannot print a shadow root in its failure messages; the message alone says what is missing.
configure({ getElementError: (message) => new Error(message ?? 'element not found') });

afterEach(() => {
  for (const prompt of mounted.splice(0)) {
    prompt.handle.unmount();
    prompt.test.context.host.remove();
  }
  vi.unstubAllGlobals();
});

/** The reference endpoint, fresh for each test unless one is passed in. */
function referenceEndpoint(options: EndpointOptions = {}): TestEndpoint {
  return createEndpointHandler({ onError: () => {}, ...options });
}

async function mountPrompt(
  options: {
    reason?: MountReason;
    endpoint?: TestEndpoint | null;
    config?: RegularsConfig;
    customer?: string;
    modalHeldBy?: WidgetName;
  } = {},
): Promise<Prompt> {
  const test = await createTestContext('account-prompt', {
    endpoint: options.endpoint === undefined ? referenceEndpoint() : options.endpoint,
    config: { widgets: ['account-prompt'], ...options.config },
  });
  test.context.reason = options.reason ?? 'trigger';
  if (options.customer) test.setIdentity({ customer: options.customer });
  if (options.modalHeldBy) test.context.modal.request(options.modalHeldBy);
  const handle = await mountAccountPrompt(test.context);
  const root = test.context.root;
  const prompt = { test, handle, root, view: within(root as unknown as HTMLElement) };
  mounted.push(prompt);
  return prompt;
}

function requestBodies(test: TestContext, path: string): Promise<Record<string, unknown>[]> {
  return Promise.all(test.requests.filter((request) => new URL(request.url).pathname.endsWith(path)).map((request) => request.json()));
}

/** Types into a field the way a browser reports it: the value changes, then `input` fires. */
function type(field: HTMLElement, text: string): void {
  fireEvent.input(field, { target: { value: text } });
}

function submitButton(view: Prompt['view']): HTMLElement {
  return view.getByRole('button', { name: /create account|try again|creating your account/i });
}

async function caps(test: TestContext): Promise<{ shown?: number; dismissed?: number; completed?: number } | undefined> {
  return test.storage.get('caps:account-prompt');
}

async function pinned(test: TestContext): Promise<string[]> {
  return (await test.storage.get<string[]>(PINNED_KEY)) ?? [];
}

describe('account prompt: showing the dialog', () => {
  it('opens a labelled modal dialog with the benefits, an email field and an unticked consent box when a trigger fires', async () => {
    const { view, test, root } = await mountPrompt();
    const dialog = view.getByRole('dialog', { name: 'Create your free account' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(view.getAllByRole('listitem').map((item: HTMLElement) => item.textContent)).toEqual(['Order tracking', 'Exclusive offers', 'Faster checkout']);
    const email = view.getByRole('textbox', { name: 'Email' }) as HTMLInputElement;
    expect(email.type).toBe('email');
    expect(email.required).toBe(true);
    expect(email.autocomplete).toBe('email');
    expect(view.getByRole('textbox', { name: 'Name (optional)' })).toBeTruthy();
    expect((view.getByRole('checkbox', { name: /offers and news/ }) as HTMLInputElement).checked).toBe(false);
    // An automatic opening focuses the dialog, not the field: no phone keyboard pops up unasked.
    expect(root.activeElement).toBe(dialog);
    expect(test.context.modal.holder()).toBe('account-prompt');
    expect(test.tracked).toEqual([{ type: 'widget_shown', data: { widget: 'account-prompt', trigger: 'trigger' }, product: undefined }]);
    await waitFor(async () => expect((await caps(test))?.shown).toBeTypeOf('number'));
    expect(await pinned(test)).toEqual(['account-prompt']);
  });

  it('puts focus in the email field when the host page opens it', async () => {
    const { view, root } = await mountPrompt({ reason: 'command' });
    expect(root.activeElement).toBe(view.getByRole('textbox', { name: 'Email' }));
  });

  it('shows only the teaser when another widget holds the screen', async () => {
    const { view, test } = await mountPrompt({ modalHeldBy: 'loyalty-wheel' });
    expect(view.queryByRole('dialog')).toBeNull();
    expect(view.getByRole('button', { name: 'Create an account' })).toBeTruthy();
    expect(test.tracked).toEqual([]);
    expect(test.context.modal.holder()).toBe('loyalty-wheel');
  });

  it('mounts pinned as the teaser tab alone, and the tab opens the dialog', async () => {
    const { view, test, root } = await mountPrompt({ reason: 'pinned' });
    expect(view.queryByRole('dialog')).toBeNull();
    fireEvent.click(view.getByRole('button', { name: 'Create an account' }));
    await view.findByRole('dialog', { name: 'Create your free account' });
    expect(root.activeElement).toBe(view.getByRole('textbox', { name: 'Email' }));
    expect(test.tracked.map((event) => [event.type, event.data?.trigger])).toEqual([['widget_shown', 'teaser']]);
  });

  it('never shows anything to a shopper the host page identified', async () => {
    const { view, handle, test, root } = await mountPrompt({ customer: 'customer-42' });
    expect(view.queryByRole('dialog')).toBeNull();
    handle.open!();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(root.querySelector('button, dialog')).toBeNull();
    expect(test.tracked).toEqual([]);
    expect(test.context.modal.holder()).toBeNull();
  });

  it('removes the teaser for good when the shopper signs in on the host page', async () => {
    const { view, handle, test } = await mountPrompt({ reason: 'pinned' });
    await test.context.pin(true);
    expect(view.getByRole('button', { name: 'Create an account' })).toBeTruthy();
    test.setIdentity({ customer: 'customer-7' });
    handle.close!();
    await waitFor(() => expect(view.queryByRole('button', { name: 'Create an account' })).toBeNull());
    await waitFor(async () => expect(await pinned(test)).toEqual([]));
  });

  it('renders nothing and says why when there is no endpoint', async () => {
    const { root, test } = await mountPrompt({ endpoint: null, config: { endpoint: undefined } });
    expect(root.childNodes.length).toBe(0);
    expect(test.warnings.some((warning) => warning.startsWith('endpoint:'))).toBe(true);
  });
});

describe('account prompt: signing up', () => {
  it('sends the sign-up with marketing consent off by default and welcomes the shopper', async () => {
    const { view, test, root } = await mountPrompt({ reason: 'command' });
    type(view.getByRole('textbox', { name: 'Email' }), '  Ada@Example.com ');
    type(view.getByRole('textbox', { name: 'Name (optional)' }), 'Ada Lovelace');
    fireEvent.click(submitButton(view));

    await view.findByText('Welcome! Your account is ready.');
    expect(await requestBodies(test, '/accounts')).toEqual([
      { shopper: 'shopper-test-1', email: 'Ada@Example.com', name: 'Ada Lovelace', consent: { marketing: false }, source: 'account-prompt' },
    ]);
    const done = view.getByRole('button', { name: 'Continue shopping' });
    expect(root.activeElement).toBe(done);
    expect(within(view.getByRole('dialog')).getByRole('status').textContent).toBe('Welcome! Your account is ready.');
    expect(test.tracked.at(-1)).toEqual({ type: 'account_prompt_submitted', data: { widget: 'account-prompt', status: 'created', marketing: false }, product: undefined });
    expect(test.emitted).toEqual([{ name: 'account:created', detail: { status: 'created' } }]);
    await waitFor(async () => expect((await caps(test))?.completed).toBeTypeOf('number'));
    await waitFor(async () => expect(await pinned(test)).toEqual([]));

    fireEvent.click(done);
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(view.queryByRole('button', { name: 'Create an account' })).toBeNull();
    expect(test.context.modal.holder()).toBeNull();
    expect(test.tracked.map((event) => event.type)).not.toContain('widget_dismissed');
  });

  it('sends marketing consent only when the shopper ticks the box, and leaves out an empty name', async () => {
    const { view, test } = await mountPrompt({ reason: 'command' });
    type(view.getByRole('textbox', { name: 'Email' }), 'grace@example.com');
    fireEvent.click(view.getByRole('checkbox', { name: /offers and news/ }));
    fireEvent.click(submitButton(view));
    await view.findByText('Welcome! Your account is ready.');
    expect(await requestBodies(test, '/accounts')).toEqual([
      { shopper: 'shopper-test-1', email: 'grace@example.com', consent: { marketing: true }, source: 'account-prompt' },
    ]);
  });

  it('ties a missing or malformed email to the field and sends nothing', async () => {
    const { view, test, root } = await mountPrompt();
    const email = view.getByRole('textbox', { name: 'Email' });
    fireEvent.click(submitButton(view));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(root.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('Enter your email address.');
    expect(root.activeElement).toBe(email);

    type(email, 'not-an-address');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    fireEvent.click(submitButton(view));
    await waitFor(() => expect(view.getByText('Enter an email address like name@example.com.')).toBeTruthy());
    expect(email.getAttribute('aria-describedby')).toBe(view.getByText('Enter an email address like name@example.com.').id);

    const name = view.getByRole('textbox', { name: 'Name (optional)' });
    type(email, 'ok@example.com');
    type(name, 'x'.repeat(101));
    fireEvent.click(submitButton(view));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(root.activeElement).toBe(name);
    expect(test.requests).toEqual([]);
  });

  it('offers sign-in at the merchant login page when the email already has an account', async () => {
    const endpoint = referenceEndpoint();
    const first = await mountPrompt({ reason: 'command', endpoint });
    type(first.view.getByRole('textbox', { name: 'Email' }), 'linus@example.com');
    fireEvent.click(submitButton(first.view));
    await first.view.findByText('Welcome! Your account is ready.');

    const { view, test, root } = await mountPrompt({ reason: 'command', endpoint, config: { accountPrompt: { loginUrl: '/account/login' } } });
    type(view.getByRole('textbox', { name: 'Email' }), 'Linus@example.com');
    fireEvent.click(submitButton(view));
    await view.findByText('There is already an account for Linus@example.com.');
    const signIn = view.getByRole('link', { name: 'Sign in' });
    // A relative login URL resolves against the page the shopper is on.
    expect(signIn.getAttribute('href')).toBe(new URL('/account/login', location.href).href);
    expect(root.activeElement).toBe(signIn);
    expect(test.emitted).toEqual([{ name: 'account:created', detail: { status: 'exists' } }]);
    await waitFor(async () => expect((await caps(test))?.completed).toBeTypeOf('number'));
  });

  it('has no sign-in link without a login URL', async () => {
    const endpoint = referenceEndpoint();
    await endpoint(
      new Request('https://shop.example/regulars/accounts', {
        method: 'POST',
        body: JSON.stringify({ shopper: 'someone', email: 'taken@example.com', consent: { marketing: false }, source: 'test' }),
      }),
    );
    const { view } = await mountPrompt({ reason: 'command', endpoint });
    type(view.getByRole('textbox', { name: 'Email' }), 'taken@example.com');
    fireEvent.click(submitButton(view));
    await view.findByText('There is already an account for taken@example.com.');
    expect(view.queryByRole('link')).toBeNull();
  });

  it('asks the shopper to confirm by email when the shop verifies addresses', async () => {
    const { view, test } = await mountPrompt({ reason: 'command', endpoint: referenceEndpoint({ verifyEmails: true }) });
    type(view.getByRole('textbox', { name: 'Email' }), 'mary@example.com');
    fireEvent.click(submitButton(view));
    await view.findByText('Almost done: open the link we sent to mary@example.com to confirm your account.');
    expect(test.emitted).toEqual([{ name: 'account:created', detail: { status: 'verification_sent' } }]);
  });

  it('keeps the typed email when the network fails, and the retry button succeeds once the shop is back', async () => {
    const handler = referenceEndpoint();
    let down = true;
    const { view, test, root } = await mountPrompt({
      reason: 'command',
      endpoint: (request) => {
        if (down && request.url.includes('/accounts')) throw new TypeError('Failed to fetch');
        return handler(request);
      },
    });
    const email = view.getByRole('textbox', { name: 'Email' }) as HTMLInputElement;
    type(email, 'alan@example.com');
    fireEvent.click(submitButton(view));

    const alert = await view.findByRole('alert');
    expect(alert.textContent).toBe('We could not reach the shop. Your details are still here: try again.');
    expect(email.value).toBe('alan@example.com');
    const retry = view.getByRole('button', { name: 'Try again' });
    expect(retry.getAttribute('aria-describedby')).toBe(alert.id);
    expect(test.emitted).toEqual([]);
    expect(await caps(test).then((value) => value?.completed)).toBeUndefined();

    down = false;
    fireEvent.click(retry);
    await view.findByText('Welcome! Your account is ready.');
    expect(root.activeElement).toBe(view.getByRole('button', { name: 'Continue shopping' }));
    const bodies = await requestBodies(test, '/accounts');
    expect(bodies.map((body) => body.email)).toEqual(['alan@example.com', 'alan@example.com']);
    expect(test.emitted).toEqual([{ name: 'account:created', detail: { status: 'created' } }]);
  });

  it('treats a 5xx and a garbage answer as retryable server failures', async () => {
    let answer: () => Response = () => new Response(JSON.stringify({ error: { code: 'internal_error', message: 'boom' } }), { status: 500 });
    const { view } = await mountPrompt({ reason: 'command', endpoint: () => answer() });
    type(view.getByRole('textbox', { name: 'Email' }), 'ken@example.com');
    fireEvent.click(submitButton(view));
    expect((await view.findByRole('alert')).textContent).toBe('Something went wrong on our side. Your details are still here: try again.');

    answer = () => new Response(JSON.stringify({ status: 'welcome!' }), { status: 200 });
    fireEvent.click(view.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(view.getByRole('button', { name: 'Try again' }).getAttribute('aria-disabled')).toBeNull());
    expect(view.getByRole('alert').textContent).toBe('Something went wrong on our side. Your details are still here: try again.');
    expect(view.queryByText(/welcome/i)).toBeNull();
  });

  it('shows an email the endpoint refuses at the field', async () => {
    const { view, root } = await mountPrompt({
      reason: 'command',
      endpoint: () => new Response(JSON.stringify({ error: { code: 'invalid_email', message: 'email must be valid' } }), { status: 400 }),
    });
    const email = view.getByRole('textbox', { name: 'Email' });
    type(email, 'odd@example.com');
    fireEvent.click(submitButton(view));
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(root.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('Enter an email address like name@example.com.');
    expect(root.activeElement).toBe(email);
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('shows a name the reference endpoint refuses at the name field', async () => {
    // The reference endpoint's real answer to a name it refuses, replayed to the widget (the form's own check stops it earlier).
    const refusal = await referenceEndpoint()(
      new Request('https://shop.example/regulars/accounts', {
        method: 'POST',
        body: JSON.stringify({ shopper: 's', email: 'a@example.com', name: 'n'.repeat(101), consent: { marketing: false }, source: 'account-prompt' }),
      }),
    );
    expect(refusal.status).toBe(400);
    const answer = await refusal.text();
    const { view, root } = await mountPrompt({ reason: 'command', endpoint: () => new Response(answer, { status: 400 }) });
    type(view.getByRole('textbox', { name: 'Email' }), 'a@example.com');
    const name = view.getByRole('textbox', { name: 'Name (optional)' });
    type(name, 'Ada');
    fireEvent.click(submitButton(view));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(root.getElementById(name.getAttribute('aria-describedby')!)!.textContent).toBe('Enter a name of at most 100 characters.');
    expect(root.activeElement).toBe(name);
  });

  it('waits out Retry-After before letting the shopper retry a rate-limited sign-up', async () => {
    const handler = referenceEndpoint({ rateLimits: { accounts: { max: 1, windowMs: 60_000 } } });
    const first = await mountPrompt({ reason: 'command', endpoint: handler });
    type(first.view.getByRole('textbox', { name: 'Email' }), 'one@example.com');
    fireEvent.click(submitButton(first.view));
    await first.view.findByText('Welcome! Your account is ready.');

    const { view, test } = await mountPrompt({ reason: 'command', endpoint: handler });
    type(view.getByRole('textbox', { name: 'Email' }), 'two@example.com');
    fireEvent.click(submitButton(view));
    expect((await view.findByRole('alert')).textContent).toBe('Too many attempts. Please wait a moment, then try again.');
    const retry = view.getByRole('button', { name: 'Try again' });
    expect(retry.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(retry);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(test.requests.length).toBe(1);
  });
});

describe('account prompt: dismissal and the teaser', () => {
  it('closes on Escape, records the dismissal and leaves a teaser that reopens the dialog with the typed email', async () => {
    const { view, test, root } = await mountPrompt();
    type(view.getByRole('textbox', { name: 'Email' }), 'half@example.com');
    fireEvent.keyDown(view.getByRole('dialog'), { key: 'Escape' });

    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(test.context.modal.holder()).toBeNull();
    expect(test.tracked.map((event) => [event.type, event.data?.view])).toEqual([
      ['widget_shown', undefined],
      ['widget_dismissed', 'dialog'],
    ]);
    await waitFor(async () => expect((await caps(test))?.dismissed).toBeTypeOf('number'));
    expect(await pinned(test)).toEqual(['account-prompt']);

    const teaser = view.getByRole('button', { name: 'Create an account' });
    teaser.focus();
    fireEvent.click(teaser);
    await view.findByRole('dialog');
    expect((view.getByRole('textbox', { name: 'Email' }) as HTMLInputElement).value).toBe('half@example.com');

    // Focus goes back to the tab that opened it.
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(root.activeElement).toBe(view.getByRole('button', { name: 'Create an account' }));
  });

  it('hides the teaser for good when the shopper asks', async () => {
    const { view, test } = await mountPrompt({ reason: 'pinned' });
    await test.context.pin(true);
    fireEvent.click(view.getByRole('button', { name: 'Hide the account invitation' }));
    await waitFor(() => expect(view.queryByRole('button', { name: 'Create an account' })).toBeNull());
    await waitFor(async () => expect(await pinned(test)).toEqual([]));
    expect((await caps(test))?.dismissed).toBeTypeOf('number');
    expect(test.tracked.map((event) => [event.type, event.data?.view])).toEqual([['widget_dismissed', 'teaser']]);
  });

  it('gives keyboard focus back to the page when the tab is hidden, even after the tab opened the dialog', async () => {
    const pageLink = document.createElement('a');
    pageLink.href = '/account';
    pageLink.textContent = 'Account';
    document.body.append(pageLink);
    try {
      const { view, root } = await mountPrompt({ reason: 'pinned' });
      pageLink.focus();
      const teaser = view.getByRole('button', { name: 'Create an account' });
      teaser.focus();
      fireEvent.click(teaser);
      fireEvent.keyDown(await view.findByRole('dialog'), { key: 'Escape' });
      await waitFor(() => expect(root.activeElement).toBe(view.getByRole('button', { name: 'Create an account' })));
      // Tab to the × button, then Enter (a click with detail 0).
      const hide = view.getByRole('button', { name: 'Hide the account invitation' });
      hide.focus();
      fireEvent.click(hide);
      await waitFor(() => expect(view.queryByRole('button', { name: 'Create an account' })).toBeNull());
      expect(document.activeElement).toBe(pageLink);
      expect(view.getByRole('status').textContent).toBe('');
    } finally {
      pageLink.remove();
    }
  });

  it('says the tab went when keyboard focus has no page element to go back to', async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    const { view } = await mountPrompt({ reason: 'pinned', config: { locale: 'sv' } });
    const hide = view.getByRole('button', { name: 'Dölj kontoinbjudan' });
    hide.focus();
    fireEvent.click(hide);
    await waitFor(() => expect(view.getByRole('status').textContent).toBe('Kontoinbjudan är dold.'));
  });

  it('leaves nothing behind after dismissal when the merchant turned the teaser off', async () => {
    const { view, test, root } = await mountPrompt({ config: { accountPrompt: { teaser: false } } });
    expect(await pinned(test)).toEqual([]);
    fireEvent.click(view.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(root.querySelector('button')).toBeNull();
    expect(await pinned(test)).toEqual([]);
    await waitFor(async () => expect((await caps(test))?.dismissed).toBeTypeOf('number'));
  });

  it('closes without counting a dismissal when the host page closes it', async () => {
    const { view, handle, test } = await mountPrompt();
    handle.close!();
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(test.tracked.map((event) => event.type)).toEqual(['widget_shown']);
    expect((await caps(test))?.dismissed).toBeUndefined();
    expect(view.getByRole('button', { name: 'Create an account' })).toBeTruthy();
  });
});

describe('account prompt: keyboard', () => {
  it('keeps Tab and Shift+Tab inside the dialog', async () => {
    const { view, root } = await mountPrompt();
    const dialog = view.getByRole('dialog');
    const close = view.getByRole('button', { name: 'Close' });
    const submit = submitButton(view);
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(root.activeElement).toBe(close);
    submit.focus();
    fireEvent.keyDown(submit, { key: 'Tab' });
    expect(root.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(root.activeElement).toBe(submit);
  });

  it('gives focus back to the element that had it before the host page opened the prompt', async () => {
    const opener = document.createElement('button');
    opener.textContent = 'Join';
    document.body.appendChild(opener);
    opener.focus();
    const { view } = await mountPrompt({ reason: 'command' });
    fireEvent.keyDown(view.getByRole('textbox', { name: 'Email' }), { key: 'Escape' });
    await waitFor(() => expect(view.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});

describe('account prompt: options and languages', () => {
  it('shows the merchant benefits and warns once per wrong option', async () => {
    const { view, test } = await mountPrompt({
      // @ts-expect-error wrong options on purpose: the prompt must warn about each
      config: { accountPrompt: { benefits: ['Free returns', ' Birthday gift '], loginUrl: 'javascript:alert(1)', teaser: 'yes', colour: 'red' } },
    });
    expect(view.getAllByRole('listitem').map((item: HTMLElement) => item.textContent)).toEqual(['Free returns', 'Birthday gift']);
    expect(test.warnings.map((warning) => warning.split(':')[0])).toEqual(['accountPrompt.colour', 'accountPrompt.loginUrl', 'accountPrompt.teaser']);
  });

  it('speaks the configured language and takes merchant overrides', async () => {
    const { view } = await mountPrompt({ config: { locale: 'sv', strings: { 'accountPrompt.submit': 'Bli medlem' } } });
    expect(view.getByRole('dialog', { name: 'Skapa ditt kostnadsfria konto' })).toBeTruthy();
    expect(view.getByRole('textbox', { name: 'E-post' })).toBeTruthy();
    expect(view.getByRole('button', { name: 'Bli medlem' })).toBeTruthy();
    expect(view.getByRole('button', { name: 'Stäng' })).toBeTruthy();
  });
});
