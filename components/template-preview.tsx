// The template editor's live preview: the draft rendered for a sample customer the way the palette
// would render it on a platform, with its caret stops marked and the platform's length counter.
import { type ReactNode, useId, useState } from 'react';
import { hintClass } from '@/components/sla-form-kit';
import type { TemplateDraft } from '@/components/template-draft';
import { Field, inputClass, PlatformSelect } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { VoiceHintList } from '@/components/voice-section';
import type { Account } from '@/utils/schema';
import { PLATFORM_NAMES, type Platform } from '@/utils/schema-core';
import { bodyFor, firstNameOf, lintTemplateBody, type RenderedTemplate, renderTemplate } from '@/utils/templates';
import { replyLength } from '@/utils/text-length';
import { voiceGuideFor } from '@/utils/voice-guard';

const SAMPLE_LINKS: Record<Platform, (handle: string) => string> = {
  x: (h) => `https://x.com/${h}/status/1790000000000000001`,
  facebook: () => 'https://www.facebook.com/permalink.php?story_fbid=1790000000&id=1000',
  instagram: () => 'https://www.instagram.com/p/C7Xn2aLsQ1d/',
  linkedin: () => 'https://www.linkedin.com/feed/update/urn:li:activity:7190000000000000001/',
};

/** The rendered text as nodes: a ▮ at each caret stop, a stop's placeholder underlined. */
function withCarets({ text, cursors }: RenderedTemplate): ReactNode[] {
  const nodes: ReactNode[] = [];
  let last = 0;
  [...cursors]
    .sort((a, b) => a.start - b.start)
    .forEach((c, i) => {
      nodes.push(text.slice(last, c.start));
      nodes.push(
        <span
          key={`caret-${i}`}
          data-replyline-cursor
          role="img"
          aria-label={`caret stop ${i + 1}`}
          className="text-sky-600 dark:text-sky-400"
        >
          ▮
        </span>,
      );
      if (c.end > c.start) {
        nodes.push(
          <span key={`placeholder-${i}`} className="rounded-sm bg-sky-100 px-0.5 dark:bg-sky-900">
            {text.slice(c.start, c.end)}
          </span>,
        );
      }
      last = c.end;
    });
  nodes.push(text.slice(last));
  return nodes;
}

/** Where a missing value comes from, for the preview's problems. */
const WHERE: Record<string, (platform: Platform) => string> = {
  'agent.name': () => 'Your name is set under You.',
  'brand.name': (p) => `The brand name is the display name of a brand account on ${PLATFORM_NAMES[p]}.`,
};

export function TemplatePreview({ draft, accounts }: { draft: TemplateDraft; accounts: Account[] }) {
  const settings = useRemote('settings/get', {});
  const headingId = useId();
  const [name, setName] = useState('Maya Ortiz');
  const [handle, setHandle] = useState('@maya_rides');
  const [platform, setPlatform] = useState<Platform>('x');
  const [language, setLanguage] = useState('');
  const languages = [...new Set(draft.variants.map((v) => v.locale.trim()).filter(Boolean))];
  const chosen = languages.includes(language) ? language : '';
  const variants = draft.variants.map((v) => ({ locale: v.locale.trim(), body: v.body })).filter((v) => v.locale);
  const body = bodyFor({ body: draft.body, locale: draft.locale.trim() || undefined, variants }, chosen || undefined);
  const bare = handle.trim().replace(/^@/, '');
  // As the palette gets it from the background: the first display name among this platform's accounts.
  const brandName = accounts.filter((a) => a.platform === platform).find((a) => a.displayName)?.displayName;
  const result = renderTemplate(body, {
    'customer.name': name.trim() || undefined,
    'customer.firstName': firstNameOf(name),
    'customer.handle': bare ? `@${bare}` : undefined,
    'agent.name': settings.data?.agentName,
    'brand.name': brandName,
    platform: PLATFORM_NAMES[platform],
    'item.link': SAMPLE_LINKS[platform](bare || 'maya_rides'),
  });
  const lint = body ? lintTemplateBody(body) : [];
  const problems = result.ok
    ? []
    : result.problems
        .filter((p) => !lint.includes(p))
        .map((p) => {
          const variable = /^\{\{([\w.]+)\}\} has no value/.exec(p)?.[1];
          const where = variable && WHERE[variable];
          return where ? `${p}. ${where(platform)}` : p;
        });
  const length = result.ok ? replyLength(platform, result.value.text) : undefined;
  const outOfScope = draft.platforms.length > 0 && !draft.platforms.includes(platform);
  return (
    <section
      data-replyline-template-preview
      aria-labelledby={headingId}
      className="flex flex-col gap-2 rounded border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-800/60"
    >
      <h3 id={headingId} className="text-[14px] font-semibold">
        Preview as
      </h3>
      <div className="grid grid-cols-[1.3fr_1.3fr_1fr_1fr] gap-2">
        <Field label="Sample customer">
          {(id) => <input id={id} className={inputClass} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Sample handle">
          {(id) => <input id={id} className={inputClass} value={handle} onChange={(e) => setHandle(e.target.value)} />}
        </Field>
        <PlatformSelect label="Preview platform" value={platform} onChange={setPlatform} />
        <Field label="Preview language">
          {(id) => (
            <select id={id} className={inputClass} value={chosen} onChange={(e) => setLanguage(e.target.value)}>
              <option value="">{draft.locale.trim() ? `Default (${draft.locale.trim()})` : 'Default'}</option>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {outOfScope && (
        <p className="text-[13px] text-amber-800 dark:text-amber-300">
          Not offered on {PLATFORM_NAMES[platform]}: this template is limited to {draft.platforms.map((p) => PLATFORM_NAMES[p]).join(', ')}.
        </p>
      )}
      {!body.trim() ? (
        <p className={hintClass}>Write the reply to see it here.</p>
      ) : lint.length ? (
        <p className={hintClass}>Fix the problems in this text to see it here.</p>
      ) : result.ok ? (
        <>
          <p
            data-replyline-preview-text
            className="min-h-10 whitespace-pre-wrap break-words rounded border border-slate-200 bg-white px-3 py-2 text-[14px] dark:border-slate-600 dark:bg-slate-900"
          >
            {withCarets(result.value)}
          </p>
          <VoiceHintList
            text={result.value.text}
            guide={voiceGuideFor(settings.data?.voice, draft.accounts[0] ?? accounts.find((a) => a.platform === platform)?.handle)}
            context={{ platform, kind: 'comment', publicReply: true, customer: { name, firstName: firstNameOf(name), handle } }}
          />
          <p className="flex justify-between gap-3 text-[12px]">
            <span className={hintClass}>
              {result.value.cursors.length > 0 && '▮ marks where the caret lands; Tab moves to the next. '}
              {/\{\{\s*item\.link/.test(body) && '{{item.link}} is a sample permalink.'}
            </span>
            <span
              data-replyline-length
              className={
                length?.over ? 'shrink-0 font-semibold text-amber-800 dark:text-amber-300' : 'shrink-0 text-slate-600 dark:text-slate-300'
              }
            >
              {length?.length} / {length?.max}
              {length?.over && ` — over the ${PLATFORM_NAMES[platform]} limit`}
            </span>
          </p>
        </>
      ) : null}
      {problems.length > 0 && (
        <ul role="alert" className="rounded bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:bg-red-950 dark:text-red-200">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
