// Options → SLA policies, business hours and alerts. Drafts keep what the user typed (minutes and
// times as text) and are checked with the shared zod schemas before anything is sent, so the
// background's refusals only ever concern things the page cannot know (e.g. hours still in use).
import { AlertsSection } from '@/components/alerts-section';
import { HoursSection } from '@/components/business-hours-section';
import { PoliciesSection } from '@/components/sla-policies-section';
import { useRemote } from '@/components/use-remote';

/** The options page's SLA part: policies, the business hours they may use, and alerts. */
export function SlaSection() {
  const hours = useRemote('business-hours/list', {});
  return (
    <>
      <PoliciesSection hours={hours.data ?? []} />
      <HoursSection hours={hours.data ?? []} reload={hours.reload} error={hours.error} />
      <AlertsSection />
    </>
  );
}
