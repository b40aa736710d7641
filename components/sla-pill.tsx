import { SLA_LABELS, type SlaState, type SlaView, slaState } from '@/utils/sla';

const STYLES: Record<SlaState, string> = {
  'on-track': 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-200',
  'due-soon': 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200',
  breached: 'bg-red-700 text-white',
  answered: 'bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100',
  paused: 'bg-indigo-100 text-indigo-900 dark:bg-indigo-900/40 dark:text-indigo-200',
};
export function SlaPill({ view, now }: { view: SlaView; now: number }) {
  const state = slaState(view, now);
  return (
    <span className={`rounded-full px-2 py-0.5 text-[11px] font-semibold whitespace-nowrap ${STYLES[state]}`}>{SLA_LABELS[state]}</span>
  );
}
