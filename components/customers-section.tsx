// Options → people: find a customer, see their identities on each platform, confirm or dismiss
// suggested links, unlink an identity, and erase a person completely (after a confirmation).
import { useEffect, useId, useRef, useState } from 'react';
import { hintClass, pluralize } from '@/components/sla-form-kit';
import { Alert, buttonClass, errorText, inputClass, quietClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import type { CustomerRow } from '@/utils/customers';
import type { IdentityRecord } from '@/utils/db';
import { send } from '@/utils/protocol';
import { PLATFORM_NAMES } from '@/utils/schema-core';

const PAGE = 20;
const dangerClass = 'rounded bg-red-700 px-3 py-1 text-[14px] font-semibold text-white hover:bg-red-800';
const when = (iso?: string) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : 'never');
const identityText = (i: IdentityRecord) => `${PLATFORM_NAMES[i.platform]} ${i.handle ? `@${i.handle.replace(/^@/, '')}` : i.name}`;

function Identities({ identities }: { identities: readonly IdentityRecord[] }) {
  return (
    <span className="text-[13px] text-slate-600 dark:text-slate-400">{identities.map(identityText).join(' · ') || 'no identity'}</span>
  );
}

/** A person's identities and possible links; erasing takes a second, explicit step. */
function Details({ customerId, name, onErased }: { customerId: string; name: string; onErased: (message: string) => void }) {
  const profile = useRemote('customers/profile', { customerId });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const confirmRef = useRef<HTMLButtonElement>(null);
  const eraseRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus goes to the step that just appeared: the confirmation, or back to "Erase this person…" after Cancel.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (asked.current) eraseRef.current?.focus();
    asked.current ||= confirming;
  }, [confirming]);
  const act = (work: Promise<unknown>) =>
    work.then(
      () => {
        setError(undefined);
        profile.reload();
      },
      (err) => setError(errorText(err)),
    );
  const p = profile.data;
  if (!p) return <Alert text={profile.error} />;
  const erase = () =>
    send('customers/erase', { customerId }).then(
      (erased) =>
        onErased(`${name} was erased: ${pluralize(erased.items, 'item')} and ${pluralize(erased.notes, 'note')}, with their history.`),
      (err) => setError(errorText(err)),
    );
  return (
    <div className="mt-2 flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-700">
      <div>
        <h4 className="text-[13px] font-semibold">Identities</h4>
        <ul>
          {p.identities.map((identity) => (
            <li key={identity.key} className="flex items-center gap-2 py-1 text-[14px]">
              <span className="flex-1">
                {identityText(identity)}
                {identity.handle && <span className="ml-2 text-slate-500 dark:text-slate-400">{identity.name}</span>}
              </span>
              {p.identities.length > 1 && (
                <button
                  type="button"
                  className={quietClass}
                  onClick={() => act(send('customers/unlink', { customerId, identityKey: identity.key }))}
                >
                  Unlink<span className="sr-only"> {identityText(identity)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
        <p className={hintClass}>
          {pluralize(p.itemTotal, 'item')}, {p.openCount} open, last contact {when(p.lastContactAt)}, {pluralize(p.notes.length, 'note')}.
        </p>
      </div>
      {p.suggestions.length > 0 && (
        <div>
          <h4 className="text-[13px] font-semibold">Maybe the same person</h4>
          <ul>
            {p.suggestions.map((s) => (
              <li key={s.customerId} className="flex flex-wrap items-center gap-2 py-1 text-[14px]">
                <span className="flex-1">
                  <span className="font-semibold">{s.name}</span> <Identities identities={s.identities} />
                  <span className="block text-[12px] text-slate-500 dark:text-slate-400">{s.reasons.join(', ')}</span>
                </span>
                <button
                  type="button"
                  className={buttonClass}
                  onClick={() => act(send('customers/link', { customerId, otherId: s.customerId }))}
                >
                  Link<span className="sr-only"> {s.name}</span>
                </button>
                <button
                  type="button"
                  className={quietClass}
                  onClick={() => act(send('customers/dismiss-suggestion', { customerId, otherId: s.customerId }))}
                >
                  Not the same person<span className="sr-only"> as {s.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {confirming ? (
        <fieldset className="rounded border-0 bg-red-50 p-3 text-[14px] dark:bg-red-950">
          <legend className="sr-only">Erase {name}</legend>
          <p className="mb-2">
            Erase {name} for good? This deletes {pluralize(p.itemTotal, 'item')} with their SLA history, {pluralize(p.notes.length, 'note')}{' '}
            and every identity. It cannot be undone, and later exports will not contain them.
          </p>
          <div className="flex gap-2">
            <button ref={confirmRef} type="button" className={dangerClass} onClick={erase}>
              Erase {name} permanently
            </button>
            <button type="button" className={quietClass} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </fieldset>
      ) : (
        <div>
          <button ref={eraseRef} type="button" className={quietClass} onClick={() => setConfirming(true)}>
            Erase this person…
          </button>
        </div>
      )}
      <Alert text={error} />
    </div>
  );
}

function PersonRow({ row, onErased }: { row: CustomerRow; onErased: (message: string) => void }) {
  const [open, setOpen] = useState(false);
  const detailsId = useId();
  const name = row.name || row.identities[0]?.name || 'Unnamed person';
  return (
    <li className="border-b border-slate-100 py-2 dark:border-slate-800" data-customer-id={row.id}>
      <div className="flex items-center gap-2">
        <span className="min-w-0 flex-1">
          <span className="font-semibold">{name}</span>
          {row.tags?.map((t) => (
            <span key={t} className="ml-2 rounded bg-slate-100 px-1 text-[12px] dark:bg-slate-800">
              {t}
            </span>
          ))}
          <span className="block truncate">
            <Identities identities={row.identities} />
          </span>
          <span className={`block ${hintClass}`}>
            {row.openCount} open · last contact {when(row.lastContactAt)}
            {row.suggestionCount > 0 && ` · ${pluralize(row.suggestionCount, 'possible link')}`}
          </span>
        </span>
        <button type="button" className={quietClass} aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : 'Details'}
          <span className="sr-only"> {name}</span>
        </button>
      </div>
      <div id={detailsId}>{open && <Details customerId={row.id} name={name} onErased={onErased} />}</div>
    </li>
  );
}

export function CustomersSection() {
  const [query, setQuery] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [status, setStatus] = useState<string>();
  const searchId = useId();
  const list = useRemote('customers/list', { query: query.trim() || undefined, limit });
  const rows = list.data?.customers ?? [];
  const total = list.data?.total ?? 0;
  return (
    <Section title="People">
      <p className="mb-3 text-[14px] text-slate-600 dark:text-slate-400">
        Everyone who wrote to you, with their identities on each platform. Identities are linked into one person only when you confirm.
      </p>
      <label htmlFor={searchId} className="text-[13px] font-semibold">
        Search people
      </label>
      <input
        id={searchId}
        type="search"
        className={`${inputClass} mb-2`}
        value={query}
        placeholder="Name, @handle or tag"
        onChange={(e) => {
          setQuery(e.target.value);
          setLimit(PAGE);
        }}
      />
      <p role="status" className={hintClass}>
        {list.data ? `${total} ${total === 1 ? 'person' : 'people'}${query.trim() ? ' found' : ''}` : 'Loading…'}
      </p>
      <ul aria-label="People">
        {rows.map((row) => (
          <PersonRow
            key={row.id}
            row={row}
            onErased={(message) => {
              setStatus(message);
              list.reload();
            }}
          />
        ))}
      </ul>
      {rows.length < total && (
        <button type="button" className={`${quietClass} mt-2`} onClick={() => setLimit(limit + PAGE)}>
          Show more people
        </button>
      )}
      {status && (
        <p role="status" className="mt-2 text-[13px] text-emerald-700 dark:text-emerald-300">
          {status}
        </p>
      )}
      <Alert text={list.error} />
    </Section>
  );
}
