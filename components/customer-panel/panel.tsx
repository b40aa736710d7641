// The customer history panel (extension page customer-panel.html, framed over a site's page by
// utils/engine/customer-panel.ts): who the person is, everything they wrote on every platform, and
// the team's notes and tags. Stays current through the background's backlog broadcasts.
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { panelItemFromSearch, profileErrorText } from '@/components/customer-panel/format';
import { CustomerItems } from '@/components/customer-panel/items';
import { CustomerNotes } from '@/components/customer-panel/notes';
import { CustomerPerson } from '@/components/customer-panel/person';
import { errorText } from '@/components/ui';
import { useNow, useRemote } from '@/components/use-remote';
import { CUSTOMER_PANEL_CLOSE } from '@/utils/engine/customer-panel';
import type { Platform } from '@/utils/schema-core';

/** Runs a write, then reloads the profile; says what happened in the panel's live region. */
export type PanelAction = (write: Promise<unknown>, done: string) => Promise<boolean>;

/** Asks the page's content script to close the frame; opened on its own, the tab closes. */
function closePanel() {
  if (window.parent === window) {
    window.close();
    return;
  }
  // Chromium names the embedding origin; elsewhere '*' is harmless: the message carries nothing.
  window.parent.postMessage(CUSTOMER_PANEL_CLOSE, location.ancestorOrigins?.[0] ?? '*');
}

export function CustomerHistoryPanel() {
  const [item] = useState(() => panelItemFromSearch(location.search));
  if (!item) {
    return (
      <PanelFrame>
        <p role="alert" className="px-4 py-6 text-red-700 dark:text-red-300">
          This panel needs an item: open it from a Replyline badge on X, Facebook, Instagram or LinkedIn.
        </p>
      </PanelFrame>
    );
  }
  return <ProfileView item={item} />;
}

function PanelFrame({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  // The frame got focus from the content script: start at the top for keyboard and screen reader users.
  useEffect(() => heading.current?.focus(), []);
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
      e.preventDefault();
      closePanel();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return (
    <main
      aria-labelledby="panel-title"
      className="flex min-h-screen flex-col bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100"
      style={{ font: '14px/20px system-ui, -apple-system, "Segoe UI", sans-serif' }}
    >
      <header className="sticky top-0 z-10 flex items-center gap-2 border-b border-slate-200 bg-white px-4 py-2 dark:border-slate-700 dark:bg-slate-900">
        <h1 id="panel-title" ref={heading} tabIndex={-1} className="text-[15px] font-bold">
          Customer history
        </h1>
        <button
          type="button"
          onClick={closePanel}
          aria-label="Close customer history"
          title="Close (Escape)"
          className="ml-auto rounded px-2 py-1 text-[18px] leading-none text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          ×
        </button>
      </header>
      {children}
    </main>
  );
}

function ProfileView({ item }: { item: { platform: Platform; externalId: string } }) {
  const profile = useRemote('customers/profile', { item });
  const now = useNow(30_000);
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const { reload } = profile;

  const act: PanelAction = useCallback(
    (write, done) =>
      write.then(
        () => {
          setStatus({ text: done });
          reload();
          return true;
        },
        (e: unknown) => {
          setStatus({ text: errorText(e), error: true });
          return false;
        },
      ),
    [reload],
  );

  const data = profile.data;
  return (
    <PanelFrame>
      {/* One polite live region for every write's outcome; errors are alerts. */}
      <div role="status" className="px-4 text-[13px] empty:hidden">
        {status && !status.error ? <p className="py-1 text-emerald-700 dark:text-emerald-300">{status.text}</p> : null}
      </div>
      {status?.error && (
        <p role="alert" className="mx-4 mt-2 rounded bg-red-50 px-3 py-2 text-[13px] text-red-800 dark:bg-red-950 dark:text-red-200">
          {status.text}
        </p>
      )}
      {profile.loading && !data && <p className="px-4 py-6 text-center text-slate-500 dark:text-slate-400">Loading…</p>}
      {profile.error && !data && (
        <p role="alert" className="px-4 py-6 text-red-700 dark:text-red-300">
          {profileErrorText(profile.error)}
        </p>
      )}
      {data && (
        <div className="flex flex-col gap-5 px-4 py-3">
          <CustomerPerson profile={data} now={now} act={act} />
          <CustomerNotes customerId={data.customer.id} notes={data.notes} now={now} act={act} />
          <CustomerItems items={data.items} opened={item} now={now} act={act} />
        </div>
      )}
    </PanelFrame>
  );
}
