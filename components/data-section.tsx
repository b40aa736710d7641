// Options → Your data: export, import, what is stored, and erasing it.
import { useId, useState } from 'react';
import { downloadBlob, fileDateStamp } from '@/components/download-file';
import { Alert, buttonClass, errorText, quietClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import type { EraseScope } from '@/utils/data-erase';
import { send } from '@/utils/protocol';

// Chrome passes at most 64 MiB in one message to the background; the file is sent in one.
const MAX_IMPORT_MB = 60;
const MAX_IMPORT_BYTES = MAX_IMPORT_MB * 1024 * 1024;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

/** Row counts in words the user knows, largest first. */
const TABLE_NAMES: Record<string, string> = {
  items: 'items',
  customers: 'people',
  notes: 'notes',
  history: 'history entries',
  slaEvents: 'missed targets',
  templates: 'templates',
};

function StorageUsage() {
  const storage = useRemote('data/storage', {});
  if (storage.error) return <Alert text={`Could not read storage use: ${storage.error}`} />;
  if (!storage.data) return <p className="text-[14px] text-slate-600 dark:text-slate-400">Measuring storage…</p>;
  const { usage, quota, rows } = storage.data;
  const counts = Object.entries(TABLE_NAMES)
    .filter(([table]) => rows[table])
    .map(([table, name]) => `${rows[table]?.toLocaleString()} ${name}`);
  return (
    <p className="text-[14px]" data-testid="storage-usage">
      {usage !== undefined ? `Using ${megabytes(usage)}${quota ? ` of ${megabytes(quota)} available` : ''}` : 'Storage use unknown'}
      {counts.length ? `: ${counts.join(', ')}.` : ', no data yet.'}
    </p>
  );
}

const ERASE_TEXT: Record<EraseScope, { button: string; warning: string }> = {
  'customer-data': {
    button: 'Erase customer data',
    warning:
      'This deletes every item, person, note, history entry and missed-target record. Templates, SLA policies, accounts and settings stay.',
  },
  everything: {
    button: 'Erase everything',
    warning: 'This deletes all Replyline data on this computer, including templates, SLA policies, accounts and settings.',
  },
};

function EraseData({ onErased }: { onErased: (message: string) => void }) {
  const [asking, setAsking] = useState<EraseScope>();
  const [error, setError] = useState<string>();
  const warningId = useId();
  const erase = async (scope: EraseScope) => {
    setError(undefined);
    try {
      const { removed } = await send('data/erase', { scope, confirm: 'erase' });
      setAsking(undefined);
      onErased(`Erased ${(removed.items ?? 0).toLocaleString()} items and ${(removed.customers ?? 0).toLocaleString()} people.`);
    } catch (e) {
      setError(`Nothing was erased: ${errorText(e)}`);
    }
  };
  return (
    <div className="mt-4">
      <div className="flex flex-wrap gap-3">
        {(Object.keys(ERASE_TEXT) as EraseScope[]).map((scope) => (
          <button key={scope} type="button" className={quietClass} aria-expanded={asking === scope} onClick={() => setAsking(scope)}>
            {ERASE_TEXT[scope].button}…
          </button>
        ))}
      </div>
      {asking && (
        <div
          role="alertdialog"
          aria-labelledby={warningId}
          className="mt-3 rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
        >
          <p id={warningId} className="mb-3 text-[14px] text-red-900 dark:text-red-100">
            {ERASE_TEXT[asking].warning} It cannot be undone: export your data first if you may need it.
          </p>
          <div className="flex gap-3">
            <button
              type="button"
              className="rounded bg-red-700 px-3 py-1 text-[14px] font-semibold text-white hover:bg-red-800"
              onClick={() => void erase(asking)}
            >
              Yes, {ERASE_TEXT[asking].button.toLowerCase()}
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: the safe choice takes focus when the question opens. */}
            <button type="button" className={quietClass} autoFocus onClick={() => setAsking(undefined)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <Alert text={error} />
    </div>
  );
}

export function DataSection() {
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const importId = useId();
  const exportData = async () => {
    setError(undefined);
    try {
      const file = await send('data/export', {});
      downloadBlob(
        `replyline-export-${fileDateStamp(new Date())}.json`,
        new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' }),
      );
      setStatus(`Exported ${file.items?.length ?? 0} items and ${file.templates?.length ?? 0} templates.`);
    } catch (e) {
      setError(`Export failed: ${errorText(e)}`);
    }
  };
  const importData = async (file: File | undefined) => {
    if (!file) return;
    setStatus(undefined);
    setError(undefined);
    if (file.size > MAX_IMPORT_BYTES) {
      return setError(`${file.name} is larger than ${MAX_IMPORT_MB} MB, the most Replyline imports at once. Nothing was imported.`);
    }
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
      <StorageUsage />
      <div className="mt-3 flex flex-wrap items-center gap-4">
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
        <p role="status" data-testid="data-status" className="mt-2 text-[14px] text-emerald-700 dark:text-emerald-300">
          {status}
        </p>
      )}
      <Alert text={error} />
      <EraseData
        onErased={(message) => {
          setError(undefined);
          setStatus(message);
        }}
      />
    </Section>
  );
}
