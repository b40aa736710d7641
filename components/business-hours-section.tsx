// Options → business hours: per-day intervals, holidays, closures, with a live deadline preview.
import { useId, useRef, useState } from 'react';
import {
  allZones,
  browserZone,
  EditorForm,
  hintClass,
  ListRow,
  pad2,
  pluralize,
  RowButton,
  TextField,
  useFocusReturn,
} from '@/components/sla-form-kit';
import { Alert, buttonClass, errorText, Field, inputClass, quietClass, Section } from '@/components/ui';
import { useNow } from '@/components/use-remote';
import { addBusinessMinutes, validateCalendar } from '@/utils/business-hours';
import { send } from '@/utils/protocol';
import { type BusinessHours, type BusinessInterval, businessHoursSchema } from '@/utils/schema';
import { WEEKDAY_NAMES, WEEKDAYS, type Weekday } from '@/utils/schema-core';

type Closure = Record<'key' | 'start' | 'end' | 'reason', string>;
type HoursDraft = { name: string; timezone: string; days: Record<Weekday, string>; holidays: string; closures: Closure[] };

const intervalsText = (list: readonly BusinessInterval[] = []) => list.map((i) => `${i.start}-${i.end}`).join(', ');
/** A datetime-local value, in the browser's zone, for an instant. */
const toLocalInput = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
};

const hoursDraft = (c: BusinessHours): HoursDraft => ({
  name: c.name ?? '',
  timezone: c.timezone ?? 'UTC',
  // A record without a week is open around the clock: show it as such rather than as closed.
  days: Object.fromEntries(WEEKDAYS.map((d) => [d, c.week ? intervalsText(c.week[d]) : '00:00-24:00'])) as Record<Weekday, string>,
  holidays: (c.holidays ?? []).map((h) => `${h.recurring ? '*' : ''}${h.date}${h.name ? ` ${h.name}` : ''}`).join('\n'),
  closures: (c.closures ?? []).map((x) => ({
    key: crypto.randomUUID(),
    start: toLocalInput(x.start),
    end: toLocalInput(x.end),
    reason: x.reason ?? '',
  })),
});

/** The calendar the draft describes, or the problems that stop it, as sentences. */
function calendarFrom(base: BusinessHours, d: HoursDraft): { calendar?: BusinessHours; problems: string[] } {
  const problems: string[] = [];
  const week: Partial<Record<Weekday, BusinessInterval[]>> = {};
  for (const day of WEEKDAYS) {
    const parts = d.days[day].split(',').flatMap((s) => (s.trim() ? [s.trim()] : []));
    const found = parts.map((s) => /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/.exec(s));
    if (found.some((m) => !m)) problems.push(`${WEEKDAY_NAMES[day]}: write times as 09:00-17:00 (several separated by commas)`);
    else week[day] = found.map((m) => ({ start: `${pad2(Number(m?.[1]))}:${m?.[2]}`, end: `${pad2(Number(m?.[3]))}:${m?.[4]}` }));
  }
  const lines = d.holidays.split('\n').flatMap((line) => (line.trim() ? [line.trim()] : []));
  const holidays = lines.map((line, n) => {
    const m = /^(\*)?\s*(\d{4}-\d{2}-\d{2})(?:\s+(.+))?$/.exec(line);
    if (!m) problems.push(`Holidays, line ${n + 1}: write 2025-12-25 Christmas (a * in front repeats it every year)`);
    return { date: m?.[2] ?? '', ...(m?.[3] ? { name: m[3] } : {}), ...(m?.[1] ? { recurring: true } : {}) };
  });
  const closures = d.closures.map((c, n) => {
    const [start, end] = [Date.parse(c.start), Date.parse(c.end)];
    if (Number.isNaN(start) || Number.isNaN(end)) problems.push(`Closure ${n + 1}: give a start and an end`);
    const iso = (ms: number) => (Number.isNaN(ms) ? '' : new Date(ms).toISOString());
    return { start: iso(start), end: iso(end), ...(c.reason.trim() ? { reason: c.reason.trim() } : {}) };
  });
  if (!d.name.trim()) problems.push('Give the hours a name');
  if (problems.length) return { problems };
  // Fields this page does not edit (from an import or another tool) are kept as they were.
  const { holidays: _h, closures: _c, ...rest } = base;
  const extra = { ...(holidays.length ? { holidays } : {}), ...(closures.length ? { closures } : {}) };
  const parsed = businessHoursSchema.safeParse({ ...rest, name: d.name.trim(), timezone: d.timezone.trim(), week, ...extra });
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map(({ path: [field, index], message }) => {
        const where: Record<string, string> = {
          week: WEEKDAY_NAMES[index as Weekday],
          timezone: 'Time zone',
          holidays: `Holidays, line ${Number(index) + 1}`,
          closures: `Closure ${Number(index) + 1}`,
        };
        return `${where[String(field)] ?? String(field)}: ${message}`;
      }),
    };
  }
  const calendarProblems = validateCalendar(parsed.data);
  return calendarProblems.length ? { problems: calendarProblems } : { calendar: parsed.data, problems: [] };
}

/** The instant of the next `weekday` (0 = Monday) after today at hh:mm, wall time in `timeZone`. */
function nextWallTime(weekday: number, hh: number, mm: number, timeZone: string, now: number): number {
  const n = 'numeric';
  const f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: n, month: n, day: n, hour: n, minute: n });
  const wallOf = (ms: number) => {
    const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
    return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  };
  const today = new Date(wallOf(now));
  const ahead = ((weekday - ((today.getUTCDay() + 6) % 7) + 6) % 7) + 1;
  const wall = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + ahead, hh, mm);
  // Two rounds of "wall time minus the offset there" settle on the instant, DST days included.
  const once = wall - (wallOf(wall) - wall);
  return wall - (wallOf(once) - once);
}

/** Friday 16:30, Saturday 11:00, Monday 08:00: the moments where business hours change a deadline. */
const SAMPLES = [
  [4, 16, 30],
  [5, 11, 0],
  [0, 8, 0],
] as const;

function HoursPreview({ calendar }: { calendar?: BusinessHours }) {
  const now = useNow(60_000);
  const timeZone = calendar?.timezone ?? 'UTC';
  const at = (ms: number) => new Date(ms).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit', timeZone });
  const sentence = ([day, hh, mm]: (typeof SAMPLES)[number], c: BusinessHours) => {
    const start = nextWallTime(day, hh, mm, timeZone, now);
    const due = addBusinessMinutes(start, 60, c);
    return `A message at ${at(start)} would be ${Number.isFinite(due) ? `due ${at(due)}` : 'never due: these hours never open'}`;
  };
  return (
    <div data-replyline-preview className="rounded bg-slate-50 px-3 py-2 text-[13px] dark:bg-slate-800">
      <p className="font-semibold">
        {calendar ? `Preview: a 60-minute target, times in ${timeZone}` : 'The preview appears once the hours are valid.'}
      </p>
      {calendar && (
        <ul>
          {SAMPLES.map((s) => (
            <li key={s[0]}>{sentence(s, calendar)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function HoursEditor({ initial, onDone }: { initial: BusinessHours; onDone: (saved: boolean) => void }) {
  const [d, setD] = useState(() => hoursDraft(initial));
  const [tried, setTried] = useState(false);
  const closuresHint = useId();
  const { calendar, problems } = calendarFrom(initial, d);
  const setClosure = (key: string, patch: Partial<Closure>) =>
    setD({ ...d, closures: d.closures.map((c) => (c.key === key ? { ...c, ...patch } : c)) });
  const addClosure = () => setD({ ...d, closures: [...d.closures, { key: crypto.randomUUID(), start: '', end: '', reason: '' }] });
  return (
    <EditorForm
      label={initial.name ? `Edit ${initial.name}` : 'New business hours'}
      save="Save hours"
      onCancel={() => onDone(false)}
      onSave={() => {
        setTried(true);
        return calendar && send('business-hours/save', calendar).then(() => onDone(true));
      }}
    >
      <div className="grid grid-cols-2 gap-3">
        <TextField label="Name" value={d.name} onChange={(name) => setD({ ...d, name })} />
        <TextField label="Time zone" list="replyline-zones" value={d.timezone} onChange={(timezone) => setD({ ...d, timezone })} />
        <datalist id="replyline-zones">
          {allZones().map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <fieldset className="grid grid-cols-[6rem_1fr] items-center gap-x-3 gap-y-1">
        <legend className="mb-1 text-[13px] font-semibold">
          Open hours <span className={`${hintClass} font-normal`}>e.g. 09:00-12:00, 13:00-17:00; empty = closed; 24:00 = midnight</span>
        </legend>
        {WEEKDAYS.map((day) => (
          <DayRow key={day} day={day} value={d.days[day]} onChange={(v) => setD({ ...d, days: { ...d.days, [day]: v } })} />
        ))}
      </fieldset>
      <Field label="Holidays (closed all day)">
        {(id) => (
          <>
            <textarea
              id={id}
              className={`${inputClass} min-h-16 font-mono`}
              value={d.holidays}
              placeholder={'2025-12-24 Christmas Eve\n*2025-01-01 New Year'}
              aria-describedby={`${id}-hint`}
              onChange={(e) => setD({ ...d, holidays: e.target.value })}
            />
            <span id={`${id}-hint`} className={hintClass}>
              One per line: date, then a name. Start a line with * to close on that day every year.
            </span>
          </>
        )}
      </Field>
      <fieldset className="flex flex-col gap-1" aria-describedby={closuresHint}>
        <legend className="text-[13px] font-semibold">Closures</legend>
        <span id={closuresHint} className={hintClass}>
          One-off closed periods, in this browser's time zone ({browserZone()}).
        </span>
        {d.closures.length > 0 && (
          <div aria-hidden="true" className={`grid ${closureGrid} text-[12px] font-semibold`}>
            <span>From</span>
            <span>Until</span>
            <span>Reason</span>
          </div>
        )}
        {d.closures.map((c, n) => (
          <ClosureRow
            key={c.key}
            n={n + 1}
            closure={c}
            onChange={(patch) => setClosure(c.key, patch)}
            onRemove={() => setD({ ...d, closures: d.closures.filter((x) => x.key !== c.key) })}
          />
        ))}
        <button type="button" className={`${quietClass} self-start`} onClick={addClosure}>
          Add closure
        </button>
      </fieldset>
      {tried && problems.length > 0 && (
        <ul role="alert" className="rounded bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:bg-red-950 dark:text-red-200">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <HoursPreview calendar={calendar} />
    </EditorForm>
  );
}

const closureGrid = 'grid-cols-[13rem_13rem_1fr_auto] items-center gap-2';

function ClosureRow(props: { n: number; closure: Closure; onChange: (patch: Partial<Closure>) => void; onRemove: () => void }) {
  const id = useId();
  // One visible header labels every row; each input still gets its own label for screen readers.
  const input = (key: 'start' | 'end' | 'reason', label: string) => (
    <>
      <label htmlFor={`${id}-${key}`} className="sr-only">{`Closure ${props.n} ${label}`}</label>
      <input
        id={`${id}-${key}`}
        type={key === 'reason' ? 'text' : 'datetime-local'}
        className={inputClass}
        value={props.closure[key]}
        placeholder={key === 'reason' ? 'optional' : undefined}
        onChange={(e) => props.onChange({ [key]: e.target.value })}
      />
    </>
  );
  return (
    <div className={`grid ${closureGrid}`}>
      {input('start', 'from')}
      {input('end', 'until')}
      {input('reason', 'reason')}
      <button type="button" className={quietClass} onClick={props.onRemove}>
        Remove<span className="sr-only"> closure {props.n}</span>
      </button>
    </div>
  );
}

function DayRow({ day, value, onChange }: { day: Weekday; value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="text-[13px]">
        {WEEKDAY_NAMES[day]}
      </label>
      <input id={id} className={`${inputClass} font-mono`} value={value} placeholder="closed" onChange={(e) => onChange(e.target.value)} />
    </>
  );
}

function weekSummary(c: BusinessHours): string {
  if (!c.week) return 'Around the clock';
  const groups: { from: Weekday; to: Weekday; text: string }[] = [];
  for (const day of WEEKDAYS) {
    const text = intervalsText(c.week[day]);
    const last = groups.at(-1);
    if (last && last.text === text) last.to = day;
    else groups.push({ from: day, to: day, text });
  }
  const short = (day: Weekday) => WEEKDAY_NAMES[day].slice(0, 3);
  const open = groups.filter((g) => g.text).map((g) => `${short(g.from)}${g.from === g.to ? '' : `–${short(g.to)}`} ${g.text}`);
  const holidays = c.holidays?.length ? [pluralize(c.holidays.length, 'holiday')] : [];
  const closures = c.closures?.length ? [pluralize(c.closures.length, 'closure')] : [];
  return [open.join(' · ') || 'Closed', ...holidays, ...closures].join('; ');
}

export function HoursSection({ hours, reload, error: loadError }: { hours: BusinessHours[]; reload: () => void; error?: string }) {
  const [editing, setEditing] = useState<BusinessHours>();
  const [error, setError] = useState<string>();
  const root = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn(root);
  const close = (id: string) => (saved: boolean) => {
    setEditing(undefined);
    returnFocus(`edit:${id}`, 'new-hours');
    if (saved) reload();
  };
  const fresh = (): BusinessHours => {
    const nine = [{ start: '09:00', end: '17:00' }];
    return { id: crypto.randomUUID(), name: '', timezone: browserZone(), week: { mon: nine, tue: nine, wed: nine, thu: nine, fri: nine } };
  };
  const remove = (h: BusinessHours) => {
    setError(undefined);
    returnFocus('new-hours');
    send('business-hours/delete', { id: h.id }).then(reload, (err) => setError(errorText(err)));
  };
  return (
    <Section title="Business hours">
      <div ref={root}>
        <ul className="mb-3 divide-y divide-slate-200 dark:divide-slate-700">
          {hours.map((h) => (
            <ListRow key={h.id} name={h.name || h.id} tag={h.timezone ?? 'UTC'} summary={weekSummary(h)}>
              <RowButton verb="Edit" name={h.name || h.id} focus={`edit:${h.id}`} onClick={() => setEditing(h)} />
              <RowButton verb="Delete" name={h.name || h.id} focus={`delete:${h.id}`} onClick={() => remove(h)} />
            </ListRow>
          ))}
        </ul>
        {hours.length === 0 && (
          <p className="mb-3 text-[14px] text-slate-500 dark:text-slate-400">No business hours yet: every policy runs around the clock.</p>
        )}
        {loadError && <Alert text={`Could not load business hours: ${loadError}`} />}
        {editing ? (
          <HoursEditor key={editing.id} initial={editing} onDone={close(editing.id)} />
        ) : (
          <button type="button" className={buttonClass} data-focus="new-hours" onClick={() => setEditing(fresh())}>
            New business hours
          </button>
        )}
        <Alert text={error} />
      </div>
    </Section>
  );
}

// ---- Alerts ---------------------------------------------------------------------------------------
