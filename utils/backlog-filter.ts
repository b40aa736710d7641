// What a backlog query may ask for: shared by the popup, the protocol and the background. Nothing
// here touches the database, because content scripts import the protocol.
import * as z from 'zod/mini';
import { prioritySchema, statusSchema } from '@/utils/schema';
import { LIMITS, platformSchema } from '@/utils/schema-core';

/** The SLA states a pending item can be in; the others (answered, paused) follow from its status. */
export const PENDING_SLA_STATES = ['on-track', 'due-soon', 'breached'] as const;
export type PendingSla = (typeof PENDING_SLA_STATES)[number];

/** Where the next page starts: the last row's place in the order (deadline, platform, id). */
export const backlogCursorSchema = z.object({
  due: z.string().check(z.minLength(1), z.maxLength(40)),
  platform: platformSchema,
  externalId: z.string().check(z.minLength(1), z.maxLength(LIMITS.externalId)),
});
export type BacklogCursor = z.infer<typeof backlogCursorSchema>;

const someOf = <T extends z.ZodMiniType>(schema: T, max: number) => z.optional(z.array(schema).check(z.minLength(1), z.maxLength(max)));

/** Absent filters match everything; `statuses` defaults to pending, and `sla` only ever matches pending items. */
export const backlogQuerySchema = z.object({
  statuses: someOf(statusSchema, 5),
  platforms: someOf(platformSchema, 4),
  priorities: someOf(prioritySchema, 4),
  sla: someOf(z.enum(PENDING_SLA_STATES), 3),
  tag: z.optional(z.string().check(z.minLength(1), z.maxLength(60))),
  /** Case-insensitive, in the text, the author's name and handle. */
  search: z.optional(z.string().check(z.maxLength(200))),
  limit: z.number().check(z.int(), z.minimum(1), z.maximum(500)),
  after: z.optional(backlogCursorSchema),
});
export type BacklogQuery = z.infer<typeof backlogQuerySchema>;
