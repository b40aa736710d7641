import { useEffect, useRef, useState } from 'react';
import { SlaPill } from '@/components/sla-pill';
import { useNow, useRemote } from '@/components/use-remote';
import type { ItemView } from '@/utils/backlog';
import { healthLine } from '@/utils/health';
import { send } from '@/utils/protocol';
import { itemKey, PLATFORM_NAMES } from '@/utils/schema';
import { formatSpan, slaState } from '@/utils/sla';

const PAGE = 200;

/** Snooze presets; the clock pauses until then, or until the customer writes again. */
export function snoozePresets(now: Date): { label: string; until: Date }[] {
  const at = (days: number, hour: number) => {
    const d = new Date(now);
    d.setDate(d.getDate() + days);
    d.setHours(hour, 0, 0, 0);
    return d;
  };
  const toMonday = (8 - now.getDay()) % 7 || 7;
  return [
    { label: '1 hour', until: new Date(now.getTime() + 3_600_000) },
    { label: '4 hours', until: new Date(now.getTime() + 4 * 3_600_000) },
    { label: 'Tomorrow 09:00', until: at(1, 9) },
    { label: 'Monday 09:00', until: at(toMonday, 9) },
  ];
}

function SnoozeMenu({ onSnooze, onClose }: { onSnooze: (until: Date) => void; onClose: () => void }) {
  const [custom, setCustom] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const presets = snoozePresets(new Date());
  return (
    <div
      role="dialog"
      aria-label="Snooze until"
      className="flex flex-wrap items-center gap-1 bg-slate-100 px-3 py-2 text-[12px] dark:bg-slate-800"
      onKeyDown={(e) => {
        e.stopPropagation();
        const n = Number(e.key);
        if (e.key === 'Escape') onClose();
        else if (n >= 1 && n <= presets.length && !(e.target instanceof HTMLInputElement)) onSnooze(presets[n - 1]?.until ?? new Date());
        else return;
        e.preventDefault();
      }}
    >
      {presets.map((p, i) => (
        <button
          key={p.label}
          ref={i === 0 ? first : undefined}
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5 hover:bg-white dark:border-slate-600"
          onClick={() => onSnooze(p.until)}
        >
          <kbd className="mr-1 text-slate-500">{i + 1}</kbd>
          {p.label}
        </button>
      ))}
      <form
        className="flex items-center gap-1"
        onSubmit={(e) => {
          e.preventDefault();
          if (custom) onSnooze(new Date(custom));
        }}
      >
        <label className="sr-only" htmlFor="snooze-custom">
          Snooze until a date and time
        </label>
        <input
          id="snooze-custom"
          type="datetime-local"
          value={custom}
          onChange={(e) => setCustom(e.target.value)}
          className="rounded border border-slate-300 px-1 dark:border-slate-600 dark:bg-slate-900"
        />
        <button type="submit" className="rounded bg-sky-700 px-2 py-0.5 font-semibold text-white">
          Snooze
        </button>
      </form>
    </div>
  );
}

function Row({ item, now, selected, onOpen }: { item: ItemView; now: number; selected: boolean; onOpen: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);
  const due = item.firstResponseDueAt ? Date.parse(item.firstResponseDueAt) : undefined;
  const dueText = due === undefined ? '' : due >= now ? `due in ${formatSpan(due - now)}` : `${formatSpan(now - due)} overdue`;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      id={`row-${itemKey(item)}`}
      role="option"
      aria-selected={selected}
      data-replyline-item={itemKey(item)}
      data-replyline-sla={slaState(item, now)}
      onClick={onOpen}
      onKeyDown={(e) => e.key === 'Enter' && onOpen()}
      className={`flex cursor-pointer flex-col gap-0.5 border-b border-slate-200 px-3 py-2 dark:border-slate-700 ${selected ? 'bg-sky-50 dark:bg-sky-950' : 'hover:bg-slate-50 dark:hover:bg-slate-800'}`}
    >
      <div className="flex items-center gap-2 text-[13px]">
        <span className="w-16 shrink-0 text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          {PLATFORM_NAMES[item.platform]}
        </span>
        <span className="truncate font-semibold">{item.author.name}</span>
        {item.author.handle && <span className="truncate text-slate-500">@{item.author.handle}</span>}
        <span className="ml-auto">
          <SlaPill view={item} now={now} />
        </span>
      </div>
      <div className="truncate text-[13px] text-slate-700 dark:text-slate-300">{item.text || <em>(no text)</em>}</div>
      <div className="flex gap-2 text-[11px] text-slate-500">
        <span>{item.kind}</span>
        <span>· {formatSpan(now - Date.parse(item.postedAt))} ago</span>
        {dueText && <span>· {dueText}</span>}
      </div>
    </div>
  );
}

export function BacklogPopup() {
  const backlog = useRemote('items/list-pending', { limit: PAGE });
  const health = useRemote('health/list', {});
  const now = useNow();
  const [selected, setSelected] = useState(0);
  const [openError, setOpenError] = useState<string>();
  const [snoozing, setSnoozing] = useState(false);
  const items = backlog.data?.items ?? [];

  const open = (item: ItemView | undefined) => {
    if (!item) return;
    send('items/open', { platform: item.platform, externalId: item.externalId }).then(
      () => window.close(),
      (e: unknown) => setOpenError(e instanceof Error ? e.message : String(e)),
    );
  };

  const setStatus = (item: ItemView | undefined, status: 'resolved' | 'snoozed', snoozeUntil?: Date) => {
    if (!item) return;
    setSnoozing(false);
    send('items/set-status', {
      key: { platform: item.platform, externalId: item.externalId },
      status,
      snoozeUntil: snoozeUntil?.toISOString(),
    }).then(
      () => backlog.reload(),
      (e: unknown) => setOpenError(e instanceof Error ? e.message : String(e)),
    );
  };

  // Keys work wherever focus is in the popup, except in a text field.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'j' || e.key === 'ArrowDown') setSelected((s) => Math.min(items.length - 1, s + 1));
      else if (e.key === 'k' || e.key === 'ArrowUp') setSelected((s) => Math.max(0, s - 1));
      else if (e.key === 'Enter') open(items[selected]);
      else if (e.key === 'e') setStatus(items[selected], 'resolved');
      else if (e.key === 's' && items[selected]) setSnoozing(true);
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  return (
    <main
      className="w-[400px] bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      style={{ font: '14px system-ui, sans-serif' }}
    >
      <header className="flex items-baseline gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-700">
        <h1 className="text-[15px] font-bold">Replyline backlog</h1>
        {backlog.data && (
          <span className="text-[12px] text-slate-500">
            {backlog.data.pending} pending · {backlog.data.urgent} due soon or overdue
          </span>
        )}
        <a
          className="ml-auto text-[12px] text-sky-700 underline dark:text-sky-300"
          href={browser.runtime.getURL('/options.html')}
          target="_blank"
          rel="noreferrer"
        >
          Options
        </a>
      </header>
      {(health.data?.warnings ?? []).map((h) => (
        <p
          key={`${h.platform}:${h.message}`}
          role="status"
          className="bg-amber-50 px-3 py-1 text-[12px] text-amber-900 dark:bg-amber-950 dark:text-amber-200"
        >
          {healthLine(h)}
        </p>
      ))}
      {openError && (
        <p role="alert" className="bg-red-50 px-3 py-1 text-[12px] text-red-800">
          {openError}
        </p>
      )}
      {backlog.loading && !backlog.data && <p className="px-3 py-6 text-center text-slate-500">Loading…</p>}
      {backlog.error && (
        <p role="alert" className="px-3 py-6 text-center text-red-700">
          Could not load the backlog: {backlog.error}
        </p>
      )}
      {backlog.data && !items.length && <p className="px-3 py-6 text-center text-slate-500">Nothing pending. Well done.</p>}
      {items.length > 0 && (
        <div
          role="listbox"
          aria-label="Pending items, most urgent first"
          aria-activedescendant={items[selected] ? `row-${itemKey(items[selected])}` : undefined}
          tabIndex={0}
          // biome-ignore lint/a11y/noAutofocus: the popup is keyboard-first; focus belongs on the list.
          autoFocus
          className="max-h-[480px] overflow-y-auto outline-none"
        >
          {items.map((item, i) => (
            <div key={itemKey(item)}>
              <Row item={item} now={now} selected={i === selected} onOpen={() => open(item)} />
              {snoozing && i === selected && (
                <SnoozeMenu onSnooze={(until) => setStatus(item, 'snoozed', until)} onClose={() => setSnoozing(false)} />
              )}
            </div>
          ))}
        </div>
      )}
      <footer className="px-3 py-1 text-[11px] text-slate-500">j/k or ↑/↓ to move · Enter to open · s to snooze · e to resolve</footer>
    </main>
  );
}
