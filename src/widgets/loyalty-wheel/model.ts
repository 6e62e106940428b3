/**
 * The loyalty wheel's state and side effects: loading the wheel, spinning through the endpoint,
 * keeping a won coupon (and its reminder tab) until it expires, and the caps and events around them.
 */
import { batch, signal } from '@preact/signals';
import { randomId } from '../../core/ids';
import type { MountReason, WidgetContext } from '../../types';
import { readPrize, readSpin, readWheel, type Prize, type SpinResult, type WheelInfo } from './answers';
import { nextTick } from './countdown';
import { landingRotation } from './geometry';

/** Where a won, unexpired coupon is kept so later pages can remind the shopper of it. */
export const COUPON_KEY = 'loyalty-wheel:coupon';

/** How long the wheel turns before it settles (the CSS transition uses the same). */
export const SPIN_MS = 4000;

/** What the dialog shows. */
export type WheelStatus = 'loading' | 'load-failed' | 'unavailable' | 'already-spun' | 'ready' | 'spinning' | 'revealing' | 'won' | 'lost' | 'expired';

/** A won prize with the segment that gave it. */
export interface Coupon extends Prize {
  segment: string;
}

// Loose on purpose, like the endpoint's: a stricter pattern rejects real addresses.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
// Browsers run a longer setTimeout at once, which would expire the coupon immediately.
const LONGEST_TIMER = 2 ** 31 - 1;
// States that show a spin's result: an "already spun" answer must not cover them with its message.
const RESULT: WheelStatus[] = ['revealing', 'won', 'lost'];

/** The wheel's model. */
export type WheelModel = ReturnType<typeof createWheelModel>;

/** Creates the wheel's model for one mount. */
export function createWheelModel(context: WidgetContext) {
  const { endpoint, storage, caps, modal, name } = context;
  // The language of the widget's texts, so the endpoint can answer the wheel's labels in it too.
  // Language and region only (th-TH of th-TH-u-nu-thai): the endpoint matches labels on those, and the contract caps the tag.
  const locale = /^[a-z]{2,3}(-[a-z]{2}|-\d{3})?(?=-|$)/i.exec(context.config.locale)?.[0] ?? 'en';
  /** The dialog is open. */
  const dialog = signal(false);
  /** The small tab that reminds the shopper of a won coupon is up (also behind the dialog, where focus returns to it). */
  const reminder = signal(false);
  const status = signal<WheelStatus>('loading');
  const wheel = signal<WheelInfo | null>(null);
  const retryAt = signal<number | null>(null);
  /** Why the last spin did not go through: the endpoint failed, or asked to slow down. */
  const spinError = signal<'failed' | 'busy' | null>(null);
  // A shopper the host page identified with an email finds it filled in.
  const email = signal(context.identity().email ?? '');
  const consent = signal(false);
  const emailError = signal(false);
  /** Degrees the wheel is turned; `animating` says whether it eases there or jumps. */
  const rotation = signal(0);
  const animating = signal(false);
  const coupon = signal<Coupon | null>(null);
  const now = signal(Date.now());
  const copied = signal(false);

  let spunWhileOpen = false;
  /** A spin this model sent got no usable answer, so the endpoint may have recorded it without the shopper seeing the result. */
  let answerLost = false;
  /**
   * The id of the spin being tried, sent with each try (Try again, or a copy the browser resent), so an
   * endpoint that recorded it answers that spin again instead of "already spun". A new one once a try
   * ended the attempt: a result was shown, or the endpoint refused to spin (already spun, nothing left).
   */
  let attempt = randomId();
  let pending: Coupon | null = null;
  let tickTimer: ReturnType<typeof setTimeout> | undefined;
  let landTimer: ReturnType<typeof setTimeout> | undefined;

  const reducedMotion = () => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;

  function keep(won: Coupon): void {
    void storage.set(COUPON_KEY, won);
    void context.pin(true);
  }

  function expire(): void {
    clearTimeout(tickTimer);
    coupon.value = null;
    void storage.del(COUPON_KEY);
    void context.pin(false);
    reminder.value = false;
    if (status.value === 'won') status.value = 'expired';
  }

  /** Refreshes `now` when the countdown text can change; with only the tab up, wakes once at expiry. */
  function tick(): void {
    clearTimeout(tickTimer);
    const current = coupon.value;
    if (!current || !(dialog.value || reminder.value)) return;
    now.value = Date.now();
    const left = current.expiresAt - now.value;
    if (left <= 0) return expire();
    tickTimer = setTimeout(tick, Math.min(dialog.value ? nextTick(left) : left, LONGEST_TIMER));
  }

  /** Shows the coupon the endpoint handed out, once the wheel has stopped. */
  function reveal(): void {
    if (status.value !== 'revealing') return;
    clearTimeout(landTimer);
    batch(() => {
      animating.value = false;
      coupon.value = pending;
      status.value = pending ? 'won' : 'lost';
    });
    if (pending) {
      context.emit('wheel:won', { code: pending.code, expiresAt: new Date(pending.expiresAt).toISOString() });
      // Closed while the answer was on its way: the code still shows, as the tab.
      if (!dialog.value) reminder.value = true;
    }
    tick();
  }

  /** Turns the wheel to the segment the endpoint chose; the result is kept before the animation, so leaving mid-spin loses nothing. */
  function land(info: WheelInfo, result: SpinResult): void {
    const segment = info.segments[result.index];
    pending = result.prize ? { ...result.prize, segment: segment.id } : null;
    if (pending) keep(pending);
    const still = reducedMotion();
    batch(() => {
      animating.value = !still;
      rotation.value = landingRotation(rotation.value, result.index, info.segments.length, Math.random() - 0.5);
      status.value = 'revealing';
    });
    if (still || !dialog.value) reveal();
    else landTimer = setTimeout(reveal, SPIN_MS + 400);
  }

  /** Plays a spin's result as the endpoint recorded it: counted, tracked, and the wheel turned to it. */
  function settle(info: WheelInfo, result: SpinResult): void {
    answerLost = false;
    attempt = randomId();
    spunWhileOpen = true;
    void caps.completed();
    context.track('wheel_spun', { segment: info.segments[result.index].id, won: result.prize !== null });
    land(info, result);
  }

  /** Asks the endpoint for the wheel; `quiet` keeps the current view (a spin in progress) on screen until the answer is in. */
  async function load(quiet = false): Promise<void> {
    if (!quiet) status.value = 'loading';
    try {
      const info = readWheel(await endpoint!.request('/wheel', { query: { locale }, timeoutMs: 6000 }), Date.now());
      if (!info) throw new Error('invalid wheel');
      if (info.previous && answerLost) {
        // The endpoint recorded the spin whose answer this model lost: the shopper never saw its result, so it plays now, win or not.
        batch(() => {
          wheel.value = info;
          retryAt.value = info.retryAt;
        });
        settle(info, info.previous);
        return;
      }
      batch(() => {
        wheel.value = info;
        retryAt.value = info.retryAt;
        status.value = info.available ? 'ready' : info.spun ? 'already-spun' : 'unavailable';
      });
      // A win from an earlier page whose code this browser no longer keeps: shown again, but its event and tracking already happened then.
      if (info.previous?.prize && !coupon.value) {
        const won = { ...info.previous.prize, segment: info.segments[info.previous.index].id };
        keep(won);
        batch(() => {
          coupon.value = won;
          status.value = 'won';
        });
        tick();
      }
    } catch (error) {
      if ((error as { status?: unknown }).status === 404) {
        context.warn('endpoint', 'loyalty-wheel-missing');
        status.value = 'unavailable';
      } else status.value = 'load-failed';
    }
  }

  /** Opens the dialog if the modal budget allows; loads the wheel unless it is ready or a coupon is kept. */
  function open(): void {
    if (dialog.value || !modal.request(name)) return;
    spunWhileOpen = false;
    copied.value = false;
    if (coupon.value) status.value = 'won';
    else if (status.value !== 'ready') void load();
    dialog.value = true;
    context.track('widget_shown', { reason: context.reason });
    void caps.shown();
    tick();
  }

  function close(): void {
    if (!dialog.value) return;
    reveal();
    modal.release(name);
    // A spin still waiting for the endpoint is not "closed without a spin": its result comes back as the tab.
    if (!spunWhileOpen && !coupon.value && status.value !== 'spinning') {
      void caps.dismissed();
      context.track('widget_dismissed');
    }
    batch(() => {
      dialog.value = false;
      if (coupon.value) reminder.value = true;
    });
    tick();
  }

  /** Spins through the endpoint; false when the email needs fixing first. */
  async function spin(): Promise<boolean> {
    const info = wheel.value;
    if (!info || status.value !== 'ready') return true;
    const address = email.value.trim();
    if (info.requiresEmail && !EMAIL.test(address)) {
      emailError.value = true;
      return false;
    }
    batch(() => {
      emailError.value = false;
      spinError.value = null;
      status.value = 'spinning';
    });
    let result: SpinResult | null;
    try {
      const body = info.requiresEmail ? { email: address, consent: consent.value, locale, attempt } : { locale, attempt };
      result = readSpin(await endpoint!.request('/wheel/spin', { body, timeoutMs: 10_000 }), info.segments, Date.now());
    } catch (error) {
      return failed(error as { code?: unknown; status?: unknown; retryAt?: unknown });
    }
    // A malformed answer is never a win: the shopper may retry, and the endpoint repeats a recorded spin.
    if (!result) return failed({});
    settle(info, result);
    return true;
  }

  async function failed(error: { code?: unknown; status?: unknown; retryAt?: unknown }): Promise<boolean> {
    // Refused, so this attempt is over (an endpoint that reads `attempt` never refuses one it recorded): a later spin is another.
    if (error.code === 'already_spun' || error.code === 'wheel_unavailable') attempt = randomId();
    if (error.code === 'already_spun') {
      void caps.completed();
      // An endpoint that ignores `attempt` refuses a repeat of a recorded spin: asked again, it answers that spin as `previous`.
      await load(true);
      if (!RESULT.includes(status.value)) {
        // The wheel's own date is exact; Retry-After is rounded to seconds.
        retryAt.value ??= typeof error.retryAt === 'number' && Number.isFinite(error.retryAt) ? error.retryAt : null;
        status.value = 'already-spun';
      }
      return true;
    }
    if (error.code === 'wheel_unavailable') {
      status.value = 'unavailable';
      return true;
    }
    // A refused email keeps the attempt: an earlier try of it, with another address, may have been recorded.
    const badEmail = error.code === 'invalid_email' || error.code === 'email_required';
    // Not a refusal: the spin may have reached the endpoint and been recorded there, with only the answer lost.
    if (!badEmail && error.status !== 429) answerLost = true;
    batch(() => {
      emailError.value = badEmail;
      spinError.value = badEmail ? null : error.status === 429 ? 'busy' : 'failed';
      status.value = 'ready';
    });
    return !badEmail;
  }

  /** Copies the code with the Clipboard API; false when the page must fall back to selecting it. */
  async function copy(): Promise<boolean> {
    const current = coupon.value;
    if (!current) return false;
    try {
      await navigator.clipboard.writeText(current.code);
    } catch {
      return false;
    }
    copiedBy('button');
    return true;
  }

  function copiedBy(method: string): void {
    copied.value = true;
    context.track('coupon_copied', { segment: coupon.value?.segment, method });
  }

  /** Reads the kept coupon and decides what this mount shows before the dialog is asked for. */
  async function start(reason: MountReason): Promise<void> {
    let kept: Coupon | null = null;
    try {
      const stored = await storage.get<Coupon>(COUPON_KEY);
      const prize = readPrize(stored);
      if (prize && typeof stored?.segment === 'string') kept = { ...prize, segment: stored.segment };
    } catch {
      kept = null;
    }
    if (kept && kept.expiresAt > Date.now()) {
      coupon.value = kept;
      status.value = 'won';
      reminder.value = reason === 'pinned' || reason === 'trigger';
      tick();
    } else {
      if (kept) void storage.del(COUPON_KEY);
      if (kept || reason === 'pinned') void context.pin(false);
      if (reason === 'trigger') void triggered();
    }
  }

  /** The trigger fired: open only when there is something to spin, so an unprompted dialog never just says "no". */
  async function triggered(): Promise<void> {
    await load();
    if (status.value === 'ready') open();
    else if (status.value === 'won') {
      reminder.value = true;
      tick();
    }
    // Back off like a dismissal, so a wheel that is not available costs one request per few days, not one per page.
    else if (status.value === 'unavailable' || status.value === 'already-spun') void caps.dismissed();
  }

  function hideReminder(): void {
    reminder.value = false;
    clearTimeout(tickTimer);
    void context.pin(false);
  }

  function dispose(): void {
    clearTimeout(tickTimer);
    clearTimeout(landTimer);
    if (dialog.value) modal.release(name);
  }

  return {
    dialog,
    reminder,
    status,
    wheel,
    retryAt,
    spinError,
    email,
    consent,
    emailError,
    rotation,
    animating,
    coupon,
    now,
    copied,
    start,
    load,
    open,
    close,
    spin,
    reveal,
    copy,
    copiedBy,
    hideReminder,
    dispose,
  };
}
