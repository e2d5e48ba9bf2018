import { useEffect, useRef, type ReactNode, type ButtonHTMLAttributes, type InputHTMLAttributes, type FormEvent } from 'react';

/** A big touch target that shows its keyboard key. */
export function Button({ hotkey, kind = 'normal', children, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { hotkey?: string; kind?: 'normal' | 'primary' | 'danger' }) {
  return (
    <button type="button" className={`btn btn-${kind}`} {...rest}>
      {hotkey && <kbd>{hotkey}</kbd>}
      <span>{children}</span>
    </button>
  );
}

/** A modal: Esc closes it, Enter submits its form, focus starts on the first field. */
export function Dialog({ title, onClose, onSubmit, children, wide, testId }: {
  title: string; onClose(): void; onSubmit?(): void; children: ReactNode; wide?: boolean; testId?: string;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const form = ref.current;
    const first = form?.querySelector<HTMLElement>('[data-autofocus]') ?? form?.querySelector<HTMLElement>('input, select, textarea, button:not(.dialog-x)');
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <div className="overlay" role="presentation">
      <form ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} role="dialog" aria-modal="true" aria-label={title} onSubmit={submit} data-testid={testId}>
        <header>
          <h2>{title}</h2>
          <button type="button" className="dialog-x" aria-label="×" onClick={onClose}>×</button>
        </header>
        {children}
      </form>
    </div>
  );
}

export function Field({ label, ...rest }: InputHTMLAttributes<HTMLInputElement> & { label: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input {...rest} />
    </label>
  );
}

/** Monospace text as printed: receipts and reports. */
export function Paper({ lines, testId }: { lines: readonly string[]; testId?: string }) {
  return <pre className="paper" data-testid={testId}>{lines.join('\n')}</pre>;
}
