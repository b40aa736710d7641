// Options → brand voice: one guide per brand account (or one for all), checked by the reply guard
// in the sites' composers and in the template editor. Saved as `settings.voice` (exported with settings).
import { useState } from 'react';
import { FieldProblem, hintClass, optionalNumber, TextField } from '@/components/sla-form-kit';
import { Alert, buttonClass, errorText, Field, inputClass, quietClass, Section, SettingsForm } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { send } from '@/utils/protocol';
import { type VoiceGuide, voiceGuideSchema } from '@/utils/schema';
import { PLATFORM_NAMES, PLATFORMS, type Platform } from '@/utils/schema-core';
import { checkReply, DEFAULT_VOICE_GUIDE, type VoiceContext, type VoiceHint } from '@/utils/voice-guard';

type EmojiMode = 'none' | 'limited' | 'any';
interface GuideForm {
  greetByName: boolean;
  addressByName: boolean;
  signOff: string;
  banned: string;
  discouraged: string;
  emoji: Record<Platform, { mode: EmojiMode; max: string }>;
  maxExclamations: string;
  maxCapsWords: string;
  emails: boolean;
  phones: boolean;
  orderPattern: string;
  privateWords: string;
  privateOffer: boolean;
}

/** "phrase => alternative" per line; the alternative is optional. */
const phrasesFromLines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.split('=>').map((part) => part.trim()))
    .filter(([phrase]) => phrase)
    .map(([phrase, alternative]) => ({ phrase: phrase as string, ...(alternative ? { alternative } : {}) }));
const phrasesToLines = (list: VoiceGuide['banned'] = []) =>
  list.map((p) => (p.alternative ? `${p.phrase} => ${p.alternative}` : p.phrase)).join('\n');

const toForm = (g: VoiceGuide): GuideForm => ({
  greetByName: !!g.greetByName,
  addressByName: !!g.addressByName,
  signOff: g.signOff ?? '',
  banned: phrasesToLines(g.banned),
  discouraged: phrasesToLines(g.discouraged),
  emoji: Object.fromEntries(
    PLATFORMS.map((p) => [p, { mode: g.emoji?.[p]?.mode ?? 'any', max: String(g.emoji?.[p]?.max ?? 1) }]),
  ) as GuideForm['emoji'],
  maxExclamations: g.maxExclamations === undefined ? '' : String(g.maxExclamations),
  maxCapsWords: g.maxCapsWords === undefined ? '' : String(g.maxCapsWords),
  emails: g.privateData?.emails ?? false,
  phones: g.privateData?.phones ?? false,
  orderPattern: g.privateData?.orderPattern ?? '',
  privateWords: (g.privateData?.words ?? []).join('\n'),
  privateOffer: g.privateOffer !== false,
});

const fromForm = (f: GuideForm): unknown => ({
  greetByName: f.greetByName,
  addressByName: f.addressByName,
  ...(f.signOff.trim() ? { signOff: f.signOff.trim() } : {}),
  banned: phrasesFromLines(f.banned),
  discouraged: phrasesFromLines(f.discouraged),
  emoji: Object.fromEntries(
    PLATFORMS.filter((p) => f.emoji[p].mode !== 'any').map((p) => [
      p,
      { mode: f.emoji[p].mode, ...(f.emoji[p].mode === 'limited' ? { max: optionalNumber(f.emoji[p].max) ?? 1 } : {}) },
    ]),
  ),
  maxExclamations: optionalNumber(f.maxExclamations),
  maxCapsWords: optionalNumber(f.maxCapsWords),
  privateData: {
    emails: f.emails,
    phones: f.phones,
    ...(f.orderPattern.trim() ? { orderPattern: f.orderPattern.trim() } : {}),
    words: f.privateWords
      .split('\n')
      .map((w) => w.trim())
      .filter(Boolean),
  },
  privateOffer: f.privateOffer,
});

/** The guard's hints for a text, as the template editor and the try-out box show them. */
export function VoiceHintList({ text, guide, context }: { text: string; guide: VoiceGuide; context: VoiceContext }) {
  const hints: VoiceHint[] = checkReply(text, guide, context);
  if (!hints.length) return null;
  return (
    <ul
      data-replyline-voice-hints
      aria-label="Brand voice"
      className="rounded bg-amber-50 px-3 py-2 text-[13px] text-amber-900 dark:bg-amber-950 dark:text-amber-200"
    >
      {hints.map((h, i) => (
        <li key={`${h.rule}-${i}`} data-rule={h.rule}>
          {h.severity === 'warn' ? '⚠ ' : 'ℹ '}
          {h.message}
        </li>
      ))}
    </ul>
  );
}

const SAMPLE_CONTEXT: VoiceContext = {
  platform: 'x',
  kind: 'comment',
  publicReply: true,
  customer: { name: 'Maya Ortiz', firstName: 'Maya', handle: '@maya_rides' },
  itemSentiment: -0.6,
};

export function VoiceSection() {
  const settings = useRemote('settings/get', {});
  const accounts = useRemote('accounts/list', {});
  const [account, setAccount] = useState('*');
  const [forms, setForms] = useState<Record<string, GuideForm>>({});
  const [problem, setProblem] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [error, setError] = useState<string>();
  const [trial, setTrial] = useState('Thanks for reaching out!! Send your order #48213 details to help@example.com');
  const voice = settings.data?.voice ?? {};
  const stored = voice[account];
  const form = forms[account] ?? toForm(stored ?? DEFAULT_VOICE_GUIDE);
  const set = (patch: Partial<GuideForm>) => {
    setForms({ ...forms, [account]: { ...form, ...patch } });
    setStatus(undefined);
  };
  const parsed = voiceGuideSchema.safeParse(fromForm(form));
  const handles = [...new Set((accounts.data ?? []).map((a) => a.handle.toLowerCase()))];

  const saveVoice = (next: Record<string, VoiceGuide>, done: string) =>
    send('settings/save', { voice: next }).then(
      () => {
        setStatus(done);
        setError(undefined);
        settings.reload();
      },
      (err) => setError(errorText(err)),
    );
  const save = () => {
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(`${issue?.path.join('.')}: ${issue?.message}`);
      return;
    }
    setProblem(undefined);
    void saveVoice({ ...voice, [account]: parsed.data }, 'Voice guide saved.');
  };
  const remove = () => {
    const { [account]: _removed, ...rest } = voice;
    setForms({ ...forms, [account]: toForm(DEFAULT_VOICE_GUIDE) });
    void saveVoice(rest, 'Voice guide removed: the default applies.');
  };
  const check = (key: 'greetByName' | 'addressByName' | 'emails' | 'phones' | 'privateOffer', label: string) => (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={form[key]} onChange={(e) => set({ [key]: e.target.checked })} />
      {label}
    </label>
  );
  const area = (key: 'banned' | 'discouraged' | 'privateWords', label: string) => (
    <Field label={label}>
      {(id) => <textarea id={id} rows={3} className={inputClass} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} />}
    </Field>
  );

  return (
    <Section title="Brand voice">
      <p className={`${hintClass} mb-2`}>
        Replyline checks what you write in a site's reply box and in templates against this guide, and shows hints next to the box. It never
        blocks sending and changes nothing without a click.
      </p>
      <SettingsForm onSave={save} className="flex flex-col gap-3">
        <Field label="Guide for">
          {(id) => (
            <select id={id} className={inputClass} value={account} onChange={(e) => setAccount(e.target.value)}>
              <option value="*">Every brand account</option>
              {handles.map((h) => (
                <option key={h} value={h}>
                  @{h}
                  {voice[h] ? '' : ' (uses the guide for every account)'}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="flex flex-wrap gap-4 text-[14px]">
          {check('greetByName', 'Greet the customer by name')}
          {check('addressByName', 'Address the customer by name')}
          {check('privateOffer', 'Offer a private channel to unhappy customers')}
        </div>
        <TextField label="Sign-off" value={form.signOff} placeholder="^Sam" onChange={(signOff) => set({ signOff })} />
        <div className="grid grid-cols-2 gap-2">
          {area('banned', 'Banned phrases (phrase => alternative, one a line)')}
          {area('discouraged', 'Discouraged phrases (phrase => alternative)')}
        </div>
        <fieldset className="grid grid-cols-4 gap-2">
          <legend className="text-[13px] font-semibold">Emoji</legend>
          {PLATFORMS.map((p) => (
            <div key={p} className="flex flex-col gap-1">
              <Field label={`Emoji on ${PLATFORM_NAMES[p]}`}>
                {(id) => (
                  <select
                    id={id}
                    className={inputClass}
                    value={form.emoji[p].mode}
                    onChange={(e) => set({ emoji: { ...form.emoji, [p]: { ...form.emoji[p], mode: e.target.value as EmojiMode } } })}
                  >
                    <option value="any">Any</option>
                    <option value="limited">Limited</option>
                    <option value="none">None</option>
                  </select>
                )}
              </Field>
              {form.emoji[p].mode === 'limited' && (
                <TextField
                  label={`At most (${PLATFORM_NAMES[p]})`}
                  inputMode="numeric"
                  value={form.emoji[p].max}
                  onChange={(max) => set({ emoji: { ...form.emoji, [p]: { ...form.emoji[p], max } } })}
                />
              )}
            </div>
          ))}
        </fieldset>
        <div className="grid grid-cols-2 gap-2">
          <TextField
            label="Most exclamation marks"
            inputMode="numeric"
            value={form.maxExclamations}
            onChange={(maxExclamations) => set({ maxExclamations })}
          />
          <TextField
            label="Most words in capitals"
            hint="Acronyms of up to four letters (FAQ, ASAP) do not count."
            inputMode="numeric"
            value={form.maxCapsWords}
            onChange={(maxCapsWords) => set({ maxCapsWords })}
          />
        </div>
        <fieldset className="flex flex-col gap-2">
          <legend className="text-[13px] font-semibold">Not in public replies (suggest a private message)</legend>
          <div className="flex flex-wrap gap-4 text-[14px]">
            {check('emails', 'E-mail addresses')}
            {check('phones', 'Phone numbers')}
          </div>
          <TextField
            label="Order number pattern (regular expression)"
            value={form.orderPattern}
            onChange={(orderPattern) => set({ orderPattern })}
          />
          {area('privateWords', 'Other words (one a line)')}
        </fieldset>
        <div className="flex gap-2">
          <button type="submit" className={buttonClass}>
            Save voice guide
          </button>
          {stored && (
            <button type="button" className={quietClass} onClick={remove}>
              Remove this guide
            </button>
          )}
        </div>
        <FieldProblem text={problem} />
      </SettingsForm>
      <div className="mt-3 flex flex-col gap-2">
        <Field label="Try a reply (to an unhappy Maya Ortiz on X)">
          {(id) => <textarea id={id} rows={2} className={inputClass} value={trial} onChange={(e) => setTrial(e.target.value)} />}
        </Field>
        {parsed.success && <VoiceHintList text={trial} guide={parsed.data} context={SAMPLE_CONTEXT} />}
      </div>
      {status && (
        <p role="status" className="mt-2 text-[13px] text-emerald-700 dark:text-emerald-300">
          {status}
        </p>
      )}
      <Alert text={error} />
    </Section>
  );
}
