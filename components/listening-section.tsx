// Options → brand listening: keywords that turn posts on the sites' own search pages into mentions.
import { useState } from 'react';
import { FieldProblem, hintClass } from '@/components/sla-form-kit';
import { buttonClass, errorText, Field, inputClass, Section, SettingsForm, SettingsOutcome } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { ruleMatchProblem } from '@/utils/keyword-match';
import { send } from '@/utils/protocol';
import { settingsSchema } from '@/utils/schema';

/** A `/regular expression/` line is one keyword: its commas belong to it. */
const REGEX_LINE = /^\/.+\/[a-z]*$/s;

/** One keyword per line, or several on a line separated by commas. */
function splitKeywords(text: string): string[] {
  return text
    .split('\n')
    .flatMap((line) => (REGEX_LINE.test(line.trim()) ? [line] : line.split(',')))
    .map((k) => k.trim())
    .filter(Boolean);
}

/** What the settings schema refuses in these keywords, said about the keyword at fault. */
function keywordsProblem(enabled: boolean, keywords: string[]): string | undefined {
  if (enabled && keywords.length === 0) return 'Add at least one keyword to listen for.';
  const parsed = settingsSchema.safeParse({ listening: { enabled, keywords } });
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  if (!issue) return undefined;
  const at = issue.path[2];
  const keyword = typeof at === 'number' ? keywords[at] : undefined;
  const limit = issue.code === 'too_big' ? String(issue.maximum) : undefined;
  if (keyword === undefined) return limit ? `Use at most ${limit} keywords.` : 'These keywords cannot be saved.';
  const detail = limit ? `at most ${limit} characters` : (ruleMatchProblem(keyword) ?? 'not a valid keyword');
  return `"${keyword.slice(0, 60)}": ${detail}`;
}

export function ListeningSection() {
  const settings = useRemote('settings/get', {});
  const stored = settings.data?.listening;
  const [draft, setDraft] = useState<{ enabled: boolean; text: string }>();
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const v = draft ?? { enabled: stored?.enabled ?? false, text: stored?.keywords.join('\n') ?? '' };
  const set = (patch: Partial<typeof v>) => {
    setDraft({ ...v, ...patch });
    setStatus(undefined);
  };
  const save = () => {
    const listening = { enabled: v.enabled, keywords: splitKeywords(v.text) };
    const found = keywordsProblem(listening.enabled, listening.keywords);
    setProblem(found);
    if (found) return;
    send('settings/save', { listening }).then(
      () => {
        setStatus(listening.enabled ? 'Brand listening is on.' : 'Brand listening is off.');
        setError(undefined);
      },
      (err) => setError(errorText(err)),
    );
  };
  return (
    <Section title="Brand listening">
      <SettingsForm onSave={save} className="flex flex-col gap-2">
        <label className="flex items-center gap-2 text-[14px]">
          <input type="checkbox" checked={v.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
          Listen for brand keywords on search pages
        </label>
        <Field label="Keywords">
          {(id) => (
            <>
              <textarea
                id={id}
                className={`${inputClass} min-h-[80px] resize-y`}
                value={v.text}
                rows={4}
                placeholder={'northwind trail\nnorthwind*'}
                aria-invalid={!!problem}
                aria-describedby={`${id}-hint${problem ? ` ${id}-problem` : ''}`}
                onChange={(e) => set({ text: e.target.value })}
              />
              <span id={`${id}-hint`} className={hintClass}>
                One per line, or separated by commas. Words match whole, in any case and without accents; end one with * for any ending
                (northwind*), or write a /regular expression/. Posts naming one on X search, LinkedIn content search and Facebook post
                search become mentions, with badges like any other item.
              </span>
              <FieldProblem id={`${id}-problem`} text={problem} />
            </>
          )}
        </Field>
        <button type="submit" className={`${buttonClass} self-start`}>
          Save brand listening
        </button>
      </SettingsForm>
      <SettingsOutcome status={status} loadError={settings.error} error={error} />
    </Section>
  );
}
