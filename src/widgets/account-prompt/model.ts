import { batch, signal } from '@preact/signals';
import type { EndpointFailure, WidgetContext } from '../../types';

/** What the endpoint answered for a sign-up. */
export type AccountStatus = 'created' | 'exists' | 'verification_sent';

/** Where the sign-up stands: filling in, waiting for the endpoint, one of its answers, or a failed call. */
export type Phase = 'form' | 'submitting' | AccountStatus | 'error';

/** A field the shopper must fix; the value is the locale key of the message. */
export type FieldProblem = 'emailRequired' | 'emailInvalid' | 'nameInvalid';

/** A failed call the shopper can retry; the value is the locale key of the message. */
export type Failure = 'errorNetwork' | 'errorServer' | 'errorBusy' | 'errorRejected';

/** What opened the dialog: a trigger rule, the host page (`regulars('open', ...)`), or the teaser tab. */
export type OpenSource = 'trigger' | 'command' | 'teaser';

// The reference endpoint's rule: one "@", no spaces, a dot in the domain; the confirmation email is the real test.
const EMAIL_PATTERN = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]+$/;
const NAME_MAX = 100;
const STATUSES: readonly string[] = ['created', 'exists', 'verification_sent'];

/** The account prompt's state and side effects: the dialog, the teaser tab, the sign-up form and its call. */
export function createAccountPromptModel(context: WidgetContext, options: { teaser: boolean }) {
  const dialog = signal(false);
  const teaser = signal(false);
  const phase = signal<Phase>('form');
  const email = signal('');
  const name = signal('');
  const marketing = signal(false);
  const emailProblem = signal<FieldProblem | null>(null);
  const nameProblem = signal<FieldProblem | null>(null);
  const failure = signal<Failure | null>(null);
  /** Epoch milliseconds before which the endpoint asked not to be called again (429/503 `Retry-After`); 0 when free. */
  const waitUntil = signal(0);
  let openedBy: OpenSource = 'trigger';
  let waitTimer: ReturnType<typeof setTimeout> | undefined;

  const finished = () => STATUSES.includes(phase.value);
  const identified = () => !!context.identity().customer;

  /** Shows the teaser tab if it is allowed, and removes it (on later pages too) if it no longer is. */
  function showTeaser(): void {
    const allowed = options.teaser && !identified() && !finished();
    teaser.value = allowed;
    // A shopper who has an account, or a merchant who turned the tab off, gets no tab on later pages either.
    if (!allowed) void context.pin(false);
  }

  /** Opens the dialog if the shopper may see it and no other modal widget holds the screen; false otherwise. */
  function open(source: OpenSource): boolean {
    if (dialog.value) return true;
    if (identified() || finished()) {
      showTeaser();
      return false;
    }
    if (!context.modal.request(context.name)) {
      // Another widget's dialog is up: never stack on it, offer the quiet tab instead.
      if (source !== 'teaser') showTeaser();
      return false;
    }
    openedBy = source;
    dialog.value = true;
    void context.caps.shown();
    // Pinned as soon as it shows: a shopper who leaves without answering finds the tab on the next page.
    if (options.teaser) void context.pin(true);
    context.track('widget_shown', { trigger: source });
    return true;
  }

  /** Closes the dialog; `dismissed` when the shopper said no (close button, Escape), not when the host page closed it. */
  function close(dismissed: boolean): void {
    const wasOpen = dialog.value;
    batch(() => {
      dialog.value = false;
      // Also runs with the dialog closed: the runtime closes the prompt when the host page identifies the shopper.
      showTeaser();
    });
    if (!wasOpen) return;
    context.modal.release(context.name);
    if (dismissed && !finished()) {
      void context.caps.dismissed();
      context.track('widget_dismissed', { view: 'dialog' });
    }
  }

  /** Removes the teaser tab on this and later pages; the prompt then waits out `dismissDays` like a closed dialog. */
  function hideTeaser(): void {
    teaser.value = false;
    void context.pin(false);
    void context.caps.dismissed();
    context.track('widget_dismissed', { view: 'teaser' });
  }

  /** Validates and sends the sign-up; resolves with the field to focus when one needs fixing. */
  async function submit(): Promise<'email' | 'name' | null> {
    if (phase.value === 'submitting' || Date.now() < waitUntil.value || finished()) return null;
    const address = email.value.trim();
    const fullName = name.value.trim();
    batch(() => {
      emailProblem.value = !address ? 'emailRequired' : address.length > 254 || !EMAIL_PATTERN.test(address) ? 'emailInvalid' : null;
      nameProblem.value = fullName.length > NAME_MAX ? 'nameInvalid' : null;
      failure.value = null;
    });
    if (emailProblem.value) return 'email';
    if (nameProblem.value) return 'name';
    phase.value = 'submitting';
    try {
      const answer = await context.endpoint!.request<{ status?: unknown } | null>('/accounts', {
        method: 'POST',
        body: { email: address, ...(fullName ? { name: fullName } : {}), consent: { marketing: marketing.value }, source: 'account-prompt' },
      });
      const status = answer?.status;
      if (typeof status !== 'string' || !STATUSES.includes(status)) throw { code: 'invalid_response', status: 200 };
      batch(() => {
        phase.value = status as AccountStatus;
        teaser.value = false;
      });
      void context.caps.completed();
      void context.pin(false);
      context.track('account_prompt_submitted', { status, marketing: marketing.value });
      context.emit('account:created', { status });
      return null;
    } catch (error) {
      return fail((error ?? {}) as Partial<EndpointFailure>);
    }
  }

  function fail({ code, status = 0, retryAt }: Partial<EndpointFailure>): 'email' | 'name' | null {
    // The endpoint refused a field: show it at the field, like the browser-side check would.
    const field = code === 'invalid_email' ? 'email' : code === 'invalid_name' ? 'name' : null;
    batch(() => {
      if (field === 'email') emailProblem.value = 'emailInvalid';
      if (field === 'name') nameProblem.value = 'nameInvalid';
      phase.value = field ? 'form' : 'error';
      if (!field) {
        failure.value =
          status === 0 ? 'errorNetwork' : status === 429 ? 'errorBusy' : status >= 500 || status < 400 ? 'errorServer' : 'errorRejected';
      }
    });
    const wait = (retryAt ?? 0) - Date.now();
    if (wait > 0) {
      clearTimeout(waitTimer);
      waitUntil.value = retryAt!;
      waitTimer = setTimeout(() => (waitUntil.value = 0), wait);
    }
    return field;
  }

  return {
    dialog,
    teaser,
    phase,
    email,
    name,
    marketing,
    emailProblem,
    nameProblem,
    failure,
    waitUntil,
    /** What opened the dialog this time: only an explicit request puts focus (and a phone keyboard) in the email field. */
    openedBy: () => openedBy,
    showTeaser,
    open,
    close,
    hideTeaser,
    submit,
    /** Stops timers and gives the screen back; the view is removed separately. */
    dispose() {
      clearTimeout(waitTimer);
      if (dialog.value) context.modal.release(context.name);
    },
  };
}

/** The account prompt's model. */
export type AccountPromptModel = ReturnType<typeof createAccountPromptModel>;
