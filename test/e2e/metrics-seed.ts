// Items for the dashboard and accessibility tests, dated relative to today (local time) so they fall
// in the dashboard's default ranges. First-response times (minutes), with the figures they give:
//   last 7 days:  X 10, 20, 30, 40; Facebook 100          → median 30, p90 76 (1 h 16 min)
//   last 30 days: the above and LinkedIn 200 (20 days ago) → median 35, p90 150 (2 h 30 min)
const MIN = 60_000;

/** Local `hh:00`, `daysAgo` days before today, as ISO. */
const localTime = (daysAgo: number, hour: number) => {
  const d = new Date();
  d.setDate(d.getDate() - daysAgo);
  d.setHours(hour, 0, 0, 0);
  return d;
};

/** Customer text as hostile as a page can make it: a formula, quotes, a comma and a newline. */
export const HOSTILE_TEXT = '=HYPERLINK("https://evil.example","Click"), then\nsay "hi"';

export function metricsSeedFile() {
  const items: Record<string, unknown>[] = [];
  const add = (
    platform: string,
    id: string,
    daysAgo: number,
    hour: number,
    minutes: number | null,
    extra: Record<string, unknown> = {},
  ) => {
    const posted = localTime(daysAgo, hour);
    items.push({
      platform,
      externalId: id,
      kind: 'comment',
      author: { name: `Customer ${id}`, handle: `customer_${id}` },
      text: `Message ${id}`,
      postedAt: posted.toISOString(),
      capturedAt: posted.toISOString(),
      status: minutes === null ? 'pending' : 'answered',
      firstResponseDueAt: new Date(posted.getTime() + 60 * MIN).toISOString(),
      ...(minutes === null ? {} : { answeredAt: new Date(posted.getTime() + minutes * MIN).toISOString() }),
      ...extra,
    });
  };
  add('x', '1001', 2, 9, 10, { sentiment: -0.6, text: HOSTILE_TEXT });
  add('x', '1002', 2, 10, 20, { sentiment: 0.4 });
  add('x', '1003', 3, 11, 30, { sentiment: 0 });
  add('x', '1004', 3, 14, 40);
  add('facebook', '2001', 1, 15, 100);
  add('instagram', '3001', 4, 16, null); // pending and past its deadline: late
  add('linkedin', '4001', 20, 10, 200);
  // The two late first responses, as the scheduler logs them (same ids: it never adds a second).
  const miss = (platform: string, externalId: string) => {
    const dueAt = String(items.find((i) => i.externalId === externalId)?.firstResponseDueAt);
    return { id: `first-response|${platform}|${externalId}`, platform, externalId, metric: 'first-response', dueAt, at: dueAt };
  };
  return { format: 'replyline-export', version: 1, items, slaEvents: [miss('facebook', '2001'), miss('instagram', '3001')] };
}
