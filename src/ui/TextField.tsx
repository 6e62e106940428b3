/**
 * A labelled text input whose error message is tied to it (`aria-invalid`, `aria-describedby`),
 * styled by `dialogStyles` (`.field`: 16px text so iOS does not zoom, 44px high).
 */
import type { Ref } from 'preact';
import { useId } from 'preact/hooks';

/** Props of `TextField`. */
export interface TextFieldProps {
  label: string;
  value: string;
  onInput(value: string): void;
  /** The shopper-facing problem with the value, or null. */
  error?: string | null;
  type?: 'text' | 'email';
  /** The `autocomplete` token, also used as the field's name (`email`, `name`, ...). */
  autocomplete: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** A text field with its label and, when there is one, its error. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        ref={props.inputRef}
        id={id}
        // Preact's input typings tell input kinds apart by a literal `type`; both kinds here take the same attributes.
        type={(props.type ?? 'text') as 'text'}
        name={props.autocomplete}
        autocomplete={props.autocomplete}
        required={props.required}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? id + 'e' : undefined}
        onInput={(event) => props.onInput(event.currentTarget.value)}
      />
      {props.error && (
        <p id={id + 'e'} class="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
