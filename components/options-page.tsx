import { type FormEvent, useState } from 'react';
import { CustomerPanelFields } from '@/components/customer-panel/settings';
import { CustomersSection } from '@/components/customers-section';
import { DataSection } from '@/components/data-section';
import { HealthSection } from '@/components/health-section';
import { ListeningSection } from '@/components/listening-section';
import { PaletteShortcutField } from '@/components/palette-shortcut-field';
import { PrioritySection } from '@/components/priority-section';
import { SlaSection } from '@/components/sla-section';
import { TemplatesSection } from '@/components/templates-section';
import { Alert, buttonClass, errorText, Field, inputClass, PlatformSelect, quietClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { VoiceSection } from '@/components/voice-section';
import { send } from '@/utils/protocol';
import { DEFAULT_SIDEBAR_SHORTCUT, type Settings } from '@/utils/schema';
import { PLATFORM_NAMES, type Platform } from '@/utils/schema-core';

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
            {a.displayName && <span className="text-slate-500 dark:text-slate-400">{a.displayName}</span>}
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
        <PlatformSelect label="Platform" value={platform} onChange={setPlatform} />
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
  const [draft, setDraft] = useState<Pick<Settings, 'agentName' | 'paletteShortcut' | 'sidebarSide' | 'sidebarShortcut'>>({});
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const value = { ...settings.data, ...draft };
  const save = (e: FormEvent) => {
    e.preventDefault();
    send('settings/save', {
      agentName: value.agentName ?? '',
      paletteShortcut: value.paletteShortcut || 'Ctrl+Shift+Space',
      sidebarSide: value.sidebarSide ?? 'right',
      sidebarShortcut: value.sidebarShortcut?.trim() || DEFAULT_SIDEBAR_SHORTCUT,
    }).then(
      () => {
        setStatus('Saved.');
        setError(undefined);
      },
      (err) => setError(errorText(err)),
    );
  };
  return (
    <Section title="You">
      <form onSubmit={save} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
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
        <PaletteShortcutField
          value={value.paletteShortcut ?? 'Ctrl+Shift+Space'}
          onChange={(paletteShortcut) => setDraft({ ...draft, paletteShortcut })}
        />
        <button type="submit" className={`${buttonClass} mt-[22px]`}>
          Save
        </button>
        <CustomerPanelFields
          value={value}
          paletteShortcut={value.paletteShortcut || 'Ctrl+Shift+Space'}
          onChange={(change) => setDraft({ ...draft, ...change })}
        />
      </form>
      {status && (
        <p role="status" className="mt-2 text-[13px] text-emerald-700 dark:text-emerald-400">
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
      <a href="/dashboard.html" className="-mt-4 mb-6 block text-sky-800 underline dark:text-sky-300">
        Dashboard
      </a>
      <AccountsSection />
      <AgentSection />
      <TemplatesSection />
      <VoiceSection />
      <SlaSection />
      <PrioritySection />
      <ListeningSection />
      <CustomersSection />
      <DataSection />
      <HealthSection />
    </main>
  );
}
