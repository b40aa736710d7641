// Site health in the options page: the warnings, then what each adapter achieved per kind of page
// and what each selector matched, so a broken selector can be named in a bug report.
import { quietClass, Section } from '@/components/ui';
import { useRemote } from '@/components/use-remote';
import { HEALTH_COUNTERS, type HealthCounter, healthLine, type PlatformHealth } from '@/utils/health';
import { send } from '@/utils/protocol';
import { PLATFORM_NAMES } from '@/utils/schema-core';

const COUNTER_LABELS: Record<HealthCounter, string> = {
  found: 'Found',
  extracted: 'Read',
  skipped: 'Skipped',
  rejected: 'Rejected',
  composersFound: 'Composers',
  insertions: 'Insertions',
  insertionsVerified: 'Verified',
};

const when = (iso?: string) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' }) : '—');

function PlatformTable({ health }: { health: PlatformHealth }) {
  const name = PLATFORM_NAMES[health.platform];
  const selectors = Object.entries(health.selectors).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="mb-4">
      <table className="w-full text-left text-[13px]" data-replyline-health={health.platform}>
        <caption className="mb-1 text-left text-[14px] font-semibold">{name}</caption>
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-700">
            <th scope="col">Pages</th>
            <th scope="col">Visits</th>
            {HEALTH_COUNTERS.map((c) => (
              <th key={c} scope="col">
                {COUNTER_LABELS[c]}
              </th>
            ))}
            <th scope="col">Last item seen</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(health.surfaces).map(([surface, s]) => (
            <tr key={surface} data-surface={surface} className="border-b border-slate-100 dark:border-slate-800">
              <th scope="row" className="font-normal">
                {surface}
              </th>
              <td>{s.visits}</td>
              {HEALTH_COUNTERS.map((c) => (
                <td key={c} data-counter={c}>
                  {s.counters[c]}
                </td>
              ))}
              <td>{when(s.lastFoundAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {selectors.length > 0 && (
        <details className="mt-1 text-[13px]">
          <summary className="cursor-pointer">{name} selectors on the last page checked</summary>
          <ul className="mt-1 grid grid-cols-2 gap-x-4">
            {selectors.map(([key, s]) => (
              <li key={key} data-selector={key} className={s.count === 0 ? 'text-amber-800 dark:text-amber-300' : ''}>
                <code>{key}</code>: {s.count < 0 ? 'invalid' : `${s.count} match${s.count === 1 ? '' : 'es'}`}, last matched{' '}
                {when(s.lastMatchedAt)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

export function HealthSection() {
  const health = useRemote('health/list', {});
  const { warnings = [], platforms = [] } = health.data ?? {};
  return (
    <Section title="Site health">
      {warnings.length === 0 ? (
        <p className="text-[14px] text-slate-600 dark:text-slate-400">No problems reading the sites.</p>
      ) : (
        <ul className="text-[14px]">
          {warnings.map((w) => (
            <li key={`${w.platform}:${w.message}`} role="status" className="py-1 text-amber-900 dark:text-amber-200">
              {healthLine(w)}
            </li>
          ))}
        </ul>
      )}
      {platforms.length > 0 && (
        <>
          <div className="mt-3">
            {platforms.map((p) => (
              <PlatformTable key={p.platform} health={p} />
            ))}
          </div>
          <button type="button" className={quietClass} onClick={() => send('health/clear', {}).then(health.reload)}>
            Reset health counts
          </button>
        </>
      )}
    </Section>
  );
}
