import type { ReactNode } from 'react';
import type { PendingSla } from '@/utils/backlog-filter';
import type { BacklogCounts } from '@/utils/counters';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';
import { SLA_LABELS } from '@/utils/sla';

/** Most urgent first, as the list. */
const SLA_ORDER: PendingSla[] = ['breached', 'due-soon', 'on-track'];
const count = (n: number) => n.toLocaleString();

function Chip({ pressed, onClick, children }: { pressed: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      onClick={onClick}
      className={`rounded-full border px-2 py-0.5 text-[12px] ${
        pressed
          ? 'border-sky-700 bg-sky-700 text-white'
          : 'border-slate-400 text-slate-800 hover:bg-slate-100 dark:border-slate-500 dark:text-slate-100 dark:hover:bg-slate-800'
      }`}
    >
      {children}
    </button>
  );
}

/** Another extension page, in a tab of its own. */
function PageLink({ path, label }: { path: '/options.html' | '/dashboard.html'; label: string }) {
  return (
    <a
      className="text-[12px] text-sky-800 underline dark:text-sky-300"
      href={browser.runtime.getURL(path)}
      target="_blank"
      rel="noreferrer"
    >
      {label}
    </a>
  );
}

/** The pending backlog's counts, by SLA state and by platform; each is also a filter. */
export function PopupBacklogHeader({
  counts,
  sla,
  platform,
  onSla,
  onPlatform,
}: {
  counts?: BacklogCounts;
  sla?: PendingSla;
  platform?: Platform;
  onSla: (sla: PendingSla | undefined) => void;
  onPlatform: (platform: Platform | undefined) => void;
}) {
  return (
    <header className="border-b border-slate-200 px-3 py-2 dark:border-slate-700">
      <div className="flex items-baseline gap-2">
        <h1 className="text-[15px] font-bold">Replyline backlog</h1>
        <span data-testid="pending-count" className="text-[12px] text-slate-600 dark:text-slate-300">
          {counts ? `${count(counts.byStatus.pending)} pending` : ''}
        </span>
        <span className="ml-auto flex gap-2">
          <PageLink path="/options.html" label="Options" />
          <PageLink path="/dashboard.html" label="Dashboard" />
        </span>
      </div>
      {counts && (
        <>
          <fieldset className="mt-1 flex flex-wrap gap-1">
            <legend className="sr-only">Pending by SLA state</legend>
            {SLA_ORDER.map((state) => (
              <Chip key={state} pressed={sla === state} onClick={() => onSla(sla === state ? undefined : state)}>
                {SLA_LABELS[state]} <span className="font-semibold">{count(counts.pendingBySla[state])}</span>
              </Chip>
            ))}
          </fieldset>
          <fieldset className="mt-1 flex flex-wrap gap-1">
            <legend className="sr-only">Pending by platform</legend>
            {PLATFORMS.map((p) => (
              <Chip key={p} pressed={platform === p} onClick={() => onPlatform(platform === p ? undefined : p)}>
                {PLATFORM_NAMES[p]} <span className="font-semibold">{count(counts.byPlatform[p].pending)}</span>
              </Chip>
            ))}
          </fieldset>
        </>
      )}
    </header>
  );
}
