// Options → Templates: the list (sortable by name or use, with tags, scope, languages and usage)
// and the editor for one template at a time.
import { useId, useRef, useState } from 'react';
import { hintClass, RowButton, useFocusReturn } from '@/components/sla-form-kit';
import { TemplateEditor } from '@/components/template-editor';
import { Alert, buttonClass, errorText, inputClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { send } from '@/utils/protocol';
import type { Template } from '@/utils/schema';
import { PLATFORM_NAMES } from '@/utils/schema-core';
import { byUse } from '@/utils/templates';

const EMPTY: Template = { id: '', name: '', shortcut: '', body: '' };

/** "used 12×, last 3 Jul" (with the year when it is not this one). */
function usageText(t: Template): string | undefined {
  if (t.usageCount === undefined) return undefined;
  const last = t.lastUsedAt ? new Date(t.lastUsedAt) : undefined;
  const day = last?.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    ...(last.getFullYear() !== new Date().getFullYear() ? { year: 'numeric' } : {}),
  });
  return `used ${t.usageCount}×${day ? `, last ${day}` : ''}`;
}

function scopeText(t: Template): string {
  return [
    t.platforms?.length ? `${t.platforms.map((p) => PLATFORM_NAMES[p]).join(', ')} only` : undefined,
    t.accounts?.length ? `${t.accounts.map((a) => `@${a}`).join(', ')} only` : undefined,
    t.variants?.length ? [t.locale ?? 'default', ...t.variants.map((v) => v.locale)].join(' · ') : t.locale,
    usageText(t),
  ]
    .filter(Boolean)
    .join(' — ');
}

function TemplateRow({ t, onEdit, onDelete }: { t: Template; onEdit: () => void; onDelete: () => void }) {
  return (
    <li data-template={t.id} className="flex items-start gap-3 py-2 text-[14px]">
      <code className="w-24 shrink-0 truncate pt-0.5 text-[13px]" title={t.shortcut}>
        {t.shortcut}
      </code>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
          <span className="font-semibold">{t.name}</span>
          {t.tags?.length ? (
            <ul aria-label={`Tags of ${t.name}`} className="flex flex-wrap gap-1">
              {t.tags.map((tag) => (
                <li
                  key={tag}
                  className="rounded-full bg-slate-100 px-2 py-px text-[11px] text-slate-700 dark:bg-slate-700 dark:text-slate-200"
                >
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <p className="truncate text-[13px] text-slate-600 dark:text-slate-400">{t.body}</p>
        {scopeText(t) && <p className={hintClass}>{scopeText(t)}</p>}
      </div>
      <span className="flex shrink-0 gap-2">
        <RowButton verb="Edit" name={t.name} focus={`edit:${t.id}`} onClick={onEdit} />
        <RowButton verb="Delete" name={t.name} focus={`delete:${t.id}`} onClick={onDelete} />
      </span>
    </li>
  );
}

type Order = 'name' | 'use';

export function TemplatesSection() {
  const templates = useRemote('templates/list', {});
  const accounts = useRemote('accounts/list', {});
  const [editing, setEditing] = useState<Template>();
  const [order, setOrder] = useState<Order>('name');
  const [error, setError] = useState<string>();
  const sortId = useId();
  const root = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn(root);
  const rows = [...(templates.data ?? [])].sort((a, b) =>
    order === 'use' ? byUse(a, b) || a.name.localeCompare(b.name) : a.name.localeCompare(b.name),
  );
  const close = (id: string) => (saved: boolean) => {
    setEditing(undefined);
    returnFocus(`edit:${id}`, 'new-template');
    if (saved) templates.reload();
  };
  const remove = (t: Template) => {
    setError(undefined);
    returnFocus('new-template');
    send('templates/delete', { id: t.id }).then(templates.reload, (err) => setError(errorText(err)));
  };
  return (
    <Section title="Templates">
      <div ref={root}>
        {rows.length > 1 && (
          <p className="mb-1 flex items-center justify-end gap-2 text-[13px]">
            <label htmlFor={sortId} className="whitespace-nowrap font-semibold">
              Sort templates by
            </label>
            <select
              id={sortId}
              className={inputClass.replace('w-full', 'w-32')}
              value={order}
              onChange={(e) => setOrder(e.target.value as Order)}
            >
              <option value="name">Name</option>
              <option value="use">Most used</option>
            </select>
          </p>
        )}
        <ul className="mb-3 divide-y divide-slate-200 dark:divide-slate-700">
          {rows.map((t) => (
            <TemplateRow key={t.id} t={t} onEdit={() => setEditing(t)} onDelete={() => remove(t)} />
          ))}
        </ul>
        {templates.error && <Alert text={`Could not load templates: ${templates.error}`} />}
        {editing ? (
          <TemplateEditor key={editing.id || 'new'} initial={editing} accounts={accounts.data ?? []} onDone={close(editing.id)} />
        ) : (
          <button type="button" className={buttonClass} data-focus="new-template" onClick={() => setEditing(EMPTY)}>
            New template
          </button>
        )}
        <Alert text={error} />
      </div>
    </Section>
  );
}
