import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Translator } from '../../core/i18n';
import { Dialog } from '../../ui/Dialog';
import { LiveRegion } from '../../ui/LiveRegion';
import { countdownText } from './countdown';
import type { WheelModel, WheelStatus } from './model';
import { applyLink, type WheelOptions } from './options';
import { useTabFocusReturn } from '../../ui/tab-focus';
import { Wheel } from './Wheel';

/** Props of the wheel's views. */
export interface LoyaltyWheelProps {
  model: WheelModel;
  translator: Translator;
  options: WheelOptions;
}

// States that end the game for now: focus moves to their Done button, since the form it was on is gone.
const FINAL: WheelStatus[] = ['lost', 'unavailable', 'already-spun', 'expired'];

/** The wheel's dialog and its coupon reminder tab. */
export function LoyaltyWheel(props: LoyaltyWheelProps) {
  const { model, translator } = props;
  const coupon = model.coupon.value;
  const tab = useRef<HTMLButtonElement>(null);
  const focusReturn = useTabFocusReturn();
  const [notice, setNotice] = useState('');
  const hideReminder = (event: MouseEvent) => {
    // Before the tab goes, while focus can still leave it for the place it came from.
    const announce = focusReturn.leave(event);
    model.hideReminder();
    if (announce) setNotice(translator.t('reminderHidden'));
  };
  return (
    <>
      {/* Always rendered: a live region that appears together with its text is not read out. */}
      <LiveRegion>{notice}</LiveRegion>
      {model.reminder.value && coupon && (
        <div class="tab" onFocusIn={focusReturn.onFocusIn}>
          <button type="button" class="tab-open" ref={tab} onClick={model.open}>
            {/* The code in a box of its own, which the line never breaks inside (styles.css). */}
            {translator.t('reminder').split('{code}').map((part, index) => (index ? [<span class="tab-code">{coupon.code}</span>, part] : part))}
          </button>
          <button type="button" class="tab-hide" aria-label={translator.t('hideReminder')} onClick={hideReminder}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {model.dialog.value && (
        <Dialog
          title={translator.t('title')}
          closeLabel={translator.t('close')}
          onClose={model.close}
          returnFocus={() => tab.current}
          class="wheel-dialog"
        >
          <Panel {...props} />
        </Dialog>
      )}
    </>
  );
}

function Panel({ model, translator, options }: LoyaltyWheelProps) {
  const { t } = translator;
  const status = model.status.value;
  const info = model.wheel.value;
  const coupon = model.coupon.value;
  const retryAt = model.retryAt.value;
  const [selected, setSelected] = useState(false);
  const emailField = useRef<HTMLInputElement>(null);
  const codeField = useRef<HTMLInputElement>(null);
  const copyButton = useRef<HTMLButtonElement>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  const date = (at: number) => translator.date(at, { dateStyle: 'medium', timeStyle: 'short' });
  const comeBack = retryAt ? ' ' + t('comeBack', { date: date(retryAt) }) : '';

  // Right after the render that removed the control holding focus, before the shopper can act again.
  useLayoutEffect(() => {
    if (status === 'won') copyButton.current?.focus();
    else if (FINAL.includes(status)) doneButton.current?.focus();
  }, [status]);

  const message: Partial<Record<WheelStatus, string>> = {
    loading: t('loading'),
    'load-failed': t('loadFailed'),
    unavailable: t('unavailable') + comeBack,
    'already-spun': t('alreadySpun') + comeBack,
    won: coupon ? t('won', { prize: coupon.label, date: date(coupon.expiresAt) }) : '',
    lost: t('lost'),
    expired: t('expired'),
  };
  const playing = status === 'ready' || status === 'spinning' || status === 'revealing';
  const busy = status !== 'ready';
  const spinError = model.spinError.value;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!(await model.spin())) emailField.current?.focus();
  };

  const copy = async () => {
    setSelected(false);
    if (await model.copy()) return;
    // No clipboard access (permission, an old engine): select the code so the shopper can copy it themselves.
    codeField.current?.focus();
    codeField.current?.select();
    setSelected(true);
  };

  const apply = coupon && options.applyUrl ? applyLink(options.applyUrl, coupon.code) : null;

  return (
    <div class="panel">
      {/* Announces each outcome once; the ticking countdown stays outside it. */}
      <p class="message" role="status">
        {playing ? (spinError ? t(spinError === 'busy' ? 'busy' : 'spinFailed') : '') : message[status]}
      </p>
      {status === 'load-failed' && (
        <button type="button" class="button" onClick={() => void model.load()}>
          {t('retry')}
        </button>
      )}
      {info && (playing || ((status === 'won' || status === 'lost') && model.rotation.value !== 0)) && (
        <Wheel
          segments={info.segments}
          rotation={model.rotation.value}
          animating={model.animating.value}
          label={t('wheel', { prizes: info.segments.map((segment) => segment.label).join(', ') })}
          onSettled={model.reveal}
        />
      )}
      {playing && info && (
        <form onSubmit={submit} noValidate>
          <p class="intro">{t('intro')}</p>
          {info.requiresEmail && (
            <>
              <label class="field">
                {t('email')}
                <input
                  ref={emailField}
                  type="email"
                  name="email"
                  autocomplete="email"
                  required
                  value={model.email.value}
                  aria-invalid={model.emailError.value ? 'true' : undefined}
                  aria-describedby={model.emailError.value ? 'regulars-wheel-email-error' : undefined}
                  onInput={(event) => (model.email.value = event.currentTarget.value)}
                />
              </label>
              {model.emailError.value && (
                <p id="regulars-wheel-email-error" class="field-error">
                  {t('emailInvalid')}
                </p>
              )}
              <label class="check">
                <input type="checkbox" name="consent" checked={model.consent.value} onChange={(event) => (model.consent.value = event.currentTarget.checked)} />
                <span>{t('consent')}</span>
              </label>
            </>
          )}
          <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined}>
            {busy ? t('spinning') : spinError ? t('retry') : t('spin')}
          </button>
        </form>
      )}
      {status === 'won' && coupon && (
        <div class="prize">
          <label class="code-label" for="regulars-wheel-code">
            {t('code')}
          </label>
          <div class="code-row">
            <input id="regulars-wheel-code" ref={codeField} class="code" readOnly value={coupon.code} onCopy={() => model.copiedBy('keyboard')} />
            <button type="button" class="button copy" ref={copyButton} onClick={copy}>
              {model.copied.value ? t('copied') : t('copy')}
            </button>
          </div>
          <p class="hint" role="status">
            {model.copied.value ? t('copiedNotice') : selected ? t('selected') : ''}
          </p>
          <p class="expiry">
            <time dateTime={new Date(coupon.expiresAt).toISOString()}>{countdownText(translator, coupon.expiresAt - model.now.value)}</time>
          </p>
          {apply && (
            <a class="button" href={apply}>
              {t('apply')}
            </a>
          )}
        </div>
      )}
      {FINAL.includes(status) && (
        <button type="button" class="button secondary" ref={doneButton} onClick={model.close}>
          {t('done')}
        </button>
      )}
    </div>
  );
}
