import { useEffect, useRef, useState } from 'react';

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

/** `1`–`4` pick a preset, or a date and time; Escape closes. */
export function PopupSnoozeMenu({ onSnooze, onClose }: { onSnooze: (until: Date) => void; onClose: () => void }) {
  const [custom, setCustom] = useState('');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  const presets = snoozePresets(new Date());
  return (
    <div
      role="dialog"
      aria-label="Snooze until"
      className="flex flex-wrap items-center gap-1 border-t border-slate-200 bg-slate-100 px-3 py-2 text-[12px] dark:border-slate-700 dark:bg-slate-800"
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
          className="rounded border border-slate-400 px-2 py-0.5 hover:bg-white dark:border-slate-500 dark:hover:bg-slate-700"
          onClick={() => onSnooze(p.until)}
        >
          <kbd className="mr-1 font-semibold">{i + 1}</kbd>
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
          className="rounded border border-slate-400 px-1 dark:border-slate-500 dark:bg-slate-900"
        />
        <button type="submit" className="rounded bg-sky-700 px-2 py-0.5 font-semibold text-white">
          Snooze
        </button>
      </form>
      <button type="button" className="ml-auto underline" onClick={onClose}>
        Cancel
      </button>
    </div>
  );
}
