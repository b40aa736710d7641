import { memo, type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { SlaPill } from '@/components/sla-pill';
import type { ItemView } from '@/utils/backlog';
import { itemKey, PLATFORM_NAMES } from '@/utils/schema-core';
import { formatSpan, slaState } from '@/utils/sla';

/** Fixed row height: the list renders only the rows in view, placed by index. */
export const ROW_HEIGHT = 76;
export const LIST_HEIGHT = 5 * ROW_HEIGHT;
const OVERSCAN = 6;
/** Page text is hostile and may be long: a row shows the start of it. */
const EXCERPT_CHARS = 200;

export type RowAction = 'open' | 'resolve' | 'snooze' | 'ignore';
const ACTIONS: { action: RowAction; label: string; keys: string }[] = [
  { action: 'open', label: 'Open', keys: 'Enter' },
  { action: 'resolve', label: 'Resolve', keys: 'e' },
  { action: 'snooze', label: 'Snooze', keys: 's' },
  { action: 'ignore', label: 'Ignore', keys: 'i' },
];

const rowId = (item: ItemView) => `row-${itemKey(item)}`;
const muted = 'text-slate-600 dark:text-slate-300';

function dueText(item: ItemView, now: number) {
  if (!item.firstResponseDueAt) return 'no deadline';
  const due = Date.parse(item.firstResponseDueAt);
  return due >= now ? `due in ${formatSpan(due - now)}` : `${formatSpan(now - due)} overdue`;
}

interface RowProps {
  item: ItemView;
  index: number;
  setSize: number;
  now: number;
  selected: boolean;
  onSelect: (index: number) => void;
  onAction: (action: RowAction, item: ItemView) => void;
}

const Row = memo(function Row({ item, index, setSize, now, selected, onSelect, onAction }: RowProps) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the listbox owns the keyboard (aria-activedescendant); a click moves the selection.
    <div
      id={rowId(item)}
      role="option"
      // Focus stays on the listbox, which names this row as its active descendant.
      tabIndex={-1}
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={setSize}
      data-replyline-item={itemKey(item)}
      data-replyline-sla={slaState(item, now)}
      onClick={() => onSelect(index)}
      onDoubleClick={() => onAction('open', item)}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      className={`absolute inset-x-0 flex cursor-pointer flex-col justify-center gap-0.5 border-b border-slate-200 px-3 dark:border-slate-700 ${
        selected
          ? 'bg-sky-100 group-focus-visible:outline-2 group-focus-visible:-outline-offset-2 group-focus-visible:outline-sky-600 dark:bg-sky-950'
          : 'hover:bg-slate-50 dark:hover:bg-slate-800'
      }`}
    >
      <div className="flex items-center gap-2 text-[13px]">
        <span className={`w-[80px] shrink-0 text-[11px] font-semibold uppercase tracking-wide ${muted}`}>
          {PLATFORM_NAMES[item.platform]}
        </span>
        <span className="truncate font-semibold">{item.author.name}</span>
        {item.author.handle && <span className={`truncate ${muted}`}>@{item.author.handle}</span>}
        <span className="ml-auto">
          <SlaPill view={item} now={now} />
        </span>
      </div>
      <div className="truncate text-[13px]">{item.text ? item.text.slice(0, EXCERPT_CHARS) : <em className={muted}>(no text)</em>}</div>
      {/* The selected row's action buttons sit over the end of this line. */}
      <div className={`flex gap-1 overflow-hidden whitespace-nowrap text-[11px] ${muted} ${selected ? 'pr-[200px]' : ''}`}>
        <span>{item.kind}</span>
        <span>· {formatSpan(now - Date.parse(item.postedAt))} ago</span>
        <span>· {dueText(item, now)}</span>
        {item.priority && item.priority !== 'normal' && <span className="font-semibold">· {item.priority}</span>}
      </div>
    </div>
  );
});

interface ListProps {
  rows: readonly ItemView[];
  /** Rows the list has room for (loaded or not). */
  count: number;
  /** Every match when known, for assistive technology; -1 when more may come. */
  setSize: number;
  selected: number;
  /** Changes each time the keyboard moves the selection: the list scrolls it into view, even when it was already selected. */
  reveal: number;
  now: number;
  listRef: RefObject<HTMLDivElement | null>;
  onSelect: (index: number) => void;
  onAction: (action: RowAction, item: ItemView) => void;
  /** The list shows rows up to this index. */
  onWant: (index: number) => void;
}

/**
 * A listbox of `count` rows that renders only those in view (and the selected one, which
 * `aria-activedescendant` names). The selected row's actions sit over it, outside the listbox:
 * an option may not hold buttons.
 */
export function PopupBacklogList({ rows, count, setSize, selected, reveal, now, listRef, onSelect, onAction, onWant }: ListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((scrollTop + LIST_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  useEffect(() => onWant(Math.max(last, selected)), [last, selected, onWant]);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const top = selected * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + ROW_HEIGHT - el.clientHeight;
  }, [selected, reveal]);

  const indexes = new Set<number>();
  for (let i = first; i <= last; i++) indexes.add(i);
  if (selected < count) indexes.add(selected);
  const current = rows[selected];

  return (
    <div
      ref={scroller}
      className="overflow-y-auto"
      style={{ height: Math.min(LIST_HEIGHT, count * ROW_HEIGHT) }}
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
    >
      <div className="relative" style={{ height: count * ROW_HEIGHT }}>
        <div
          ref={listRef}
          role="listbox"
          tabIndex={0}
          aria-label="Backlog, most urgent first"
          aria-activedescendant={current ? rowId(current) : undefined}
          className="group absolute inset-0 outline-none"
        >
          {[...indexes].map((i) => {
            const item = rows[i];
            return item ? (
              <Row
                key={itemKey(item)}
                item={item}
                index={i}
                setSize={setSize}
                now={now}
                selected={i === selected}
                onSelect={onSelect}
                onAction={onAction}
              />
            ) : (
              <div
                key={`loading-${i}`}
                aria-hidden="true"
                className={`absolute inset-x-0 px-3 py-3 text-[12px] ${muted}`}
                style={{ top: i * ROW_HEIGHT, height: ROW_HEIGHT }}
              >
                Loading…
              </div>
            );
          })}
        </div>
        {current && (
          <fieldset className="absolute right-2 flex gap-1" style={{ top: selected * ROW_HEIGHT + ROW_HEIGHT - 26 }}>
            <legend className="sr-only">Actions for {current.author.name}</legend>
            {ACTIONS.map(({ action, label, keys }) => (
              <button
                key={action}
                type="button"
                aria-keyshortcuts={keys}
                title={`${label} (${keys})`}
                onClick={() => onAction(action, current)}
                className="rounded border border-slate-400 bg-white px-1.5 text-[11px] leading-5 text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-700"
              >
                {label}
              </button>
            ))}
          </fieldset>
        )}
      </div>
    </div>
  );
}
