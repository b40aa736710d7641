import { useEffect, useRef, useState } from 'react';
import { SlaPill } from '@/components/sla-pill';
import { useNow, useRemote } from '@/components/use-remote';
import type { ItemView } from '@/utils/backlog';
import { healthLine } from '@/utils/health';
import { send } from '@/utils/protocol';
import { itemKey, PLATFORM_NAMES } from '@/utils/schema';
import { formatSpan, slaState } from '@/utils/sla';

const PAGE = 200;

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
  const items = backlog.data?.items ?? [];

  const open = (item: ItemView | undefined) => {
    if (!item) return;
    send('items/open', { platform: item.platform, externalId: item.externalId }).then(
      () => window.close(),
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
            <Row key={itemKey(item)} item={item} now={now} selected={i === selected} onOpen={() => open(item)} />
          ))}
        </div>
      )}
      <footer className="px-3 py-1 text-[11px] text-slate-500">j/k or ↑/↓ to move · Enter to open</footer>
    </main>
  );
}
