// Form pieces shared by the SLA sections of the options page: text fields with hints and problems,
// editor forms that return focus, list rows with their buttons.
import { type InputHTMLAttributes, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { Alert, buttonClass, errorText, Field, inputClass, quietClass } from '@/components/ui';
import { PLATFORM_NAMES } from '@/utils/schema-core';

// Keys follow KINDS and PRIORITIES; the match editor's checkboxes come from these tables.
export const MATCH_NAMES = {
  platforms: PLATFORM_NAMES as Record<string, string>,
  kinds: { comment: 'Comment', reply: 'Reply', mention: 'Mention', dm: 'DM' } as Record<string, string>,
  priorities: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } as Record<string, string>,
};
export type MatchKey = keyof typeof MATCH_NAMES;
export const hintClass = 'text-[12px] text-slate-500 dark:text-slate-400';

/** "1 h 30 min" for a minutes field; empty while the text is not a positive number. */
export function durationText(text: string | number): string {
  const n = Number(text);
  if (!String(text).trim() || !(n > 0)) return '';
  const parts: Array<[number, string]> = [
    [Math.floor(n / 1440), 'd'],
    [Math.floor((n % 1440) / 60), 'h'],
    [Math.round((n % 60) * 10) / 10, 'min'],
  ];
  return parts
    .filter(([v]) => v > 0)
    .map(([v, unit]) => `${v} ${unit}`)
    .join(' ');
}

export const optionalNumber = (s: string) => (s.trim() ? Number(s) : undefined);
export const pad2 = (n: number) => String(n).padStart(2, '0');
export const pluralize = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
let zones: string[] | undefined;
export const allZones = () => (zones ??= Intl.supportedValuesOf('timeZone'));

export const FieldProblem = ({ id, text }: { id?: string; text?: string }) =>
  text ? (
    <p id={id} role="alert" className="text-[12px] text-red-700 dark:text-red-300">
      {text}
    </p>
  ) : null;

type TextFieldProps = { label: string; value: string; onChange: (v: string) => void; hint?: string; problem?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>;

/** A labelled input with its hint and its problem, both announced with it. */
export function TextField({ label, value, onChange, hint, problem, className = '', ...rest }: TextFieldProps) {
  return (
    <Field label={label}>
      {(id) => (
        <>
          <input
            id={id}
            className={`${inputClass} ${className}`}
            value={value}
            aria-invalid={!!problem}
            aria-describedby={[hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ') || undefined}
            onChange={(e) => onChange(e.target.value)}
            {...rest}
          />
          {hint && (
            <span id={`${id}-hint`} className={hintClass}>
              {hint}
            </span>
          )}
          <FieldProblem id={`${id}-problem`} text={problem} />
        </>
      )}
    </Field>
  );
}

/**
 * Hands focus back to a list button after a re-render took it away: a closed editor unmounts the
 * focused field, and moving a row re-inserts its node. The first enabled candidate wins.
 */
export function useFocusReturn(root: RefObject<HTMLElement | null>) {
  const pending = useRef<{ keys: string[]; until: number }>(undefined);
  useEffect(() => {
    const p = pending.current;
    const active = document.activeElement;
    // A button that just became disabled may still hold focus without taking keys: that counts as lost.
    const lost = !active || active === document.body || (active as HTMLButtonElement).disabled;
    if (!p || Date.now() > p.until || !lost) return;
    for (const key of p.keys) {
      const el = root.current?.querySelector<HTMLButtonElement>(`[data-focus="${CSS.escape(key)}"]`);
      if (el && !el.disabled) return el.focus();
    }
  });
  return (...keys: string[]) => {
    pending.current = { keys, until: Date.now() + 2000 };
  };
}

/** An editor takes focus when it opens; Escape or Cancel closes it, and a failed save says why. */
export function EditorForm(props: {
  label: string;
  save: string;
  onSave: () => Promise<unknown> | undefined;
  onCancel: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<string>();
  useEffect(() => ref.current?.querySelector<HTMLElement>('input, select, textarea')?.focus(), []);
  return (
    <form
      ref={ref}
      aria-label={props.label}
      noValidate
      className="flex flex-col gap-3 rounded border border-slate-300 p-3 dark:border-slate-600"
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        props.onSave()?.catch((err: unknown) => setError(errorText(err)));
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        props.onCancel();
      }}
    >
      {props.children}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass}>
          {props.save}
        </button>
        <button type="button" className={quietClass} onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <Alert text={error} />
    </form>
  );
}

/** A list row: name, a tag, a one-line summary, then its buttons. */
export const ListRow = ({
  name,
  tag,
  summary,
  children,
  ...data
}: {
  name: string;
  tag?: string;
  summary: string;
  children: ReactNode;
}) => (
  <li className="flex items-center gap-2 py-2 text-[14px]" {...data}>
    <span className="min-w-0 flex-1">
      <span className="font-semibold">{name}</span>
      {tag && <span className="ml-2 text-[12px] text-slate-500 dark:text-slate-400">{tag}</span>}
      <span className="block truncate text-[13px] text-slate-500 dark:text-slate-400">{summary}</span>
    </span>
    {children}
  </li>
);

/** A row's button: `verb` shows, the row's name completes it for screen readers ("Edit DMs"). */
export function RowButton(props: {
  verb: ReactNode;
  name: string;
  focus: string;
  onClick: () => void;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <button
      type="button"
      className={quietClass}
      data-focus={props.focus}
      {...{ disabled: props.disabled, title: props.title }}
      onClick={props.onClick}
    >
      {props.verb}
      <span className="sr-only"> {props.name}</span>
    </button>
  );
}

// ---- SLA policies -------------------------------------------------------------------------------
