// The options page's building blocks, shared by its sections.
import { type ReactNode, useId } from 'react';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';

export const inputClass = 'w-full rounded border border-slate-300 bg-white px-2 py-1 text-[14px] dark:border-slate-600 dark:bg-slate-800';
export const buttonClass = 'rounded bg-sky-700 px-3 py-1 text-[14px] font-semibold text-white hover:bg-sky-800 disabled:opacity-50';
export const quietClass =
  'rounded border border-slate-300 px-3 py-1 text-[14px] hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

export const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mb-8">
      <h2 className="mb-3 border-b border-slate-200 pb-1 text-[18px] font-bold dark:border-slate-700">{title}</h2>
      {children}
    </section>
  );
}

export function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-[13px] font-semibold">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

export function Alert({ text }: { text?: string }) {
  return text ? (
    <p role="alert" className="mt-2 rounded bg-red-50 px-3 py-2 text-[14px] text-red-800 dark:bg-red-950 dark:text-red-200">
      {text}
    </p>
  ) : null;
}

/** A labelled select of the four platforms. */
export function PlatformSelect({ label, value, onChange }: { label: string; value: Platform; onChange: (p: Platform) => void }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as Platform)}>
          {PLATFORMS.map((p) => (
            <option key={p} value={p}>
              {PLATFORM_NAMES[p]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A settings form: the browser's own validation bubbles stay off (fields show our messages), Enter saves. */
export function SettingsForm({ onSave, className, children }: { onSave: () => void; className: string; children: ReactNode }) {
  return (
    <form
      noValidate
      className={className}
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      {children}
    </form>
  );
}

/** Under a settings form: what was saved (announced politely), and why loading or saving failed. */
export function SettingsOutcome({ status, loadError, error }: { status?: string; loadError?: string; error?: string }) {
  return (
    <>
      {status && (
        <p role="status" className="mt-2 text-[13px] text-emerald-700 dark:text-emerald-300">
          {status}
        </p>
      )}
      {loadError && <Alert text={`Could not load settings: ${loadError}`} />}
      <Alert text={error} />
    </>
  );
}
