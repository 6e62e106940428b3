import type { ChatShell } from './shell';

/** The floating launcher: a round button with the unread badge, the panel once loaded, and a live region. */
export function Launcher({ shell, onToggle, onIntent }: { shell: ChatShell; onToggle(): void; onIntent(): void }) {
  const { t, options } = shell;
  const Panel = shell.Panel.value;
  const count = shell.unread.value;
  return (
    <div class={`chat ${options.position}`}>
      <button
        ref={(element) => void (shell.launcher.current = element)}
        type="button"
        class="launcher"
        aria-haspopup="dialog"
        aria-expanded={shell.open.value}
        aria-label={count > 0 ? t.t('launcher.unread', { count }) : t.t('launcher.open')}
        onClick={onToggle}
        onPointerEnter={onIntent}
        onFocus={onIntent}
      >
        <svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" focusable="false">
          <path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z" fill="currentColor" />
        </svg>
        {count > 0 && (
          <span class="badge" aria-hidden="true">
            {count > 9 ? '9+' : count}
          </span>
        )}
      </button>
      {/* After the button, so the full-screen panel on a phone paints over it. */}
      {Panel && <Panel />}
      {/* A bare polite region rather than role=status: the page's own status regions stay the only "status" role outside a dialog. */}
      <p class="visually-hidden" aria-live="polite" aria-atomic="true">
        {shell.announcement}
      </p>
    </div>
  );
}
