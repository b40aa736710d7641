// The person at the top of the customer history panel: name, identities per platform, the figures
// that say how things stand (open items, last contact, sentiment), tags and link suggestions.
import { type FormEvent, useState } from 'react';
import { agoText, dateTimeText, sparklinePoints, trendDirection } from '@/components/customer-panel/format';
import type { PanelAction } from '@/components/customer-panel/panel';
import { buttonClass, inputClass, quietClass } from '@/components/ui';
import type { CustomerProfile, LinkSuggestion } from '@/utils/customers';
import type { IdentityRecord } from '@/utils/db';
import { send } from '@/utils/protocol';
import { PLATFORM_NAMES } from '@/utils/schema-core';
import { sentimentLabel } from '@/utils/sentiment';

export const panelHeadingClass = 'mb-2 text-[13px] font-bold uppercase tracking-wide text-slate-600 dark:text-slate-400';
export const smallButtonClass = `${quietClass} !px-2 !py-0 !text-[12px] whitespace-nowrap`;

interface Props {
  profile: CustomerProfile;
  now: number;
  act: PanelAction;
}

export function CustomerPerson({ profile, now, act }: Props) {
  const { customer, identities } = profile;
  const name = customer.name || identities[0]?.name || 'Unknown customer';
  return (
    <>
      <section aria-labelledby="person-name">
        <NameEditor id={customer.id} name={name} act={act} />
        <IdentityList customerId={customer.id} identities={identities} act={act} />
      </section>
      <dl className="grid grid-cols-3 gap-2 rounded bg-slate-50 px-3 py-2 text-[13px] dark:bg-slate-800">
        <div>
          <dt className="text-[11px] text-slate-500 dark:text-slate-400">Open items</dt>
          <dd className="text-[16px] font-semibold">{profile.openCount}</dd>
        </div>
        <div>
          <dt className="text-[11px] text-slate-500 dark:text-slate-400">Last contact</dt>
          <dd>
            {profile.lastContactAt ? (
              <time dateTime={profile.lastContactAt} title={dateTimeText(profile.lastContactAt)}>
                {agoText(profile.lastContactAt, now)}
              </time>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-[11px] text-slate-500 dark:text-slate-400">Sentiment</dt>
          <dd>
            <SentimentSummary score={profile.sentiment} trend={profile.sentimentTrend.map((p) => p.value)} />
          </dd>
        </div>
      </dl>
      <TagEditor id={customer.id} tags={customer.tags ?? []} act={act} />
      {profile.suggestions.length > 0 && <Suggestions customerId={customer.id} suggestions={profile.suggestions} act={act} />}
    </>
  );
}

function NameEditor({ id, name, act }: { id: string; name: string; act: PanelAction }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <div className="flex items-center gap-2">
        <h2 id="person-name" className="truncate text-[18px] font-bold">
          {name}
        </h2>
        <button type="button" className={smallButtonClass} aria-label={`Rename ${name}`} onClick={() => setDraft(name)}>
          Rename
        </button>
      </div>
    );
  }
  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (await act(send('customers/save', { id, name: draft.trim() }), 'Name saved.')) setDraft(null);
  };
  return (
    <form onSubmit={save} className="flex items-center gap-2">
      <h2 id="person-name" className="sr-only">
        {name}
      </h2>
      <input
        aria-label="Customer name"
        className={inputClass}
        value={draft}
        maxLength={200}
        // biome-ignore lint/a11y/noAutofocus: the user just asked to rename; the field replaces the button they pressed.
        autoFocus
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== 'Escape') return;
          e.preventDefault();
          setDraft(null);
        }}
      />
      <button type="submit" className={buttonClass}>
        Save
      </button>
      <button type="button" className={quietClass} onClick={() => setDraft(null)}>
        Cancel
      </button>
    </form>
  );
}

const handleOf = (identity: Pick<IdentityRecord, 'handle' | 'name'>) => (identity.handle ? `@${identity.handle}` : identity.name);

/** Profile links come from hostile pages: https only (the schema checks it too). */
const safeHref = (url: string | undefined) => (url?.startsWith('https://') ? url : undefined);

function IdentityList({ customerId, identities, act }: { customerId: string; identities: IdentityRecord[]; act: PanelAction }) {
  return (
    <ul aria-label="Identities" className="mt-1 flex flex-col gap-1 text-[13px]">
      {identities.map((identity) => {
        const href = safeHref(identity.profileUrl);
        const label = `${PLATFORM_NAMES[identity.platform]} ${handleOf(identity)}`;
        return (
          <li key={identity.key} className="flex items-center gap-2">
            <span className="w-[72px] shrink-0 text-[11px] font-semibold uppercase text-slate-500 dark:text-slate-400">
              {PLATFORM_NAMES[identity.platform]}
            </span>
            {href ? (
              <a href={href} target="_blank" rel="noopener noreferrer" className="truncate text-sky-700 underline dark:text-sky-300">
                {handleOf(identity)}
              </a>
            ) : (
              <span className="truncate">{handleOf(identity)}</span>
            )}
            {identity.handle && identity.name !== identity.handle && (
              <span className="truncate text-slate-500 dark:text-slate-400">{identity.name}</span>
            )}
            {identities.length > 1 && (
              <button
                type="button"
                className={`${smallButtonClass} ml-auto`}
                aria-label={`Unlink ${label}`}
                onClick={() => act(send('customers/unlink', { customerId, identityKey: identity.key }), `${label} unlinked.`)}
              >
                Unlink
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const SPARK_W = 72;
const SPARK_H = 20;

function SentimentSummary({ score, trend }: { score?: number; trend: number[] }) {
  if (score === undefined) return <span className="text-slate-500 dark:text-slate-400">No signal</span>;
  const label = sentimentLabel(score);
  const tone =
    label === 'negative' ? 'text-red-700 dark:text-red-300' : label === 'positive' ? 'text-emerald-700 dark:text-emerald-300' : '';
  return (
    <span className="flex flex-col">
      <span className={`font-semibold capitalize ${tone}`}>{label}</span>
      {trend.length > 1 && (
        <svg
          width={SPARK_W}
          height={SPARK_H}
          viewBox={`0 0 ${SPARK_W} ${SPARK_H}`}
          role="img"
          aria-label={`Sentiment trend over ${trend.length} items: ${trendDirection(trend)}`}
          className="overflow-visible"
        >
          <line x1={0} x2={SPARK_W} y1={SPARK_H / 2} y2={SPARK_H / 2} className="stroke-slate-300 dark:stroke-slate-600" strokeWidth={1} />
          <polyline
            points={sparklinePoints(trend, SPARK_W, SPARK_H)}
            fill="none"
            strokeWidth={1.5}
            strokeLinejoin="round"
            className="stroke-sky-700 dark:stroke-sky-300"
          />
        </svg>
      )}
    </span>
  );
}

function TagEditor({ id, tags, act }: { id: string; tags: string[]; act: PanelAction }) {
  const [draft, setDraft] = useState('');
  const save = (next: string[], done: string) => act(send('customers/save', { id, tags: next }), done);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    const tag = draft.trim();
    if (!tag) return;
    if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return setDraft('');
    if (await save([...tags, tag], `Tag “${tag}” added.`)) setDraft('');
  };
  return (
    <section aria-labelledby="tags-heading">
      <h3 id="tags-heading" className={panelHeadingClass}>
        Tags
      </h3>
      {tags.length > 0 && (
        <ul aria-label="Tags" className="mb-2 flex flex-wrap gap-1">
          {tags.map((tag) => (
            <li
              key={tag}
              className="flex items-center gap-1 rounded-full bg-sky-100 py-0.5 pr-1 pl-2 text-[12px] text-sky-900 dark:bg-sky-900/50 dark:text-sky-100"
            >
              {tag}
              <button
                type="button"
                aria-label={`Remove tag ${tag}`}
                className="rounded-full px-1 leading-none hover:bg-sky-200 dark:hover:bg-sky-800"
                onClick={() =>
                  save(
                    tags.filter((t) => t !== tag),
                    `Tag “${tag}” removed.`,
                  )
                }
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={add} className="flex gap-2">
        <input
          aria-label="New tag"
          placeholder="Add a tag"
          className={inputClass}
          value={draft}
          maxLength={60}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className={`${quietClass} shrink-0 whitespace-nowrap`}>
          Add tag
        </button>
      </form>
    </section>
  );
}

function Suggestions({ customerId, suggestions, act }: { customerId: string; suggestions: LinkSuggestion[]; act: PanelAction }) {
  return (
    <section aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading" className={panelHeadingClass}>
        Maybe the same person
      </h3>
      <ul className="flex flex-col gap-2">
        {suggestions.map((s) => (
          <li
            key={s.customerId}
            className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-[13px] dark:border-amber-700 dark:bg-amber-950"
          >
            <p className="font-semibold">{s.name}</p>
            <p className="text-slate-600 dark:text-slate-300">
              {s.identities.map((i) => `${PLATFORM_NAMES[i.platform]} ${handleOf(i)}`).join(' · ')}
            </p>
            <p className="text-[12px] text-slate-500 dark:text-slate-400">Why: {s.reasons.join(', ')}</p>
            <div className="mt-1 flex gap-2">
              <button
                type="button"
                className={buttonClass}
                aria-label={`Link ${s.name} to this customer`}
                onClick={() => act(send('customers/link', { customerId, otherId: s.customerId }), `${s.name} linked.`)}
              >
                Link
              </button>
              <button
                type="button"
                className={quietClass}
                aria-label={`${s.name} is not the same person`}
                onClick={() =>
                  act(send('customers/dismiss-suggestion', { customerId, otherId: s.customerId }), `${s.name} will not be suggested again.`)
                }
              >
                Not the same person
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
