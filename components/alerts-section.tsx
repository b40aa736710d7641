// Options → alerts: when desktop notifications come, and quiet hours.
import { useState } from 'react';
import { FieldProblem, hintClass, optionalNumber, TextField } from '@/components/sla-form-kit';
import { buttonClass, errorText, Section, SettingsForm, SettingsOutcome } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { send } from '@/utils/protocol';
import { alertSettingsSchema, DEFAULT_ALERTS } from '@/utils/schema';

export function AlertsSection() {
  const settings = useRemote('settings/get', {});
  const stored = settings.data?.alerts ?? DEFAULT_ALERTS;
  const [draft, setDraft] = useState<{ enabled: boolean; atBreach: boolean; before: string; quietStart: string; quietEnd: string }>();
  const [problems, setProblems] = useState<{ before?: string; quiet?: string }>({});
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const v = draft ?? {
    ...stored,
    before: String(stored.beforeMinutes),
    quietStart: stored.quietStart ?? '',
    quietEnd: stored.quietEnd ?? '',
  };
  const set = (patch: Partial<typeof v>) => {
    setDraft({ ...v, ...patch });
    setStatus(undefined);
  };
  const save = () => {
    const { enabled, atBreach, before, quietStart, quietEnd } = v;
    const alerts = {
      enabled,
      atBreach,
      beforeMinutes: optionalNumber(before) ?? 0,
      ...(quietStart && quietEnd ? { quietStart, quietEnd } : {}),
    };
    const found = {
      before: alertSettingsSchema.safeParse(alerts).success ? undefined : 'A whole number of minutes from 0 to 1440.',
      quiet: !quietStart === !quietEnd ? undefined : 'Give both times, or neither for no quiet hours.',
    };
    setProblems(found);
    if (found.before || found.quiet) return;
    send('settings/save', { alerts }).then(
      () => {
        setStatus('Alerts saved.');
        setError(undefined);
      },
      (err) => setError(errorText(err)),
    );
  };
  const check = (key: 'enabled' | 'atBreach', label: string) => (
    <label className="flex items-center gap-2">
      <input
        type="checkbox"
        checked={v[key]}
        disabled={key !== 'enabled' && !v.enabled}
        onChange={(e) => set({ [key]: e.target.checked })}
      />
      {label}
    </label>
  );
  return (
    <Section title="Alerts">
      <SettingsForm onSave={save} className="flex flex-col gap-2">
        <div className="flex flex-wrap gap-4 text-[14px]">
          {check('enabled', 'Desktop alerts')}
          {check('atBreach', 'Alert when a reply becomes overdue')}
        </div>
        <div className="grid grid-cols-[minmax(15rem,1fr)_1fr_1fr_auto] items-start gap-2">
          <TextField
            label="Minutes before due (0 = none)"
            inputMode="numeric"
            value={v.before}
            disabled={!v.enabled}
            problem={problems.before}
            onChange={(before) => set({ before })}
          />
          <TextField
            label="Quiet from"
            type="time"
            value={v.quietStart}
            aria-invalid={!!problems.quiet}
            onChange={(quietStart) => set({ quietStart })}
          />
          <TextField
            label="Quiet until"
            type="time"
            value={v.quietEnd}
            aria-invalid={!!problems.quiet}
            onChange={(quietEnd) => set({ quietEnd })}
          />
          <button type="submit" className={`${buttonClass} mt-[22px]`}>
            Save alerts
          </button>
        </div>
        <FieldProblem text={problems.quiet} />
        <p className={hintClass}>Quiet hours use this browser's time zone; alerts held during them arrive together afterwards.</p>
      </SettingsForm>
      <SettingsOutcome status={status} loadError={settings.error} error={error} />
    </Section>
  );
}
