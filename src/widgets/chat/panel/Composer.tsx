import { useEffect, useRef } from 'preact/hooks';
import type { Translator } from '../../../core/i18n';
import { MESSAGE_MAX_LENGTH, type ChatModel } from './model';

/** The message form: an email field when the shop is away and none is known, the message, and Send. */
export function Composer({ model, t }: { model: ChatModel; t: Translator }) {
  const emailError = model.emailError.value;
  const messageError = model.messageError.value;
  const asked = model.askEmail.value;
  const emailField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // The panel focuses a field as it opens, usually before the shop's status is known: when the email field then
    // appears above a message field the shopper has not touched, the email is their first field.
    const field = emailField.current;
    if (asked && field && (field.getRootNode() as ShadowRoot).activeElement?.id === 'chat-message' && !model.draft.value) field.focus();
  }, [asked]);
  const submit = (event: Event) => {
    event.preventDefault();
    const form = (event.currentTarget as HTMLElement).closest('form');
    void model.send().then((sent) => {
      const field = form?.querySelector<HTMLElement>(model.emailError.value ? '#chat-email' : '#chat-message');
      if (!sent) field?.focus();
    });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    // Enter sends, Shift+Enter breaks the line; never while an input method is composing (Thai, CJK).
    // Safari reports the Enter that confirms an input-method candidate with isComposing false but keyCode 229.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && event.keyCode !== 229) submit(event);
  };
  return (
    <form class="composer" onSubmit={submit} noValidate>
      {asked && (
        <div class="field">
          <label for="chat-email">{t.t('email.label')}</label>
          <input
            ref={emailField}
            id="chat-email"
            type="email"
            autoComplete="email"
            required
            value={model.email}
            onInput={(event) => (model.email.value = event.currentTarget.value)}
            aria-invalid={emailError ? 'true' : undefined}
            aria-describedby={emailError ? 'chat-email-error' : undefined}
          />
          {emailError && (
            <p id="chat-email-error" class="error">
              {emailError}
            </p>
          )}
        </div>
      )}
      <label for="chat-message" class="visually-hidden">
        {t.t('message.label')}
      </label>
      <div class="row">
        <textarea
          id="chat-message"
          rows={2}
          maxLength={MESSAGE_MAX_LENGTH}
          placeholder={t.t('message.label')}
          enterkeyhint="send"
          value={model.draft}
          onInput={(event) => (model.draft.value = event.currentTarget.value)}
          onKeyDown={onKeyDown}
          aria-invalid={messageError ? 'true' : undefined}
          aria-describedby={messageError ? 'chat-message-error' : undefined}
        />
        <button type="submit" class="send">
          {t.t('send')}
        </button>
      </div>
      {messageError && (
        <p id="chat-message-error" class="error">
          {messageError}
        </p>
      )}
    </form>
  );
}
