// Options → SLA policies: ordered, first match wins; the built-in default stays last.
import { useRef, useState } from 'react';
import {
  durationText,
  EditorForm,
  ListRow,
  MATCH_NAMES,
  type MatchKey,
  optionalNumber,
  RowButton,
  TextField,
  useFocusReturn,
} from '@/components/sla-form-kit';
import { Alert, buttonClass, errorText, Field, inputClass, Section } from '@/components/ui';
import { useNow, useRemote } from '@/components/use-remote';
import { send } from '@/utils/protocol';
import { type BusinessHours, type SlaPolicy, slaPolicySchema } from '@/utils/schema';
import { clockFor, DEFAULT_POLICY, formatSpan } from '@/utils/sla';

type PolicyDraft = Record<'name' | 'first' | 'next' | 'resolution' | 'dueSoon' | 'hoursId', string> & Record<MatchKey, string[]>;

const POLICY_PROBLEMS: Record<string, string> = {
  name: 'Give the policy a name.',
  firstResponseMinutes: 'Minutes above 0, at most 525600 (a year).',
  nextResponseMinutes: 'Minutes above 0, or leave it empty.',
  resolutionMinutes: 'Minutes above 0, or leave it empty.',
  dueSoonPercent: 'A percent from 1 to 99.',
};

function policyFrom(base: SlaPolicy, d: PolicyDraft) {
  const policy: Record<string, unknown> = {
    id: base.id,
    name: d.name.trim(),
    order: base.order,
    match: Object.fromEntries((['platforms', 'kinds', 'priorities'] as const).filter((k) => d[k].length).map((k) => [k, d[k]])),
    firstResponseMinutes: optionalNumber(d.first),
    nextResponseMinutes: optionalNumber(d.next),
    resolutionMinutes: optionalNumber(d.resolution),
    dueSoonPercent: optionalNumber(d.dueSoon),
    businessHoursId: d.hoursId || undefined,
  };
  for (const key of Object.keys(policy)) if (policy[key] === undefined) delete policy[key];
  const parsed = slaPolicySchema.safeParse(policy);
  const problems: Record<string, string> = {};
  for (const { path, message } of parsed.error?.issues ?? []) problems[String(path[0])] ??= POLICY_PROBLEMS[String(path[0])] ?? message;
  return { policy: parsed.data, problems };
}

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

function PolicyPreview({ policy, calendar }: { policy?: SlaPolicy; calendar?: BusinessHours }) {
  const now = useNow(30_000);
  if (!policy) return null;
  const clock = clockFor(policy, calendar, new Date(now).toISOString());
  const due = clock.firstResponseDueAt ? Date.parse(clock.firstResponseDueAt) : undefined;
  const resolve = clock.resolutionDueAt ? `, resolved by ${when(Date.parse(clock.resolutionDueAt))}` : '';
  return (
    <p className="text-[13px] text-slate-600 dark:text-slate-300">
      {due === undefined
        ? 'A message now would never be due: these business hours never open.'
        : `A message now would be due ${when(due)} (in ${formatSpan(due - now)})${resolve}.`}
    </p>
  );
}

function PolicyEditor({ initial, hours, onDone }: { initial: SlaPolicy; hours: BusinessHours[]; onDone: (saved: boolean) => void }) {
  const [d, setD] = useState<PolicyDraft>(() => ({
    name: initial.name,
    platforms: initial.match.platforms ?? [],
    kinds: initial.match.kinds ?? [],
    priorities: initial.match.priorities ?? [],
    first: String(initial.firstResponseMinutes),
    next: initial.nextResponseMinutes?.toString() ?? '',
    resolution: initial.resolutionMinutes?.toString() ?? '',
    dueSoon: String(initial.dueSoonPercent),
    hoursId: initial.businessHoursId ?? '',
  }));
  const [tried, setTried] = useState(false);
  const { policy, problems } = policyFrom(initial, d);
  const shown = tried ? problems : {};
  const toggle = (key: MatchKey, value: string) =>
    setD({ ...d, [key]: d[key].includes(value) ? d[key].filter((v) => v !== value) : [...d[key], value] });
  const minutes = (key: 'first' | 'next' | 'resolution', label: string, field: string, placeholder?: string) => (
    <TextField
      label={label}
      inputMode="numeric"
      value={d[key]}
      placeholder={placeholder}
      hint={durationText(d[key]) ? `= ${durationText(d[key])}` : 'minutes'}
      problem={shown[field]}
      onChange={(v) => setD({ ...d, [key]: v })}
    />
  );
  return (
    <EditorForm
      label={initial.name ? `Edit ${initial.name}` : 'New policy'}
      save="Save policy"
      onCancel={() => onDone(false)}
      onSave={() => {
        setTried(true);
        return policy && send('policies/save', policy).then(() => onDone(true));
      }}
    >
      <TextField label="Name" value={d.name} problem={shown.name} onChange={(name) => setD({ ...d, name })} />
      <div className="grid grid-cols-3 gap-3">
        {(Object.keys(MATCH_NAMES) as MatchKey[]).map((key) => (
          <fieldset key={key} className="flex flex-wrap gap-x-3 gap-y-1 text-[13px]">
            <legend className="mb-1 font-semibold">{`${key[0]?.toUpperCase()}${key.slice(1)} (none = all)`}</legend>
            {Object.entries(MATCH_NAMES[key]).map(([value, name]) => (
              <label key={value} className="flex items-center gap-1">
                <input type="checkbox" checked={d[key].includes(value)} onChange={() => toggle(key, value)} />
                {name}
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      <div className="grid grid-cols-4 gap-3">
        {minutes('first', 'First response', 'firstResponseMinutes')}
        {minutes('next', 'Next response', 'nextResponseMinutes', 'same as first')}
        {minutes('resolution', 'Resolution', 'resolutionMinutes', 'none')}
        <TextField
          label="Due soon at (%)"
          inputMode="numeric"
          value={d.dueSoon}
          problem={shown.dueSoonPercent}
          onChange={(dueSoon) => setD({ ...d, dueSoon })}
        />
      </div>
      <Field label="Business hours">
        {(id) => (
          <select id={id} className={inputClass} value={d.hoursId} onChange={(e) => setD({ ...d, hoursId: e.target.value })}>
            <option value="">Around the clock</option>
            {hours.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name || h.id}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PolicyPreview policy={policy} calendar={hours.find((h) => h.id === d.hoursId)} />
    </EditorForm>
  );
}

function policySummary(p: SlaPolicy, hours: BusinessHours[]): string {
  const match = (Object.keys(MATCH_NAMES) as MatchKey[])
    .map((key) => (p.match[key] ?? []).map((v: string) => MATCH_NAMES[key][v] ?? v).join(', '))
    .filter(Boolean)
    .join(' · ');
  const targets = [`first ${durationText(p.firstResponseMinutes)}`];
  if (p.nextResponseMinutes) targets.push(`next ${durationText(p.nextResponseMinutes)}`);
  if (p.resolutionMinutes) targets.push(`resolve ${durationText(p.resolutionMinutes)}`);
  const calendar = p.businessHoursId ? (hours.find((h) => h.id === p.businessHoursId)?.name ?? p.businessHoursId) : 'around the clock';
  return `${match || 'Everything'} — ${targets.join(', ')}; due soon at ${p.dueSoonPercent} %; ${calendar}`;
}

export function PoliciesSection({ hours }: { hours: BusinessHours[] }) {
  const policies = useRemote('policies/list', {});
  const [editing, setEditing] = useState<SlaPolicy>();
  const [error, setError] = useState<string>();
  const root = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn(root);
  const stored = [...(policies.data ?? [])].sort((a, b) => a.order - b.order);
  const rows = stored.some((p) => p.id === DEFAULT_POLICY.id) ? stored : [...stored, DEFAULT_POLICY];
  // The default fits everything, so it stays last: only the other policies are reordered.
  const movable = stored.filter((p) => p.id !== DEFAULT_POLICY.id);
  const finite = movable.map((p) => p.order).filter((o) => o < DEFAULT_POLICY.order);
  const fresh = (): SlaPolicy => {
    const order = finite.length ? Math.max(...finite) + 1 : 0;
    return { id: crypto.randomUUID(), name: '', order, match: {}, firstResponseMinutes: 60, dueSoonPercent: 75 };
  };
  const close = (id: string) => (saved: boolean) => {
    setEditing(undefined);
    returnFocus(`edit:${id}`, 'new-policy');
    if (saved) policies.reload();
  };
  const move = async (i: number, j: number) => {
    const [a, b] = [movable[i], movable[j]];
    if (!a || !b) return;
    const ids = movable.map((p, k) => (k === i ? b : k === j ? a : p).id);
    setError(undefined);
    try {
      await send('policies/reorder', { ids });
    } catch (err) {
      setError(errorText(err));
    }
    const [to, other] = j < i ? ['up', 'down'] : ['down', 'up'];
    returnFocus(`${to}:${a.id}`, `${other}:${a.id}`);
    policies.reload();
  };
  const remove = (p: SlaPolicy) => {
    setError(undefined);
    returnFocus('new-policy');
    send('policies/delete', { id: p.id }).then(policies.reload, (err) => setError(errorText(err)));
  };
  return (
    <Section title="SLA policies">
      <div ref={root}>
        <p className="mb-2 text-[14px] text-slate-600 dark:text-slate-400">The first policy that fits an item sets its deadlines.</p>
        <ol className="mb-3 divide-y divide-slate-200 dark:divide-slate-700">
          {rows.map((p) => {
            const i = movable.indexOf(p);
            const builtIn = !stored.includes(p);
            const arrow = (up: boolean) => (
              <RowButton
                verb={<span aria-hidden="true">{up ? '↑' : '↓'}</span>}
                name={`Move ${p.name} ${up ? 'up' : 'down'}`}
                title={up ? 'Move up' : 'Move down'}
                focus={`${up ? 'up' : 'down'}:${p.id}`}
                disabled={up ? i === 0 : i === movable.length - 1}
                onClick={() => void move(i, up ? i - 1 : i + 1)}
              />
            );
            return (
              <ListRow key={p.id} name={p.name} tag={builtIn ? 'built-in' : undefined} summary={policySummary(p, hours)} data-policy={p.id}>
                {i >= 0 && arrow(true)}
                {i >= 0 && arrow(false)}
                <RowButton verb="Edit" name={p.name} focus={`edit:${p.id}`} onClick={() => setEditing(p)} />
                {!builtIn && (
                  <RowButton
                    verb={p.id === DEFAULT_POLICY.id ? 'Reset' : 'Delete'}
                    name={p.name}
                    focus={`delete:${p.id}`}
                    onClick={() => remove(p)}
                  />
                )}
              </ListRow>
            );
          })}
        </ol>
        {policies.error && <Alert text={`Could not load policies: ${policies.error}`} />}
        {editing ? (
          <PolicyEditor key={editing.id} initial={editing} hours={hours} onDone={close(editing.id)} />
        ) : (
          <button type="button" className={buttonClass} data-focus="new-policy" onClick={() => setEditing(fresh())}>
            New policy
          </button>
        )}
        <Alert text={error} />
      </div>
    </Section>
  );
}

// ---- Business hours ------------------------------------------------------------------------------
