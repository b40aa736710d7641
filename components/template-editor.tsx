// Options → Templates: the editor. Name, shortcut and body; tags; platform and brand-account scope;
// the default body's locale and its variants in other languages; a live preview.
import { useEffect, useRef, useState } from 'react';
import { FieldProblem, hintClass, TextField } from '@/components/sla-form-kit';
import { newTemplateVariantRow, type TemplateDraft, templateDraftOf, templateFromDraft } from '@/components/template-draft';
import { TemplatePreview } from '@/components/template-preview';
import { Alert, buttonClass, errorText, Field, inputClass, quietClass } from '@/components/ui';
import { send } from '@/utils/protocol';
import type { Account, Template } from '@/utils/schema';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';

const VARIABLES =
  '{{customer.name}} {{customer.firstName || "there"}} {{customer.handle}} {{agent.name}} {{brand.name}} {{platform}} {{item.link}} {{cursor}}';

/** Lint problems under a body: they block saving, and are shown as soon as they appear. */
const LintList = ({ id, problems }: { id: string; problems?: string[] }) =>
  problems?.length ? (
    <ul id={id} className="text-[13px] text-amber-800 dark:text-amber-300">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  ) : null;

function BodyField(props: { label: string; value: string; onChange: (v: string) => void; lint?: string[]; problem?: string }) {
  return (
    <Field label={props.label}>
      {(id) => (
        <>
          <textarea
            id={id}
            className={`${inputClass} min-h-24 font-mono text-[13px]`}
            value={props.value}
            aria-invalid={!!(props.problem || props.lint?.length)}
            aria-describedby={`${id}-lint ${id}-problem`}
            onChange={(e) => props.onChange(e.target.value)}
          />
          <LintList id={`${id}-lint`} problems={props.lint} />
          <FieldProblem id={`${id}-problem`} text={props.problem} />
        </>
      )}
    </Field>
  );
}

/** Brand accounts by handle: the template scope names handles, so @northwindco on X and Facebook is one choice. */
function accountChoices(accounts: Account[], chosen: string[]) {
  const byHandle = new Map<string, Platform[]>();
  for (const a of accounts) byHandle.set(a.handle, [...(byHandle.get(a.handle) ?? []), a.platform]);
  const choices = [...byHandle].map(([handle, platforms]) => ({
    handle,
    label: `${PLATFORMS.filter((p) => platforms.includes(p))
      .map((p) => PLATFORM_NAMES[p])
      .join(', ')} @${handle}`,
  }));
  // A scope may name an account that was removed since: keep it visible so it can be unticked.
  for (const handle of chosen) if (!byHandle.has(handle)) choices.push({ handle, label: `@${handle} (no longer a brand account)` });
  return choices;
}

const checkboxRow = 'flex items-center gap-1.5';

export function TemplateEditor({
  initial,
  accounts,
  onDone,
}: {
  initial: Template;
  accounts: Account[];
  onDone: (saved: boolean) => void;
}) {
  const [d, setD] = useState<TemplateDraft>(() => templateDraftOf(initial));
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const focusVariant = useRef<string>(undefined);
  const { template, problems, lint } = templateFromDraft(initial, d);
  const shown = tried ? problems : {};
  useEffect(() => form.current?.querySelector<HTMLElement>('input, textarea')?.focus(), []);
  useEffect(() => {
    if (!focusVariant.current) return;
    form.current?.querySelector<HTMLElement>(`[data-variant="${focusVariant.current}"] input`)?.focus();
    focusVariant.current = undefined;
  });
  const set = (patch: Partial<TemplateDraft>) => setD((old) => ({ ...old, ...patch }));
  const toggle = <K extends 'platforms' | 'accounts'>(key: K, value: TemplateDraft[K][number]) =>
    setD((old) => {
      const list = old[key] as string[];
      return { ...old, [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] };
    });
  const setVariant = (i: number, patch: Partial<TemplateDraft['variants'][number]>) =>
    setD((old) => ({ ...old, variants: old.variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));
  const addVariant = () => {
    const row = newTemplateVariantRow();
    focusVariant.current = row.key;
    setD((old) => ({ ...old, variants: [...old.variants, row] }));
  };
  const removeVariant = (i: number) => {
    setD((old) => ({ ...old, variants: old.variants.filter((_, j) => j !== i) }));
    form.current?.querySelector<HTMLElement>('[data-focus="add-variant"]')?.focus();
  };
  const save = () => {
    setTried(true);
    setError(undefined);
    if (!template) {
      // The first problem's field takes focus, so the user lands where the fix is.
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    send('templates/save', template).then(
      () => onDone(true),
      (err) => {
        setSaving(false);
        setError(errorText(err));
      },
    );
  };
  const hasLint = Object.keys(lint).length > 0;
  return (
    <form
      ref={form}
      aria-label={initial.id ? `Edit ${initial.name}` : 'New template'}
      noValidate
      className="flex flex-col gap-3 rounded border border-slate-300 p-3 dark:border-slate-600"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onDone(false);
      }}
    >
      <div className="grid grid-cols-[2fr_1fr_1fr] gap-3">
        <TextField label="Name" value={d.name} problem={shown.name} onChange={(name) => set({ name })} />
        <TextField
          label="Shortcut"
          value={d.shortcut}
          placeholder=";thanks"
          problem={shown.shortcut}
          onChange={(v) => set({ shortcut: v.trim() })}
        />
        <TextField
          label="Locale"
          value={d.locale}
          placeholder="en"
          hint="optional"
          problem={shown.locale}
          onChange={(locale) => set({ locale })}
        />
      </div>
      <BodyField label="Body" value={d.body} lint={lint.body} problem={shown.body} onChange={(body) => set({ body })} />
      <p className={hintClass}>Variables: {VARIABLES}</p>
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-[13px] font-semibold">Other languages</legend>
        {d.variants.length === 0 && (
          <p className={hintClass}>The body is used for every customer. Add a language to answer, say, French customers in French.</p>
        )}
        {d.variants.map((v, i) => (
          <div key={v.key} data-variant={v.key} className="grid grid-cols-[9rem_1fr_auto] items-start gap-2">
            <TextField
              label={`Variant ${i + 1} locale`}
              value={v.locale}
              placeholder="fr"
              problem={tried || v.locale.trim() ? problems[`variants.${i}.locale`] : undefined}
              onChange={(locale) => setVariant(i, { locale })}
            />
            <BodyField
              label={`Variant ${i + 1} text`}
              value={v.body}
              lint={lint[`variants.${i}.body`]}
              problem={shown[`variants.${i}.body`]}
              onChange={(body) => setVariant(i, { body })}
            />
            <button type="button" className={`${quietClass} mt-[22px]`} onClick={() => removeVariant(i)}>
              Remove<span className="sr-only"> variant {i + 1}</span>
            </button>
          </div>
        ))}
        <div>
          <button type="button" className={quietClass} data-focus="add-variant" disabled={d.variants.length >= 20} onClick={addVariant}>
            Add language
          </button>
        </div>
      </fieldset>
      <TextField
        label="Tags"
        value={d.tags}
        placeholder="refund, shipping"
        hint="Comma-separated; for finding templates."
        problem={shown.tags}
        onChange={(tags) => set({ tags })}
      />
      <div className="grid grid-cols-2 gap-3 text-[13px]">
        <fieldset className="flex flex-wrap gap-x-3 gap-y-1">
          <legend className="mb-1 font-semibold">Platforms (none = all)</legend>
          {PLATFORMS.map((p) => (
            <label key={p} className={checkboxRow}>
              <input type="checkbox" checked={d.platforms.includes(p)} onChange={() => toggle('platforms', p)} />
              {PLATFORM_NAMES[p]}
            </label>
          ))}
        </fieldset>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 font-semibold">Brand accounts (none = every account)</legend>
          {accountChoices(accounts, d.accounts).map((a) => (
            <label key={a.handle} className={checkboxRow}>
              <input type="checkbox" checked={d.accounts.includes(a.handle)} onChange={() => toggle('accounts', a.handle)} />
              {a.label}
            </label>
          ))}
          {accounts.length === 0 && d.accounts.length === 0 && (
            <span className={hintClass}>Add brand accounts above to offer a template for one brand only.</span>
          )}
        </fieldset>
      </div>
      <TemplatePreview draft={d} accounts={accounts} />
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={hasLint || saving}>
          Save template
        </button>
        <button type="button" className={quietClass} onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
      <Alert text={error} />
    </form>
  );
}
