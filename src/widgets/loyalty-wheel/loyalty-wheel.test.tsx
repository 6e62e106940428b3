import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEndpointHandler, type EndpointOptions, type WheelOptions } from '../../../demo/endpoint/handler';
import { PINNED_KEY } from '../../core/widget-context';
import type { MountReason, RegularsConfig, WidgetHandle } from '../../types';
import { createTestContext, type TestContext, type TestEndpoint } from '../../../test/widget-context';
import { luminance, parseColor } from './colors';
import { restingAngle } from './geometry';
import mountLoyaltyWheel from './index';
import { COUPON_KEY, type Coupon } from './model';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const happyDOM = (window as unknown as { happyDOM: { settings: { device: { prefersReducedMotion: string } } } }).happyDOM;

/** A wheel of three segments where only `winner` can be drawn, so every spin's outcome is known. */
function wheel(winner: 'ten' | 'none', extra: Partial<WheelOptions> = {}): WheelOptions {
  return {
    segments: [
      { id: 'ten', label: '10% off', color: '#1f6f5c', weight: winner === 'ten' ? 1 : 0, prize: { label: '10% off your next order', codePrefix: 'SPIN10' } },
      { id: 'ship', label: 'Free shipping', weight: 0, prize: { label: 'Free shipping', codePrefix: 'SHIP' } },
      { id: 'none', label: 'Next time', color: '#d9d2c5', weight: winner === 'none' ? 1 : 0 },
    ],
    ...extra,
  };
}

/** The reference endpoint with that wheel; the per-address spin limit is off unless a test is about it. */
function endpoint(winner: 'ten' | 'none', extra: Partial<WheelOptions> = {}, options: EndpointOptions = {}) {
  return createEndpointHandler({ wheel: wheel(winner, extra), rateLimits: { spin: false }, ...options });
}

interface Mounted {
  test: TestContext;
  handle: WidgetHandle;
  view: ReturnType<typeof within>;
  root: ShadowRoot;
}

const mounted: WidgetHandle[] = [];

async function mountWheel(
  options: { reason?: MountReason; endpoint?: TestEndpoint | null; config?: RegularsConfig; prepare?: (test: TestContext) => Promise<void> | void } = {},
): Promise<Mounted> {
  const test = await createTestContext('loyalty-wheel', { endpoint: options.endpoint, config: options.config });
  await options.prepare?.(test);
  test.context = { ...test.context, reason: options.reason ?? 'trigger' };
  const handle = await mountLoyaltyWheel(test.context);
  mounted.push(handle);
  if (options.reason === 'command') handle.open?.();
  const root = test.context.root;
  return { test, handle, root, view: within(root as unknown as HTMLElement) };
}

/** Lets pending storage, endpoint calls and renders finish (real timers). */
async function settle(): Promise<void> {
  for (let round = 0; round < 5; round += 1) await new Promise((resolve) => setTimeout(resolve, 10));
}

function spinRequests(test: TestContext): Request[] {
  return test.requests.filter((request) => new URL(request.url).pathname.endsWith('/wheel/spin'));
}

async function spinButton(wheelView: Mounted) {
  return waitFor(() => wheelView.view.getByRole('button', { name: 'Spin the wheel' }));
}

function statusText(wheelView: Mounted): string {
  return wheelView.root.querySelector('.message')!.textContent!;
}

function storedCoupon(code: string, expiresAt: number): Coupon {
  return { label: '10% off your next order', code, expiresAt, segment: 'ten' };
}

/** Grants or refuses clipboard writes: happy-dom keeps one status per permission and checks it on every write. */
async function setClipboardPermission(state: PermissionState): Promise<void> {
  const status = await navigator.permissions.query({ name: 'clipboard-write' as PermissionName });
  (status as { state: PermissionState }).state = state;
}

const mediumDate = (at: number) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(at);

beforeEach(() => {
  document.body.innerHTML = '';
  happyDOM.settings.device.prefersReducedMotion = 'reduce';
});

afterEach(() => {
  for (const handle of mounted.splice(0)) handle.unmount();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  happyDOM.settings.device.prefersReducedMotion = 'no-preference';
});

describe('loyalty wheel: opening', () => {
  it('opens on its trigger once the endpoint says the wheel is available, and draws every segment', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    const dialog = await waitFor(() => wheelView.view.getByRole('dialog', { name: 'Spin to win' }));
    const image = within(dialog).getByRole('img');
    expect(image.getAttribute('aria-label')).toBe('Prize wheel with: 10% off, Free shipping, Next time');
    expect([...image.querySelectorAll('text')].map((text) => text.textContent)).toEqual(['10% off', 'Free shipping', 'Next time']);
    expect(wheelView.test.tracked).toContainEqual({ type: 'widget_shown', data: { widget: 'loyalty-wheel', reason: 'trigger' }, product: undefined });
    expect(wheelView.test.context.modal.holder()).toBe('loyalty-wheel');
  });

  it('stays hidden when another modal widget holds the screen', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten'), prepare: (test) => void test.context.modal.request('account-prompt') });
    await settle();
    expect(wheelView.view.queryByRole('dialog')).toBeNull();
    expect(wheelView.test.tracked.map((event) => event.type)).not.toContain('widget_shown');
  });

  it('stays hidden on its trigger when the shopper may not spin, and backs off like a dismissal', async () => {
    const handler = endpoint('none');
    const first = await mountWheel({ endpoint: handler });
    fireEvent.click(await spinButton(first));
    await waitFor(() => expect(statusText(first)).toBe('No prize this time. Thanks for playing!'));
    const second = await mountWheel({ endpoint: handler });
    await settle();
    expect(second.view.queryByRole('dialog')).toBeNull();
    expect(await second.test.storage.get<{ dismissed?: number }>('caps:loyalty-wheel')).toHaveProperty('dismissed');
  });

  it('says when the shopper may come back when opened by the host page after a spin', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const handler = endpoint('none', { spinEveryMs: 30 * DAY }, { now: () => now });
    const first = await mountWheel({ endpoint: handler });
    fireEvent.click(await spinButton(first));
    await waitFor(() => expect(statusText(first)).toContain('No prize'));
    fireEvent.click(first.view.getByRole('button', { name: 'Done' }));
    const second = await mountWheel({ endpoint: handler, reason: 'command' });
    await waitFor(() => expect(statusText(second)).toBe(`You have already spun the wheel. Come back on ${mediumDate(now + 30 * DAY)}.`));
    expect(second.view.queryByRole('button', { name: 'Spin the wheel' })).toBeNull();
  });

  it('offers a retry when the wheel cannot be loaded, and loads it on retry', async () => {
    let down = true;
    const handler = endpoint('ten');
    const wheelView = await mountWheel({ reason: 'command', endpoint: (request) => (down ? new Response('', { status: 503 }) : handler(request)) });
    await waitFor(() => expect(statusText(wheelView)).toBe('The wheel could not be loaded.'));
    down = false;
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Try again' }));
    await spinButton(wheelView);
  });

  it('records a dismissal when closed without spinning, and gives the screen back', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    await spinButton(wheelView);
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Close' }));
    await settle();
    expect(wheelView.view.queryByRole('dialog')).toBeNull();
    expect(wheelView.test.context.modal.holder()).toBeNull();
    expect(await wheelView.test.storage.get('caps:loyalty-wheel')).toHaveProperty('dismissed');
    expect(wheelView.test.tracked.map((event) => event.type)).toContain('widget_dismissed');
  });

  it('renders nothing without an endpoint', async () => {
    const wheelView = await mountWheel({ endpoint: null, config: { endpoint: '' } });
    expect(wheelView.root.childNodes).toHaveLength(0);
  });

  it('warns once when the endpoint has no wheel, and stays hidden on its trigger', async () => {
    const wheelView = await mountWheel({ endpoint: createEndpointHandler({}) });
    await settle();
    expect(wheelView.view.queryByRole('dialog')).toBeNull();
    expect(wheelView.test.warnings).toEqual([expect.stringContaining('GET /wheel answered 404')]);
  });
});

describe('loyalty wheel: spinning', () => {
  it('with reduced motion, reveals the prize the endpoint chose without turning the wheel', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    expect(code.value).toMatch(/^SPIN10-[A-Z2-9]{10}$/);
    const disc = wheelView.root.querySelector<HTMLElement>('.disc')!;
    expect(disc.classList.contains('turning')).toBe(false);
    // The wheel rests with the winning slice (the first of three) under the pointer at the top.
    const rotation = Number(/rotate\((-?[\d.]+)deg\)/.exec(disc.style.transform)![1]);
    const angle = restingAngle(rotation, 0, 3);
    expect(Math.min(angle, 360 - angle)).toBeLessThan(60);
    expect(statusText(wheelView)).toMatch(/^You won: 10% off your next order! Your code is valid until /);
    expect(wheelView.test.tracked).toContainEqual({ type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'ten', won: true }, product: undefined });
    expect(wheelView.test.emitted).toEqual([{ name: 'wheel:won', detail: { code: code.value, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } }]);
    expect(await wheelView.test.storage.get('caps:loyalty-wheel')).toHaveProperty('completed');
    expect((await wheelView.test.storage.get<Coupon>(COUPON_KEY))?.code).toBe(code.value);
    expect(await wheelView.test.storage.get(PINNED_KEY)).toEqual(['loyalty-wheel']);
  });

  it('turns the wheel with a CSS transition and reveals the prize only once it has stopped', async () => {
    happyDOM.settings.device.prefersReducedMotion = 'no-preference';
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    fireEvent.click(await spinButton(wheelView));
    const disc = wheelView.root.querySelector<HTMLElement>('.disc')!;
    await waitFor(() => expect(disc.classList.contains('turning')).toBe(true));
    expect(disc.style.transform).toMatch(/^rotate\(\d{4}\.?\d*deg\)$/);
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
    expect(wheelView.view.getByRole('button', { name: 'Spinning…' }).getAttribute('aria-disabled')).toBe('true');
    fireEvent.transitionEnd(disc);
    await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }));
    expect(disc.classList.contains('turning')).toBe(false);
  });

  it('reveals the prize when the transition end never arrives (a background tab)', async () => {
    happyDOM.settings.device.prefersReducedMotion = 'no-preference';
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    const button = await spinButton(wheelView);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(button);
    await vi.waitFor(() => expect(wheelView.root.querySelector('.disc.turning')).not.toBeNull());
    await vi.advanceTimersByTimeAsync(3900);
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
    await vi.advanceTimersByTimeAsync(600);
    expect(wheelView.view.getByRole('textbox', { name: 'Your code' })).toBeTruthy();
  });

  it('says so when the wheel lands on a segment without a prize', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('none') });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => expect(statusText(wheelView)).toBe('No prize this time. Thanks for playing!'));
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
    expect(wheelView.test.tracked).toContainEqual({ type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'none', won: false }, product: undefined });
    expect(wheelView.test.emitted).toEqual([]);
    expect(await wheelView.test.storage.get(PINNED_KEY)).toBeUndefined();
    await waitFor(() => expect(wheelView.root.activeElement).toBe(wheelView.view.getByRole('button', { name: 'Done' })));
  });

  it('asks for an email with an unticked consent box when the wheel requires one, and sends both', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten', { requiresEmail: true }) });
    fireEvent.click(await spinButton(wheelView));
    const email = wheelView.view.getByRole('textbox', { name: 'Email' });
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(wheelView.root.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toBe('Enter your email address, like name@example.com.');
    await waitFor(() => expect(wheelView.root.activeElement).toBe(email));
    expect(spinRequests(wheelView.test)).toHaveLength(0);

    const consent = wheelView.view.getByRole('checkbox', { name: 'Send me offers by email (optional)' }) as HTMLInputElement;
    expect(consent.checked).toBe(false);
    fireEvent.input(email, { target: { value: 'Ada@Example.com' } });
    fireEvent.click(consent);
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Spin the wheel' }));
    await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }));
    const [spin] = spinRequests(wheelView.test);
    expect(await spin!.json()).toEqual({ shopper: 'shopper-test-1', email: 'Ada@Example.com', consent: true, locale: 'en', attempt: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});

/** The reference wheel winning "ten", whose spin answer waits until `answer()` is called. */
function heldSpin(): { held: TestEndpoint; answer: () => void } {
  const handler = endpoint('ten');
  let answer: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (answer = resolve));
  const held: TestEndpoint = async (request) => {
    if (request.url.includes('/wheel/spin')) await gate;
    return handler(request);
  };
  return { held, answer: () => answer() };
}

describe('loyalty wheel: closed mid-spin, and identified shoppers', () => {
  it('keeps a code won while the dialog was already closed, and shows it as the tab', async () => {
    const { held, answer } = heldSpin();
    const wheelView = await mountWheel({ endpoint: held });
    fireEvent.click(await spinButton(wheelView));
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Close' }));
    expect(wheelView.view.queryByRole('dialog')).toBeNull();
    answer();
    const tab = await waitFor(() => wheelView.view.getByRole('button', { name: /^Your code: SPIN10-/ }));
    const kept = await wheelView.test.storage.get<Coupon>(COUPON_KEY);
    expect(tab.textContent).toBe(`Your code: ${kept!.code}`);
    expect(wheelView.test.emitted).toHaveLength(1);
  });

  it('does not count a close while the spin is on its way as a dismissal', async () => {
    const { held, answer } = heldSpin();
    const wheelView = await mountWheel({ endpoint: held });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => wheelView.view.getByRole('button', { name: 'Spinning…' }));
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Close' }));
    await settle();
    expect(wheelView.test.tracked.map((event) => event.type)).not.toContain('widget_dismissed');
    expect(await wheelView.test.storage.get('caps:loyalty-wheel')).not.toHaveProperty('dismissed');
    answer();
    await waitFor(() => wheelView.view.getByRole('button', { name: /^Your code: SPIN10-/ }));
    expect(wheelView.test.tracked.map((event) => event.type)).not.toContain('widget_dismissed');
  });

  it('fills in the email of a shopper the host page identified', async () => {
    const wheelView = await mountWheel({
      endpoint: endpoint('ten', { requiresEmail: true }),
      prepare: (test) => test.setIdentity({ customer: 'c-1', email: 'known@example.com' }),
    });
    await spinButton(wheelView);
    expect((wheelView.view.getByRole('textbox', { name: 'Email' }) as HTMLInputElement).value).toBe('known@example.com');
  });
});

describe('loyalty wheel: when the endpoint fails', () => {
  const garbage: [string, unknown][] = [
    ['an unknown segment', { segment: 'jackpot', prize: { label: 'All free', code: 'FREE', expiresAt: '2099-01-01T00:00:00Z' } }],
    ['a prize without a code', { segment: 'ten', prize: { label: '10% off', expiresAt: '2099-01-01T00:00:00Z' } }],
    ['a prize with a broken expiry', { segment: 'ten', prize: { label: '10% off', code: 'X1', expiresAt: 'soon' } }],
    ['an expired prize', { segment: 'ten', prize: { label: '10% off', code: 'X1', expiresAt: '2001-01-01T00:00:00Z' } }],
    ['no prize field at all', { segment: 'ten' }],
    ['an array', [{ segment: 'ten' }]],
  ];

  it.each(garbage)('never shows a win for %s, and offers a retry', async (_, answer) => {
    const handler = endpoint('ten');
    const wheelView = await mountWheel({
      endpoint: (request) => (request.method === 'POST' && request.url.includes('/wheel/spin') ? Response.json(answer) : handler(request)),
    });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => expect(statusText(wheelView)).toBe('We could not reach the shop, so the wheel did not spin. Please try again.'));
    expect(wheelView.view.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
    expect(wheelView.test.emitted).toEqual([]);
    expect(await wheelView.test.storage.get(COUPON_KEY)).toBeUndefined();
    expect(wheelView.test.tracked.map((event) => event.type)).not.toContain('wheel_spun');
  });

  it('offers a retry when the endpoint is down, and spins on retry', async () => {
    let down = true;
    const handler = endpoint('ten');
    const wheelView = await mountWheel({
      endpoint: (request) => {
        if (down && request.url.includes('/wheel/spin')) throw new TypeError('Failed to fetch');
        return handler(request);
      },
    });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => wheelView.view.getByRole('button', { name: 'Try again' }));
    down = false;
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Try again' }));
    await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }));
  });

  it('gives up on a slow endpoint after ten seconds and offers a retry', async () => {
    const handler = endpoint('ten');
    const wheelView = await mountWheel({
      endpoint: (request) =>
        request.url.includes('/wheel/spin')
          ? new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
          : handler(request),
    });
    const button = await spinButton(wheelView);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(button);
    await vi.advanceTimersByTimeAsync(9000);
    expect(wheelView.view.getByRole('button', { name: 'Spinning…' })).toBeTruthy();
    await vi.advanceTimersByTimeAsync(1500);
    expect(statusText(wheelView)).toBe('We could not reach the shop, so the wheel did not spin. Please try again.');
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
  });

  it('shows the code of a spin whose answer was lost, once the endpoint repeats it', async () => {
    const handler = endpoint('ten');
    let loseAnswer = true;
    const wheelView = await mountWheel({
      endpoint: async (request) => {
        const response = await handler(request);
        if (loseAnswer && request.url.includes('/wheel/spin')) {
          loseAnswer = false;
          return new Response('<html>gateway error</html>', { status: 502 });
        }
        return response;
      },
    });
    fireEvent.click(await spinButton(wheelView));
    fireEvent.click(await waitFor(() => wheelView.view.getByRole('button', { name: 'Try again' })));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    expect(code.value).toMatch(/^SPIN10-/);
    expect(spinRequests(wheelView.test)).toHaveLength(2);
  });

  /** The reference endpoint, except that the first spin is recorded but its answer never arrives (the widget gives up after 10 s). */
  function answerLostOnce(handler: TestEndpoint): TestEndpoint {
    let lose = true;
    return async (request) => {
      const response = await handler(request);
      if (!lose || !request.url.includes('/wheel/spin')) return response;
      lose = false;
      return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    };
  }

  /** Spins into a lost answer, waits out the timeout, then presses Try again. */
  async function spinThroughLostAnswer(wheelView: Mounted): Promise<void> {
    const button = await spinButton(wheelView);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(button);
    await vi.advanceTimersByTimeAsync(10_500);
    vi.useRealTimers();
    expect(statusText(wheelView)).toBe('We could not reach the shop, so the wheel did not spin. Please try again.');
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Try again' }));
  }

  it('announces and tracks a win recovered after a lost answer once, like any win', async () => {
    const handler = endpoint('ten');
    const wheelView = await mountWheel({ endpoint: answerLostOnce(handler) });
    await spinThroughLostAnswer(wheelView);
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    expect(code.value).toMatch(/^SPIN10-/);
    expect(wheelView.test.emitted).toEqual([{ name: 'wheel:won', detail: { code: code.value, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } }]);
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toEqual([
      { type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'ten', won: true }, product: undefined },
    ]);

    // A later page that finds the win only at the endpoint shows it again without announcing or tracking it a second time.
    const later = await mountWheel({ endpoint: handler, reason: 'command' });
    await waitFor(() => expect((later.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement).value).toBe(code.value));
    expect(later.test.emitted).toEqual([]);
    expect(later.test.tracked.map((event) => event.type)).not.toContain('wheel_spun');
  });

  it('shows no prize, not "already spun", when the spin whose answer was lost won nothing', async () => {
    const wheelView = await mountWheel({ endpoint: answerLostOnce(endpoint('none')) });
    await spinThroughLostAnswer(wheelView);
    await waitFor(() => expect(statusText(wheelView)).toBe('No prize this time. Thanks for playing!'));
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toEqual([
      { type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'none', won: false }, product: undefined },
    ]);
    expect(wheelView.test.emitted).toEqual([]);
    await waitFor(() => expect(wheelView.root.activeElement).toBe(wheelView.view.getByRole('button', { name: 'Done' })));
  });

  /**
   * The reference endpoint behind a connection that drops the first spin's answer after the endpoint
   * recorded the spin, and a browser that sends the same request again on its own (Chromium does, on
   * a reused keep-alive socket): the widget sees only the answer to the second copy.
   */
  function resentOnce(handler: TestEndpoint): TestEndpoint {
    let resend = true;
    return async (request) => {
      if (!resend || !request.url.includes('/wheel/spin')) return handler(request);
      resend = false;
      await handler(request.clone());
      return handler(request);
    };
  }

  const attemptOf = async (request: Request) => ((await request.clone().json()) as { attempt?: unknown }).attempt;

  it('shows, announces and tracks a win once when the browser resent the spin whose answer was lost', async () => {
    const wheelView = await mountWheel({ endpoint: resentOnce(endpoint('ten')) });
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    expect(code.value).toMatch(/^SPIN10-/);
    expect(wheelView.test.emitted).toEqual([{ name: 'wheel:won', detail: { code: code.value, expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } }]);
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toEqual([
      { type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'ten', won: true }, product: undefined },
    ]);
  });

  it('shows no prize, not "already spun", when the browser resent a spin that won nothing', async () => {
    const wheelView = await mountWheel({ endpoint: resentOnce(endpoint('none')) });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => expect(statusText(wheelView)).toBe('No prize this time. Thanks for playing!'));
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toEqual([
      { type: 'wheel_spun', data: { widget: 'loyalty-wheel', segment: 'none', won: false }, product: undefined },
    ]);
    expect(wheelView.test.emitted).toEqual([]);
  });

  it('sends one attempt id with every try of a spin, so the endpoint answers a recorded one again', async () => {
    const handler = endpoint('ten', { requiresEmail: true });
    // Each try reaches the endpoint: the first is recorded and its answer lost (the wait runs out), the second
    // answered 503 by a proxy, the third refused over its email; the fourth gets the recorded spin.
    const failures: Record<number, () => Response> = {
      2: () => Response.json({ error: { code: 'unavailable', message: 'down' } }, { status: 503, headers: { 'Retry-After': '1' } }),
      3: () => Response.json({ error: { code: 'invalid_email', message: 'no' } }, { status: 400 }),
    };
    let tries = 0;
    const wheelView = await mountWheel({
      endpoint: answerLostOnce(async (request) => {
        const response = await handler(request);
        if (!request.url.includes('/wheel/spin')) return response;
        tries += 1;
        return failures[tries]?.() ?? response;
      }),
    });
    fireEvent.input(await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Email' })), { target: { value: 'ada@example.com' } });
    await spinThroughLostAnswer(wheelView);
    fireEvent.click(await waitFor(() => wheelView.view.getByRole('button', { name: 'Try again' })));
    await waitFor(() => expect(wheelView.view.getByRole('textbox', { name: 'Email' }).getAttribute('aria-invalid')).toBe('true'));
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    const attempts = await Promise.all(spinRequests(wheelView.test).map(attemptOf));
    expect(attempts).toHaveLength(4);
    expect(attempts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(attempts).size).toBe(1);
    expect(wheelView.test.emitted).toEqual([{ name: 'wheel:won', detail: { code: code.value, expiresAt: expect.any(String) } }]);
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toHaveLength(1);
  });

  /** An endpoint from before `attempt`: the reference, never shown the field. */
  function ignoringAttempts(handler: TestEndpoint): TestEndpoint {
    return async (request) => {
      if (!request.url.includes('/wheel/spin')) return handler(request);
      const { attempt: _ignored, ...body } = (await request.json()) as Record<string, unknown>;
      return handler(new Request(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(body) }));
    };
  }

  it('still plays a lost spin once through previous when the endpoint ignores attempt (an older endpoint)', async () => {
    const wheelView = await mountWheel({ endpoint: answerLostOnce(ignoringAttempts(endpoint('ten'))) });
    await spinThroughLostAnswer(wheelView);
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    expect(wheelView.test.emitted).toEqual([{ name: 'wheel:won', detail: { code: code.value, expiresAt: expect.any(String) } }]);
    expect(wheelView.test.tracked.filter((event) => event.type === 'wheel_spun')).toHaveLength(1);
    const lostNothing = await mountWheel({ endpoint: answerLostOnce(ignoringAttempts(endpoint('none'))) });
    await spinThroughLostAnswer(lostNothing);
    await waitFor(() => expect(statusText(lostNothing)).toBe('No prize this time. Thanks for playing!'));
  });

  it('says when to come back when another tab spun first (429 already_spun)', async () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    const handler = endpoint('none', { spinEveryMs: 7 * DAY }, { now: () => now });
    const here = await mountWheel({ endpoint: handler });
    const there = await mountWheel({ endpoint: handler });
    const hereButton = await spinButton(here);
    fireEvent.click(await spinButton(there));
    await waitFor(() => expect(statusText(there)).toContain('No prize'));
    fireEvent.click(hereButton);
    await waitFor(() => expect(statusText(here)).toBe(`You have already spun the wheel. Come back on ${mediumDate(now + 7 * DAY)}.`));
    expect(await here.test.storage.get('caps:loyalty-wheel')).toHaveProperty('completed');
  });

  it('takes the date from Retry-After when the endpoint gives no other', async () => {
    const wheelAnswer = { available: true, segments: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], requiresEmail: false };
    const before = Date.now();
    const wheelView = await mountWheel({
      endpoint: (request) =>
        request.method === 'GET'
          ? Response.json(wheelAnswer)
          : Response.json({ error: { code: 'already_spun', message: 'no' } }, { status: 429, headers: { 'Retry-After': String(2 * 86_400) } }),
    });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => expect(statusText(wheelView)).toMatch(/^You have already spun the wheel\. Come back on /));
    const expected = [mediumDate(before + 2 * DAY), mediumDate(Date.now() + 2 * DAY)];
    expect(expected.map((date) => `You have already spun the wheel. Come back on ${date}.`)).toContain(statusText(wheelView));
  });

  it('asks the shopper to slow down when the endpoint rate-limits spins', async () => {
    const handler = createEndpointHandler({ wheel: wheel('ten'), rateLimits: { spin: { max: 1, windowMs: 60_000 } } });
    const first = await mountWheel({ endpoint: handler });
    first.test.setIdentity({ shopper: 'shopper-a' });
    fireEvent.click(await spinButton(first));
    await waitFor(() => first.view.getByRole('textbox', { name: 'Your code' }));
    const second = await mountWheel({ endpoint: handler });
    second.test.setIdentity({ shopper: 'shopper-b' });
    fireEvent.click(await spinButton(second));
    await waitFor(() => expect(statusText(second)).toBe('Too many tries at once. Wait a moment, then try again.'));
    expect(second.view.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('does not draw garbage wheels', async () => {
    const answers: unknown[] = [
      { available: true, segments: [{ id: 'only', label: 'Only' }], requiresEmail: false },
      { available: true, segments: [{ id: 'a', label: 'A' }, { id: 'a', label: 'Again' }], requiresEmail: false },
      { available: true, segments: [{ id: 'a', label: '' }, { id: 'b', label: 'B' }] },
      { available: 'yes', segments: [] },
      'not json at all',
    ];
    for (const answer of answers) {
      const wheelView = await mountWheel({ reason: 'command', endpoint: () => (typeof answer === 'string' ? new Response(answer) : Response.json(answer)) });
      await waitFor(() => expect(statusText(wheelView)).toBe('The wheel could not be loaded.'));
      expect(wheelView.view.queryByRole('img')).toBeNull();
      wheelView.handle.unmount();
    }
  });
});

describe('loyalty wheel: the won coupon', () => {
  it('copies the code with the clipboard and tracks coupon_copied', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    await waitFor(() => expect(wheelView.root.activeElement).toBe(wheelView.view.getByRole('button', { name: 'Copy code' })));
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Copy code' }));
    await waitFor(() => wheelView.view.getByRole('button', { name: 'Copied' }));
    expect(await navigator.clipboard.readText()).toBe(code.value);
    expect(wheelView.root.querySelector('.hint')!.textContent).toBe('Code copied.');
    expect(wheelView.test.tracked).toContainEqual({ type: 'coupon_copied', data: { widget: 'loyalty-wheel', segment: 'ten', method: 'button' }, product: undefined });
  });

  it('selects the code for the shopper when the clipboard is refused', async () => {
    await setClipboardPermission('denied');
    try {
      const wheelView = await mountWheel({ endpoint: endpoint('ten') });
      fireEvent.click(await spinButton(wheelView));
      const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
      fireEvent.click(wheelView.view.getByRole('button', { name: 'Copy code' }));
      await waitFor(() => expect(wheelView.root.querySelector('.hint')!.textContent).toBe('Code selected. Copy it with your device’s copy command.'));
      expect(wheelView.root.activeElement).toBe(code);
      expect([code.selectionStart, code.selectionEnd]).toEqual([0, code.value.length]);
      expect(wheelView.test.tracked.map((event) => event.type)).not.toContain('coupon_copied');
      fireEvent.copy(code);
      expect(wheelView.test.tracked).toContainEqual({ type: 'coupon_copied', data: { widget: 'loyalty-wheel', segment: 'ten', method: 'keyboard' }, product: undefined });
    } finally {
      await setClipboardPermission('granted');
    }
  });

  it('links to the apply URL with the code encoded, resolved against the page', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten'), config: { loyaltyWheel: { applyUrl: '/discount/{code}?redirect=/cart' } } });
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    const link = wheelView.view.getByRole('link', { name: 'Use it in my cart' }) as HTMLAnchorElement;
    expect(link.href).toBe(new URL(`/discount/${encodeURIComponent(code.value)}?redirect=/cart`, location.href).href);
  });

  it('refuses an apply URL that is not http(s), with one warning', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten'), config: { loyaltyWheel: { applyUrl: 'javascript:alert({code})' } } });
    fireEvent.click(await spinButton(wheelView));
    await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }));
    expect(wheelView.view.queryByRole('link')).toBeNull();
    expect(wheelView.test.warnings).toEqual([expect.stringContaining('loyaltyWheel.applyUrl')]);
  });

  it('counts down every second on its last day without announcing the ticks, then expires and unpins', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-11-22T10:00:00Z') });
    const expiresAt = Date.now() + HOUR + 5000;
    const wheelView = await mountWheel({
      reason: 'command',
      endpoint: endpoint('ten'),
      prepare: async (test) => {
        await test.storage.set(COUPON_KEY, storedCoupon('SPIN10-COUNTDOWN', expiresAt));
        await test.context.pin(true);
      },
    });
    const countdown = () => wheelView.root.querySelector('time')!.textContent;
    expect(countdown()).toBe('Expires in 1:00:05');
    const announced = statusText(wheelView);
    expect(announced).toBe(`You won: 10% off your next order! Your code is valid until ${mediumDate(expiresAt)}.`);
    await vi.advanceTimersByTimeAsync(1000);
    expect(countdown()).toBe('Expires in 1:00:04');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(countdown()).toBe('Expires in 0:59:04');
    expect(statusText(wheelView)).toBe(announced);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(statusText(wheelView)).toBe('Your code has expired.');
    expect(wheelView.view.queryByRole('textbox', { name: 'Your code' })).toBeNull();
    await vi.waitFor(async () => expect(await wheelView.test.storage.get(PINNED_KEY)).toEqual([]));
    expect(await wheelView.test.storage.get(COUPON_KEY)).toBeUndefined();
  });

  it('counts days, rounded, while more than one is left: a code valid for 14 days reads 14 just after the win', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: Date.parse('2026-11-22T10:00:00Z') });
    const wheelView = await mountWheel({
      reason: 'command',
      endpoint: endpoint('ten'),
      prepare: (test) => test.storage.set(COUPON_KEY, storedCoupon('SPIN10-DAYS', Date.now() + 14 * DAY - 5_000)),
    });
    const countdown = () => wheelView.root.querySelector('time')!.textContent;
    expect(countdown()).toBe('Expires in 14 days');
    await vi.advanceTimersByTimeAsync(DAY / 2 + 60_000);
    expect(countdown()).toBe('Expires in 13 days');
  });

  it('shows a reminder tab on later pages that reopens the code, and can be hidden', async () => {
    const wheelView = await mountWheel({
      reason: 'pinned',
      endpoint: endpoint('ten'),
      prepare: async (test) => {
        await test.storage.set(COUPON_KEY, storedCoupon('SPIN10-REMIND', Date.now() + 2 * DAY));
        await test.context.pin(true);
      },
    });
    const tab = wheelView.view.getByRole('button', { name: 'Your code: SPIN10-REMIND' });
    expect(wheelView.view.queryByRole('dialog')).toBeNull();
    fireEvent.click(tab);
    const code = wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement;
    expect(code.value).toBe('SPIN10-REMIND');
    expect(wheelView.test.requests).toHaveLength(0);
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Close' }));
    expect(await wheelView.test.storage.get('caps:loyalty-wheel')).not.toHaveProperty('dismissed');
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Hide the code reminder' }));
    expect(wheelView.view.queryByRole('button', { name: 'Your code: SPIN10-REMIND' })).toBeNull();
    await vi.waitFor(async () => expect(await wheelView.test.storage.get(PINNED_KEY)).toEqual([]));
  });

  it('gives keyboard focus back to where it came from when the tab is hidden, or says the tab went', async () => {
    const mountReminder = () =>
      mountWheel({
        reason: 'pinned',
        endpoint: endpoint('ten'),
        prepare: async (test) => {
          await test.storage.set(COUPON_KEY, storedCoupon('SPIN10-FOCUS', Date.now() + 2 * DAY));
          await test.context.pin(true);
        },
      });
    const pageLink = document.createElement('a');
    pageLink.href = '/sale';
    pageLink.textContent = 'Sale';
    document.body.append(pageLink);

    // Tabbed from the page through the tab to its × button, then Enter (a click with detail 0).
    const fromPage = await mountReminder();
    pageLink.focus();
    fromPage.view.getByRole('button', { name: 'Your code: SPIN10-FOCUS' }).focus();
    const hide = fromPage.view.getByRole('button', { name: 'Hide the code reminder' });
    hide.focus();
    fireEvent.click(hide);
    await waitFor(() => expect(fromPage.view.queryByRole('button', { name: 'Your code: SPIN10-FOCUS' })).toBeNull());
    expect(document.activeElement).toBe(pageLink);
    expect(fromPage.view.getByRole('status').textContent).toBe('');
    fromPage.handle.unmount();

    // Focus came from nowhere on the page: it is left alone, and screen readers hear what happened.
    pageLink.blur();
    const fromNowhere = await mountReminder();
    const hideAgain = fromNowhere.view.getByRole('button', { name: 'Hide the code reminder' });
    hideAgain.focus();
    fireEvent.click(hideAgain);
    await waitFor(() => expect(fromNowhere.view.getByRole('status').textContent).toBe('Code reminder hidden.'));
  });

  it('leaves focus alone when the tab is hidden with a mouse', async () => {
    const wheelView = await mountWheel({
      reason: 'pinned',
      endpoint: endpoint('ten'),
      prepare: (test) => test.storage.set(COUPON_KEY, storedCoupon('SPIN10-MOUSE', Date.now() + 2 * DAY)),
    });
    const search = document.createElement('input');
    document.body.append(search);
    search.focus();
    const hide = wheelView.view.getByRole('button', { name: 'Hide the code reminder' });
    hide.focus();
    fireEvent.click(hide, { detail: 1 });
    await waitFor(() => expect(wheelView.view.queryByRole('button', { name: 'Hide the code reminder' })).toBeNull());
    expect(document.activeElement).not.toBe(search);
    expect(wheelView.view.getByRole('status').textContent).toBe('');
  });

  it('shows the tab on the same page once the dialog with a won code closes', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten') });
    fireEvent.click(await spinButton(wheelView));
    const code = await waitFor(() => wheelView.view.getByRole('textbox', { name: 'Your code' }) as HTMLInputElement);
    fireEvent.click(wheelView.view.getByRole('button', { name: 'Close' }));
    expect(wheelView.view.getByRole('button', { name: `Your code: ${code.value}` })).toBeTruthy();
    expect(wheelView.test.context.modal.holder()).toBeNull();
  });

  it('drops an expired coupon on a pinned mount and unpins', async () => {
    const wheelView = await mountWheel({
      reason: 'pinned',
      endpoint: endpoint('ten'),
      prepare: async (test) => {
        await test.storage.set(COUPON_KEY, storedCoupon('SPIN10-OLD', Date.now() - 1000));
        await test.context.pin(true);
      },
    });
    await settle();
    expect(wheelView.root.querySelector('button')).toBeNull();
    expect(await wheelView.test.storage.get(PINNED_KEY)).toEqual([]);
    expect(await wheelView.test.storage.get(COUPON_KEY)).toBeUndefined();
  });
});

describe('loyalty wheel: colours and languages', () => {
  it('uses only valid colours and keeps every label readable on its slice', async () => {
    const answer = {
      available: true,
      requiresEmail: false,
      segments: [
        { id: 'a', label: 'Dark', color: '#101010' },
        { id: 'b', label: 'Light', color: '#fafafa' },
        { id: 'c', label: 'Script', color: 'url(javascript:alert(1))' },
        { id: 'd', label: 'Mid', color: '#808080' },
        { id: 'e', label: 'Named', color: 'red;background:url(x)' },
      ],
    };
    const wheelView = await mountWheel({ endpoint: () => Response.json(answer) });
    const image = await waitFor(() => wheelView.view.getByRole('img'));
    const fills = [...image.querySelectorAll('path')].map((path) => path.getAttribute('fill')!);
    expect(fills.slice(0, 2)).toEqual(['rgb(16,16,16)', 'rgb(250,250,250)']);
    expect(fills[3]).toBe('rgb(128,128,128)');
    for (const fill of fills) expect(fill).toMatch(/^rgb\(\d+,\d+,\d+\)$/);
    const labels = [...image.querySelectorAll('text')].map((text) => text.getAttribute('fill')!);
    fills.forEach((fill, index) => {
      const [red, green, blue] = fill.match(/\d+/g)!.map(Number) as [number, number, number];
      const [light, dark] = [luminance([red, green, blue]), luminance(parseColor(labels[index])!)].sort((a, b) => b - a) as [number, number];
      expect((light + 0.05) / (dark + 0.05)).toBeGreaterThanOrEqual(4.5);
    });
  });

  it('speaks the configured language, and merchants can override a text', async () => {
    const wheelView = await mountWheel({ endpoint: endpoint('ten'), config: { locale: 'sv', strings: { 'loyaltyWheel.spin': 'Snurra nu' } } });
    await waitFor(() => wheelView.view.getByRole('dialog', { name: 'Snurra och vinn' }));
    expect(wheelView.view.getByRole('button', { name: 'Snurra nu' })).toBeTruthy();
    expect(wheelView.view.getByRole('button', { name: 'Stäng' })).toBeTruthy();
  });

  it("asks the endpoint for the labels in the shopper's language (its language and region), and shows them", async () => {
    const translated = wheel('ten');
    translated.segments[0] = { ...translated.segments[0]!, label: { en: '10% off', sv: '10 % rabatt' }, prize: { label: { en: '10% off your next order', sv: '10 % rabatt på nästa köp' } } };
    translated.segments[2] = { ...translated.segments[2]!, label: { en: 'Next time', sv: 'Nästa gång' } };
    // A page tag with a Unicode extension: the texts keep it for Intl, the endpoint gets language and region.
    const wheelView = await mountWheel({ endpoint: createEndpointHandler({ wheel: translated, rateLimits: { spin: false } }), config: { locale: 'sv-SE-u-nu-latn' } });
    const dialog = await waitFor(() => wheelView.view.getByRole('dialog', { name: 'Snurra och vinn' }));
    expect([...within(dialog).getByRole('img').querySelectorAll('text')].map((text) => text.textContent)).toEqual(['10 % rabatt', 'Free shipping', 'Nästa gång']);
    const load = wheelView.test.requests.find((request) => new URL(request.url).pathname.endsWith('/wheel'))!;
    expect(new URL(load.url).searchParams.get('locale')).toBe('sv-SE');

    fireEvent.click(wheelView.view.getByRole('button', { name: 'Snurra hjulet' }));
    await waitFor(() => expect(statusText(wheelView)).toMatch(/^Du vann: 10 % rabatt på nästa köp! /));
    expect(await spinRequests(wheelView.test)[0]!.json()).toMatchObject({ locale: 'sv-SE' });
  });
});
