// Options → priority: the rules that raise an item's priority on capture (words or a /pattern/),
// what a negative tone does, and how long message text is kept.
import { useState } from 'react';
import { FieldProblem, hintClass, MATCH_NAMES, optionalNumber, TextField } from '@/components/sla-form-kit';
import { buttonClass, errorText, Field, inputClass, quietClass, Section, SettingsForm, SettingsOutcome } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { ruleMatchProblem } from '@/utils/keyword-match';
import { compilePriorityRules, DEFAULT_NEGATIVE_PRIORITY, DEFAULT_PRIORITY_RULES, priorityFor } from '@/utils/priority';
import { send } from '@/utils/protocol';
import { PRIORITIES, type Priority, type PriorityRule } from '@/utils/schema';

interface Draft {
  rules: PriorityRule[];
  negative: Priority;
  textDays: string;
  itemDays: string;
}

function PrioritySelect({ label, value, onChange }: { label: string; value: Priority; onChange: (p: Priority) => void }) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} className={inputClass} value={value} onChange={(e) => onChange(e.target.value as Priority)}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {MATCH_NAMES.priorities[p]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const ruleLabel = (rule: PriorityRule, index: number) => rule.name || `rule ${index + 1}`;

export function PrioritySection() {
  const settings = useRemote('settings/get', {});
  const [draft, setDraft] = useState<Draft>();
  const [tried, setTried] = useState(false);
  const [sample, setSample] = useState('');
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const stored = settings.data;
  const v: Draft = draft ?? {
    rules: [...(stored?.priorityRules ?? DEFAULT_PRIORITY_RULES)],
    negative: stored?.negativeSentimentPriority ?? DEFAULT_NEGATIVE_PRIORITY,
    textDays: stored?.retention?.textDays ? String(stored.retention.textDays) : '',
    itemDays: stored?.retention?.itemDays ? String(stored.retention.itemDays) : '',
  };
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...v, ...patch });
    setStatus(undefined);
  };
  const setRule = (index: number, patch: Partial<PriorityRule>) =>
    set({ rules: v.rules.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const problems = v.rules.map((r) => ruleMatchProblem(r.match));
  const days = optionalNumber(v.textDays);
  const itemDays = optionalNumber(v.itemDays);
  const daysProblemOf = (n: number | undefined) =>
    n === undefined || (Number.isInteger(n) && n >= 1 && n <= 36500) ? undefined : 'A whole number of days, 1 or more.';
  const daysProblem = daysProblemOf(days);
  const itemDaysProblem = daysProblemOf(itemDays);

  const save = () => {
    setTried(true);
    if (problems.some(Boolean) || daysProblem || itemDaysProblem) return;
    send('settings/save', {
      priorityRules: v.rules.map((r) => ({ ...r, name: r.name?.trim() || undefined })),
      negativeSentimentPriority: v.negative,
      retention: { ...(days ? { textDays: days } : {}), ...(itemDays ? { itemDays } : {}) },
    }).then(
      () => {
        setStatus('Priority rules and retention saved. New rules apply to items captured from now on.');
        setError(undefined);
      },
      (err) => setError(errorText(err)),
    );
  };

  const preview = sample.trim()
    ? (priorityFor(compilePriorityRules({ priorityRules: v.rules.filter((_, i) => !problems[i]) }), sample, undefined) ?? 'normal')
    : undefined;

  return (
    <Section title="Priority and retention">
      <SettingsForm onSave={save} className="flex flex-col gap-3">
        <p className={hintClass}>
          A captured message that matches a rule gets its priority (the highest of all that match), before the SLA policy is chosen. Write
          words or phrases separated by commas (<code>refund*</code> also matches "refunds"; case and accents do not matter), or a{' '}
          <code>/regular expression/i</code>. A priority you set by hand on an item is never changed.
        </p>
        <ul className="flex flex-col gap-2" aria-label="Priority rules">
          {v.rules.map((rule, index) => {
            const label = ruleLabel(rule, index);
            return (
              <li key={rule.id} className="grid grid-cols-[auto_1fr_2fr_8rem_auto] items-start gap-2">
                <label className="mt-[26px] flex items-center gap-1 text-[13px]">
                  <input type="checkbox" checked={rule.enabled !== false} onChange={(e) => setRule(index, { enabled: e.target.checked })} />
                  On<span className="sr-only"> ({label})</span>
                </label>
                <TextField label="Name" value={rule.name ?? ''} onChange={(name) => setRule(index, { name })} />
                <TextField
                  label="Words or /pattern/"
                  value={rule.match}
                  className="font-mono"
                  problem={tried || rule.match ? problems[index] : undefined}
                  onChange={(match) => setRule(index, { match })}
                />
                <PrioritySelect label="Priority" value={rule.priority} onChange={(priority) => setRule(index, { priority })} />
                <button
                  type="button"
                  className={`${quietClass} mt-[22px]`}
                  onClick={() => set({ rules: v.rules.filter((_, i) => i !== index) })}
                >
                  Delete<span className="sr-only"> {label}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {!v.rules.length && <p className={hintClass}>No rules: priorities come only from the tone and from you.</p>}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={quietClass}
            onClick={() => set({ rules: [...v.rules, { id: crypto.randomUUID(), match: '', priority: 'high' }] })}
          >
            Add a rule
          </button>
          <button type="button" className={quietClass} onClick={() => set({ rules: [...DEFAULT_PRIORITY_RULES] })}>
            Restore the built-in rules
          </button>
        </div>
        <div className="grid grid-cols-[1fr_1fr] items-start gap-2">
          <TextField
            label="Try a message"
            value={sample}
            onChange={setSample}
            hint={
              preview
                ? `Priority by the rules above: ${MATCH_NAMES.priorities[preview] ?? preview}`
                : 'Type a customer message to see its priority.'
            }
          />
          <PrioritySelect label="Priority of a negative message" value={v.negative} onChange={(negative) => set({ negative })} />
        </div>
        <div className="grid grid-cols-2 items-start gap-2">
          {(
            [
              [
                'textDays',
                'Drop message text after (days)',
                daysProblem,
                'Empty keeps text. Times, statuses and SLA results stay for the metrics; your notes stay too.',
              ],
              [
                'itemDays',
                'Delete finished items after (days)',
                itemDaysProblem,
                'Empty keeps them. Answered, resolved and ignored items posted longer ago go, with their history; pending and snoozed ones, customers and notes stay.',
              ],
            ] as const
          ).map(([field, label, problem, hint]) => (
            <TextField
              key={field}
              label={label}
              inputMode="numeric"
              value={v[field]}
              problem={problem}
              hint={hint}
              onChange={(value) => set({ [field]: value })}
            />
          ))}
        </div>
        <div>
          <button type="submit" className={buttonClass}>
            Save priority and retention
          </button>
        </div>
        <FieldProblem text={tried && problems.some(Boolean) ? 'Fix the rules marked above before saving.' : undefined} />
      </SettingsForm>
      <SettingsOutcome status={status} loadError={settings.error} error={error} />
    </Section>
  );
}
