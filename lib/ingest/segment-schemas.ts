import { z } from 'zod';

import { FRONTEGG_MESSAGE_PREFIX, isProductEvent, RESERVED_EVENT_MESSAGE } from '@/lib/events/product-events';

// Segment's message formats (https://segment.com/docs/connections/spec/), with the fields we use.
// Unknown fields are accepted and dropped, as Segment's own API does; ids may be strings or numbers.

const id = z.union(
  [z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), z.number().finite()],
  {
    error: 'expected a string or a number',
  },
);
const object = z.record(z.string(), z.unknown(), { error: 'expected an object' });
const timestamp = z.iso.datetime({ offset: true, error: 'expected an ISO-8601 date-time such as 2026-11-24T10:00:00Z' });

const common = {
  messageId: z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    // Frontegg's deliveries are stored under these ids: a write key must not claim one first.
    .refine((id) => !id.toLowerCase().startsWith(FRONTEGG_MESSAGE_PREFIX), `must not start with "${FRONTEGG_MESSAGE_PREFIX}"`)
    .optional(),
  userId: id.nullish(),
  anonymousId: id.nullish(),
  timestamp: timestamp.optional(),
  sentAt: timestamp.optional(),
  context: object.optional(),
  integrations: z.unknown().optional(),
};

// Only a track call names its event: the others are stored as "identify", "group", "page"…, a
// page's or screen's name going into its properties.
const eventName = z
  .string({ error: 'expected the event name as a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((name) => !isProductEvent(name), RESERVED_EVENT_MESSAGE);

export const trackMessage = z.object({
  ...common,
  type: z.literal('track').optional(),
  event: eventName,
  properties: object.optional(),
});
export const identifyMessage = z.object({ ...common, type: z.literal('identify').optional(), traits: object.optional() });
export const groupMessage = z.object({ ...common, type: z.literal('group').optional(), groupId: id, traits: object.optional() });
export const pageMessage = z.object({
  ...common,
  type: z.enum(['page', 'screen']).optional(),
  name: z.string().max(200).nullish(),
  properties: object.optional(),
});
export const aliasMessage = z.object({ ...common, type: z.literal('alias').optional(), previousId: id });

export type TrackMessage = z.infer<typeof trackMessage>;
export type IdentifyMessage = z.infer<typeof identifyMessage>;
export type GroupMessage = z.infer<typeof groupMessage>;

export const messageTypes = ['track', 'identify', 'group', 'page', 'screen', 'alias'] as const;
export type MessageType = (typeof messageTypes)[number];

export const schemaByType = {
  track: trackMessage,
  identify: identifyMessage,
  group: groupMessage,
  page: pageMessage,
  screen: pageMessage,
  alias: aliasMessage,
} as const;

export type SegmentMessage =
  | ({ type: 'track' } & z.infer<typeof trackMessage>)
  | ({ type: 'identify' } & z.infer<typeof identifyMessage>)
  | ({ type: 'group' } & z.infer<typeof groupMessage>)
  | ({ type: 'page' | 'screen' } & z.infer<typeof pageMessage>)
  | ({ type: 'alias' } & z.infer<typeof aliasMessage>);
