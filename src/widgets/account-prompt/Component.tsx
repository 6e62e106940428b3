import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Translator } from '../../core/i18n';
import { Dialog } from '../../ui/Dialog';
import { LiveRegion } from '../../ui/LiveRegion';
import { TextField } from '../../ui/TextField';
import type { AccountPromptModel, Phase } from './model';
import type { AccountPromptOptions } from './options';
import { useTabFocusReturn } from '../../ui/tab-focus';

/** What every view of the prompt gets. */
interface ViewProps {
  model: AccountPromptModel;
  i18n: Translator;
  options: AccountPromptOptions;
}

/** The account prompt: the teaser tab and the sign-up dialog. */
export function AccountPrompt({ model, i18n, options }: ViewProps) {
  const { t } = i18n;
  const teaserButton = useRef<HTMLButtonElement>(null);
  const emailField = useRef<HTMLInputElement>(null);
  const focusReturn = useTabFocusReturn();
  const [notice, setNotice] = useState('');
  const hideTeaser = (event: MouseEvent) => {
    // Before the tab goes, while focus can still leave it for the place it came from.
    const announce = focusReturn.leave(event);
    model.hideTeaser();
    if (announce) setNotice(t('teaserHidden'));
  };
  return (
    <>
      {/* Always rendered: a live region that appears together with its text is not read out. */}
      <LiveRegion>{notice}</LiveRegion>
      {model.teaser.value && (
        <div class="teaser" onFocusIn={focusReturn.onFocusIn}>
          <button ref={teaserButton} type="button" class="teaser-open" onClick={() => model.open('teaser')}>
            {t('teaser')}
          </button>
          <button type="button" class="teaser-hide" aria-label={t('hideTeaser')} onClick={hideTeaser}>
            <span aria-hidden="true">×</span>
          </button>
        </div>
      )}
      {model.dialog.value && (
        <Dialog
          title={t('title')}
          closeLabel={t('close')}
          onClose={() => model.close(true)}
          initialFocus={() => (model.openedBy() === 'trigger' ? null : emailField.current)}
          returnFocus={() => teaserButton.current}
        >
          {/* Visible and always there, so the endpoint's answer is both read and announced, once. */}
          <LiveRegion visible class="outcome-text">
            {outcome(model.phase.value, model.email.value, t)}
          </LiveRegion>
          {model.phase.value === 'form' || model.phase.value === 'submitting' || model.phase.value === 'error' ? (
            <SignUpForm model={model} i18n={i18n} options={options} emailField={emailField} />
          ) : (
            <Outcome model={model} i18n={i18n} options={options} />
          )}
        </Dialog>
      )}
    </>
  );
}

/** The endpoint's answer in words; failures speak through the form's own alert. */
function outcome(phase: Phase, email: string, t: Translator['t']): string {
  if (phase === 'created') return t('created');
  if (phase === 'exists') return t('exists', { email: email.trim() });
  if (phase === 'verification_sent') return t('verificationSent', { email: email.trim() });
  return '';
}

/** The benefit list and the sign-up form. */
function SignUpForm({ model, i18n: { t }, options, emailField }: ViewProps & { emailField: { current: HTMLInputElement | null } }) {
  const id = useId();
  const nameField = useRef<HTMLInputElement>(null);
  const benefits = options.benefits ?? [t('benefit1'), t('benefit2'), t('benefit3')];
  const emailProblem = model.emailProblem.value;
  const nameProblem = model.nameProblem.value;
  const failure = model.failure.value;
  const busy = model.phase.value === 'submitting' || model.waitUntil.value > 0;
  return (
    <form
      noValidate
      onSubmit={async (event) => {
        event.preventDefault();
        const field = await model.submit();
        if (field) (field === 'email' ? emailField : nameField).current?.focus();
      }}
    >
      {benefits.length > 0 && (
        <>
          <p class="intro">{t('intro')}</p>
          <ul class="benefits">
            {benefits.map((benefit) => (
              <li key={benefit}>{benefit}</li>
            ))}
          </ul>
        </>
      )}
      <TextField
        label={t('email')}
        type="email"
        autocomplete="email"
        required
        inputRef={emailField}
        value={model.email.value}
        error={emailProblem && t(emailProblem)}
        onInput={(value) => {
          model.email.value = value;
          model.emailProblem.value = null;
        }}
      />
      <TextField
        label={t('name')}
        autocomplete="name"
        inputRef={nameField}
        value={model.name.value}
        error={nameProblem && t(nameProblem)}
        onInput={(value) => {
          model.name.value = value;
          model.nameProblem.value = null;
        }}
      />
      <label class="check">
        <input
          type="checkbox"
          name="marketing"
          checked={model.marketing.value}
          onChange={(event) => (model.marketing.value = event.currentTarget.checked)}
        />
        <span>{t('consent')}</span>
      </label>
      {failure && (
        <p id={id + 'f'} class="alert" role="alert">
          {t(failure)}
        </p>
      )}
      {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus to the page. */}
      <button type="submit" class="button" aria-disabled={busy ? 'true' : undefined} aria-describedby={failure ? id + 'f' : undefined}>
        {model.phase.value === 'submitting' ? t('submitting') : failure ? t('retry') : t('submit')}
      </button>
    </form>
  );
}

/** What to do after the endpoint answered: sign in to the account that exists, or carry on shopping. */
function Outcome({ model, i18n: { t }, options }: ViewProps) {
  const first = useRef<HTMLAnchorElement & HTMLButtonElement>(null);
  const phase = model.phase.value;
  const signIn = phase === 'exists' && options.loginUrl;
  // The form that had focus is gone: hand focus to the next thing to do.
  useLayoutEffect(() => first.current?.focus(), []);
  return (
    <>
      {signIn && (
        <a ref={first} class="button" href={options.loginUrl!}>
          {t('signIn')}
        </a>
      )}
      <button ref={signIn ? undefined : first} type="button" class={signIn ? 'button secondary' : 'button'} onClick={() => model.close(false)}>
        {t('done')}
      </button>
    </>
  );
}
