import { type FormEvent, useId, useState } from 'react';
import { HealthSection } from '@/components/health-section';
import { SlaSection } from '@/components/sla-section';
import { Alert, buttonClass, errorText, Field, inputClass, quietClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { send } from '@/utils/protocol';
import { PLATFORM_NAMES, PLATFORMS, type Platform, type Template } from '@/utils/schema';
import { lintTemplateBody } from '@/utils/templates';

function AccountsSection() {
  const accounts = useRemote('accounts/list', {});
  const [platform, setPlatform] = useState<Platform>('x');
  const [handle, setHandle] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [error, setError] = useState<string>();
  const save = (e: FormEvent) => {
    e.preventDefault();
    send('accounts/save', { platform, handle, ...(displayName ? { displayName } : {}) }).then(
      () => {
        setHandle('');
        setDisplayName('');
        setError(undefined);
        accounts.reload();
      },
      (err) => setError(errorText(err)),
    );
  };
  return (
    <Section title="Brand accounts">
      <p className="mb-3 text-[14px] text-slate-600 dark:text-slate-400">
        Items written by these accounts are never pending; their replies mark the customer's item answered. On Facebook and LinkedIn the
        handle is the page's URL slug.
      </p>
      <ul className="mb-3">
        {(accounts.data ?? []).map((a) => (
          <li key={`${a.platform}:${a.handle}`} className="flex items-center gap-3 py-1 text-[14px]">
            <span className="w-24 font-semibold">{PLATFORM_NAMES[a.platform]}</span>
            <span>@{a.handle}</span>
            {a.displayName && <span className="text-slate-500">{a.displayName}</span>}
            <button
              type="button"
              className={`${quietClass} ml-auto`}
              onClick={() => send('accounts/delete', a).then(accounts.reload, (err) => setError(errorText(err)))}
            >
              Remove {PLATFORM_NAMES[a.platform]} @{a.handle}
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={save} className="grid grid-cols-[auto_1fr_1fr_auto] items-end gap-2">
        <Field label="Platform">
          {(id) => (
            <select id={id} className={inputClass} value={platform} onChange={(e) => setPlatform(e.target.value as Platform)}>
              {PLATFORMS.map((p) => (
                <option key={p} value={p}>
                  {PLATFORM_NAMES[p]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Handle">
          {(id) => (
            <input
              id={id}
              className={inputClass}
              value={handle}
              required
              onChange={(e) => setHandle(e.target.value)}
              placeholder="@yourbrand"
            />
          )}
        </Field>
        <Field label="Display name">
          {(id) => (
            <input
              id={id}
              className={inputClass}
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              placeholder="Your Brand"
            />
          )}
        </Field>
        <button type="submit" className={buttonClass}>
          Add account
        </button>
      </form>
      <Alert text={error} />
    </Section>
  );
}

function AgentSection() {
  const settings = useRemote('settings/get', {});
  const [draft, setDraft] = useState<{ agentName?: string; paletteShortcut?: string }>({});
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const value = { ...settings.data, ...draft };
  const save = (e: FormEvent) => {
    e.preventDefault();
    send('settings/save', { agentName: value.agentName ?? '', paletteShortcut: value.paletteShortcut || 'Ctrl+Shift+Space' }).then(
      () => {
        setStatus('Saved.');
        setError(undefined);
      },
      (err) => setError(errorText(err)),
    );
  };
  return (
    <Section title="You">
      <form onSubmit={save} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
        <Field label="Agent name (for {{agent.name}})">
          {(id) => (
            <input
              id={id}
              className={inputClass}
              value={value.agentName ?? ''}
              onChange={(e) => setDraft({ ...draft, agentName: e.target.value })}
            />
          )}
        </Field>
        <Field label="Palette shortcut">
          {(id) => (
            <input
              id={id}
              className={inputClass}
              value={value.paletteShortcut ?? 'Ctrl+Shift+Space'}
              onChange={(e) => setDraft({ ...draft, paletteShortcut: e.target.value })}
            />
          )}
        </Field>
        <button type="submit" className={buttonClass}>
          Save
        </button>
      </form>
      {status && (
        <p role="status" className="mt-2 text-[13px] text-emerald-700">
          {status}
        </p>
      )}
      <Alert text={error} />
    </Section>
  );
}

const EMPTY: Template = { id: '', name: '', shortcut: '', body: '' };

function TemplateEditor({ initial, onDone }: { initial: Template; onDone: () => void }) {
  const [t, setT] = useState(initial);
  const [error, setError] = useState<string>();
  const problems = t.body ? lintTemplateBody(t.body) : [];
  const save = (e: FormEvent) => {
    e.preventDefault();
    const template = { ...t, id: t.id || `tpl-${crypto.randomUUID()}` };
    if (!template.platforms?.length) delete template.platforms;
    send('templates/save', template).then(onDone, (err) => setError(errorText(err)));
  };
  const togglePlatform = (p: Platform) => {
    const current = new Set(t.platforms ?? []);
    if (current.has(p)) current.delete(p);
    else current.add(p);
    setT({ ...t, platforms: [...current] });
  };
  return (
    <form
      onSubmit={save}
      aria-label={initial.id ? `Edit ${initial.name}` : 'New template'}
      className="flex flex-col gap-2 rounded border border-slate-300 p-3 dark:border-slate-600"
    >
      <div className="grid grid-cols-2 gap-2">
        <Field label="Name">
          {(id) => <input id={id} className={inputClass} required value={t.name} onChange={(e) => setT({ ...t, name: e.target.value })} />}
        </Field>
        <Field label="Shortcut">
          {(id) => (
            <input
              id={id}
              className={inputClass}
              required
              value={t.shortcut}
              placeholder=";thanks"
              onChange={(e) => setT({ ...t, shortcut: e.target.value.trim() })}
            />
          )}
        </Field>
      </div>
      <Field label="Body">
        {(id) => (
          <textarea
            id={id}
            className={`${inputClass} min-h-28 font-mono`}
            required
            value={t.body}
            onChange={(e) => setT({ ...t, body: e.target.value })}
          />
        )}
      </Field>
      <p className="text-[12px] text-slate-500">
        Variables:{' '}
        {
          '{{customer.name}} {{customer.firstName || "there"}} {{customer.handle}} {{agent.name}} {{brand.name}} {{platform}} {{item.link}} {{cursor}}'
        }
      </p>
      <fieldset className="flex gap-3 text-[13px]">
        <legend className="mb-1 font-semibold">Platforms (none = all)</legend>
        {PLATFORMS.map((p) => (
          <label key={p} className="flex items-center gap-1">
            <input type="checkbox" checked={t.platforms?.includes(p) ?? false} onChange={() => togglePlatform(p)} />
            {PLATFORM_NAMES[p]}
          </label>
        ))}
      </fieldset>
      {problems.length > 0 && (
        <ul className="text-[13px] text-amber-800 dark:text-amber-300">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={problems.length > 0}>
          Save template
        </button>
        <button type="button" className={quietClass} onClick={onDone}>
          Cancel
        </button>
      </div>
      <Alert text={error} />
    </form>
  );
}

function TemplatesSection() {
  const templates = useRemote('templates/list', {});
  const [editing, setEditing] = useState<Template>();
  const [error, setError] = useState<string>();
  const done = () => {
    setEditing(undefined);
    templates.reload();
  };
  return (
    <Section title="Templates">
      <ul className="mb-3 divide-y divide-slate-200 dark:divide-slate-700">
        {(templates.data ?? []).map((t) => (
          <li key={t.id} className="flex items-center gap-3 py-2 text-[14px]">
            <code className="w-24 shrink-0 text-[13px]">{t.shortcut}</code>
            <span className="font-semibold">{t.name}</span>
            <span className="truncate text-slate-500">{t.body}</span>
            <span className="ml-auto flex shrink-0 gap-2">
              <button type="button" className={quietClass} onClick={() => setEditing(t)}>
                Edit {t.name}
              </button>
              <button
                type="button"
                className={quietClass}
                onClick={() => send('templates/delete', { id: t.id }).then(templates.reload, (err) => setError(errorText(err)))}
              >
                Delete {t.name}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {templates.error && <Alert text={`Could not load templates: ${templates.error}`} />}
      {editing ? (
        <TemplateEditor key={editing.id || 'new'} initial={editing} onDone={done} />
      ) : (
        <button type="button" className={buttonClass} onClick={() => setEditing(EMPTY)}>
          New template
        </button>
      )}
      <Alert text={error} />
    </Section>
  );
}

function localDate(d: Date) {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

function DataSection() {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const importId = useId();
  const exportData = async () => {
    setError(undefined);
    try {
      const file = await send('data/export', {});
      const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `replyline-export-${localDate(new Date())}.json`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setStatus(`Exported ${file.items?.length ?? 0} items and ${file.templates?.length ?? 0} templates.`);
    } catch (e) {
      setError(`Export failed: ${errorText(e)}`);
    }
  };
  const importData = async (file: File | undefined) => {
    if (!file) return;
    setStatus(undefined);
    setError(undefined);
    if (file.size > MAX_IMPORT_BYTES) return setError(`${file.name} is larger than 256 MB. Nothing was imported.`);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      return setError(`${file.name} is not a JSON file (${errorText(e)}). Nothing was imported.`);
    }
    try {
      const result = await send('data/import', { file: parsed });
      if (!result.ok) {
        const where = result.problem.path || 'the file';
        return setError(`Import refused: ${where}: ${result.problem.message}. Nothing was imported.`);
      }
      const counts = Object.entries(result.counts)
        .filter(([, n]) => n)
        .map(([k, n]) => `${n} ${k}`);
      setStatus(`Imported ${counts.join(', ') || 'nothing new'}.`);
    } catch (e) {
      setError(`Import failed: ${errorText(e)}. Nothing was imported.`);
    }
  };
  return (
    <Section title="Your data">
      <p className="mb-3 text-[14px] text-slate-600 dark:text-slate-400">
        Everything stays on this computer. Export it to keep a copy or move it to another browser.
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" className={buttonClass} onClick={exportData}>
          Export data
        </button>
        <label htmlFor={importId} className="flex items-center gap-2 text-[14px] font-semibold">
          Import data
          <input
            id={importId}
            type="file"
            accept="application/json,.json"
            className="text-[13px] font-normal"
            onChange={(e) => void importData(e.target.files?.[0])}
          />
        </label>
      </div>
      {status && (
        <p role="status" className="mt-2 text-[14px] text-emerald-700 dark:text-emerald-300">
          {status}
        </p>
      )}
      <Alert text={error} />
    </Section>
  );
}

export function OptionsPage() {
  return (
    <main
      className="mx-auto max-w-3xl bg-white px-6 py-6 text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      style={{ font: '14px system-ui, sans-serif' }}
    >
      <h1 className="mb-6 text-[24px] font-bold">Replyline options</h1>
      <AccountsSection />
      <AgentSection />
      <TemplatesSection />
      <SlaSection />
      <DataSection />
      <HealthSection />
    </main>
  );
}
