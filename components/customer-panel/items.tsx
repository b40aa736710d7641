// Every item the person wrote, on every platform, newest first: status, how fast the brand answered,
// whether the SLA held, priority, and a link to the item on its site.
import { agoText, dateTimeText, firstResponseText, type SlaOutcomeTone, slaOutcome } from '@/components/customer-panel/format';
import type { PanelAction } from '@/components/customer-panel/panel';
import { panelHeadingClass } from '@/components/customer-panel/person';
import { MATCH_NAMES } from '@/components/sla-form-kit';
import type { HistoryItem } from '@/utils/customers';
import { send } from '@/utils/protocol';
import { type ItemStatus, PRIORITIES, type Priority, SATISFACTION_OUTCOMES, type SatisfactionOutcome } from '@/utils/schema';
import { itemKey, PLATFORM_NAMES, type Platform } from '@/utils/schema-core';

const OUTCOME_NAMES: Record<SatisfactionOutcome, string> = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

const STATUS_NAMES: Record<ItemStatus, string> = {
  pending: 'Waiting',
  answered: 'Answered',
  resolved: 'Resolved',
  snoozed: 'Snoozed',
  ignored: 'Ignored',
};

const TONES: Record<SlaOutcomeTone, string> = {
  met: 'text-emerald-700 dark:text-emerald-300',
  missed: 'font-semibold text-red-700 dark:text-red-300',
  open: 'text-amber-800 dark:text-amber-300',
  none: 'text-slate-500 dark:text-slate-400',
};

/** What the list shows of a message: enough to recognise it. */
const EXCERPT = 280;

interface Props {
  items: HistoryItem[];
  /** The item the panel was opened on: marked in the list. */
  opened: { platform: Platform; externalId: string };
  now: number;
  act: PanelAction;
}

export function CustomerItems({ items, opened, now, act }: Props) {
  const openedKey = itemKey(opened);
  return (
    <section aria-labelledby="items-heading">
      <h3 id="items-heading" className={panelHeadingClass}>
        Items ({items.length})
      </h3>
      {items.length === 0 ? (
        <p className="text-[13px] text-slate-500 dark:text-slate-400">No items yet.</p>
      ) : (
        <ul aria-label="Items, newest first" className="flex flex-col gap-2">
          {items.map((item) => (
            <HistoryRow key={itemKey(item)} item={item} current={itemKey(item) === openedKey} now={now} act={act} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A compact labelled select in a history row (priority, outcome). */
function InlineSelect({
  label,
  ariaLabel,
  value,
  options,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}) {
  return (
    <label className="flex items-center gap-1">
      <span className="text-slate-500 dark:text-slate-400">{label}</span>
      <select
        className="rounded border border-slate-300 bg-white px-1 text-[12px] dark:border-slate-600 dark:bg-slate-800"
        aria-label={ariaLabel}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map(([v, name]) => (
          <option key={v} value={v}>
            {name}
          </option>
        ))}
      </select>
    </label>
  );
}

function HistoryRow({ item, current, now, act }: { item: HistoryItem; current: boolean; now: number; act: PanelAction }) {
  const outcome = slaOutcome(item, now);
  const text = item.text ?? '';
  const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
  const where = `${PLATFORM_NAMES[item.platform]} ${MATCH_NAMES.kinds[item.kind]?.toLowerCase() ?? item.kind}`;
  const href = item.permalink?.startsWith('https://') ? item.permalink : undefined;
  return (
    <li
      aria-current={current ? 'true' : undefined}
      data-replyline-history={itemKey(item)}
      className={`rounded border px-3 py-2 text-[13px] ${current ? 'border-sky-500 bg-sky-50 dark:bg-sky-950' : 'border-slate-200 dark:border-slate-700'}`}
    >
      <div className="flex flex-wrap items-center gap-x-2 text-[12px] whitespace-nowrap">
        <span className="font-semibold">{where}</span>
        <span className="rounded bg-slate-100 px-1.5 text-slate-700 dark:bg-slate-800 dark:text-slate-200">
          {STATUS_NAMES[item.status]}
        </span>
        {current && <span className="text-sky-700 dark:text-sky-300">this item</span>}
        <time className="ml-auto text-slate-500 dark:text-slate-400" dateTime={item.postedAt} title={dateTimeText(item.postedAt)}>
          {agoText(item.postedAt, now)}
        </time>
      </div>
      <p className="mt-1 break-words text-slate-800 dark:text-slate-200">{excerpt || <em className="text-slate-500">(no text)</em>}</p>
      <div className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[12px]">
        <span>{firstResponseText(item.firstResponseMinutes)}</span>
        <span className={TONES[outcome.tone]}>{outcome.text}</span>
        <InlineSelect
          label="Priority"
          ariaLabel={`Priority of this ${where}`}
          value={item.priority ?? 'normal'}
          options={PRIORITIES.map((p) => [p, MATCH_NAMES.priorities[p] ?? p])}
          onChange={(value) =>
            act(
              send('items/set-priority', { key: { platform: item.platform, externalId: item.externalId }, priority: value as Priority }),
              `Priority set to ${value}.`,
            )
          }
        />
        {(item.answeredAt || item.status === 'resolved') && (
          <InlineSelect
            label="Outcome"
            ariaLabel={`Outcome of this ${where}`}
            value={item.outcome ?? ''}
            // Unset: the customer's next message decides (utils/satisfaction.ts).
            options={[['', 'From their reply'], ...SATISFACTION_OUTCOMES.map((o): [string, string] => [o, OUTCOME_NAMES[o]])]}
            onChange={(value) =>
              act(
                send('items/set-outcome', {
                  key: { platform: item.platform, externalId: item.externalId },
                  outcome: (value || null) as SatisfactionOutcome | null,
                }),
                value ? `Outcome set to ${value}.` : 'Outcome left to the customer’s next message.',
              )
            }
          />
        )}
        {href && (
          <a href={href} target="_blank" rel="noopener noreferrer" className="ml-auto text-sky-700 underline dark:text-sky-300">
            Open on {PLATFORM_NAMES[item.platform]}
          </a>
        )}
      </div>
    </li>
  );
}
