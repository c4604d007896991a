import type { z } from 'zod';

import type { createConnection } from '@/lib/delivery/connections/create-connection';
import type { rotateSigningSecret } from '@/lib/delivery/connections/rotate-secret';
import type { createConnectionInput, testSendInput, updateConnectionInput } from '@/lib/delivery/connections/schemas';
import type { ConnectionView } from '@/lib/delivery/connections/view';
import type { deliveryLogParams, deliveryStats, getDelivery, listDeliveries } from '@/lib/delivery/deliveries/queries';
import type { redeliverFailedSince } from '@/lib/delivery/deliveries/redeliver';
import type { redeliverFailedInput } from '@/lib/delivery/deliveries/schemas';
import type { payloadFor } from '@/lib/delivery/payload';
import type { testSend } from '@/lib/delivery/test-send';
import type { triggerGroups } from '@/lib/events/trigger-options';

import { api, type Serialized } from '../api';
import { type Answer, environmentPath, type Query, withQuery } from './shared';

// app/api/v1/environments/[slug]/{connections,triggers,deliveries}/**

type ValueOf<M> = M extends Map<unknown, infer V> ? V : never;

export type Connection = Serialized<ConnectionView>;
/** A connection in the list, with its last 24 hours of deliveries. */
export type ConnectionWithStats = Connection & { last24h: Serialized<ValueOf<Awaited<ReturnType<typeof deliveryStats>>>> };
/** A saved connection; a new webhook's signing secret comes with it this once. */
export type SavedConnection = Answer<typeof createConnection>;
export type RotatedSecret = Answer<typeof rotateSigningSecret>;
export type TestSendResult = Answer<typeof testSend>;
export type TriggerGroup = Answer<typeof triggerGroups>[number];
export type DeliveryPage = Answer<typeof listDeliveries>;
export type Delivery = DeliveryPage['deliveries'][number];
export type DeliveryDetail = Answer<typeof getDelivery>;

export type CreateConnectionBody = z.input<typeof createConnectionInput>;
export type UpdateConnectionBody = z.input<typeof updateConnectionInput>;
export type TestSendBody = z.input<typeof testSendInput>;
export type RedeliverFailedBody = z.input<typeof redeliverFailedInput>;
export type DeliveriesQuery = Query<typeof deliveryLogParams>;

const connectionPath = (slug: string, id: string, path = '') =>
  environmentPath(slug, `/connections/${encodeURIComponent(id)}${path}`);
const deliveryPath = (slug: string, id: string, path = '') =>
  environmentPath(slug, `/deliveries/${encodeURIComponent(id)}${path}`);

export const connectionEndpoints = {
  list: (slug: string) => api<{ connections: ConnectionWithStats[] }>(environmentPath(slug, '/connections')),
  create: (slug: string, body: CreateConnectionBody) =>
    api<SavedConnection>(environmentPath(slug, '/connections'), { method: 'POST', body }),
  get: (slug: string, id: string) => api<{ connection: Connection }>(connectionPath(slug, id)),
  update: (slug: string, id: string, body: UpdateConnectionBody) =>
    api<{ connection: Connection }>(connectionPath(slug, id), { method: 'PATCH', body }),
  remove: (slug: string, id: string) => api<void>(connectionPath(slug, id), { method: 'DELETE' }),
  /** A new signing secret, shown this once; the old one keeps signing for 24 hours. */
  rotateSecret: (slug: string, id: string) => api<RotatedSecret>(connectionPath(slug, id, '/rotate-secret'), { method: 'POST' }),
  /** Sends a trigger's example payload now and answers with what the receiver said. */
  testSend: (slug: string, id: string, body: TestSendBody) =>
    api<TestSendResult>(connectionPath(slug, id, '/test'), { method: 'POST', body }),
};

export const triggerEndpoints = {
  /** What connections can subscribe to, grouped for the picker. */
  list: (slug: string) => api<{ groups: TriggerGroup[] }>(environmentPath(slug, '/triggers')),
  /** The payload a test-send of this trigger would carry. */
  example: (slug: string, query: { eventKey: string }) =>
    api<{ payload: Answer<typeof payloadFor> }>(withQuery(environmentPath(slug, '/triggers/example'), query)),
};

export const deliveryEndpoints = {
  /** The delivery log, newest first; `cursor` is the previous page's `nextCursor`. */
  list: (slug: string, query: DeliveriesQuery) => api<DeliveryPage>(withQuery(environmentPath(slug, '/deliveries'), query)),
  /** One delivery with the payload it carries. */
  get: (slug: string, id: string) => api<{ delivery: DeliveryDetail }>(deliveryPath(slug, id)),
  /** Queues the delivery again, with the same webhook-id. */
  redeliver: (slug: string, id: string) => api<{ queued: number }>(deliveryPath(slug, id, '/redeliver'), { method: 'POST' }),
  /** Queues every failed delivery since a time again. */
  redeliverFailed: (slug: string, body: RedeliverFailedBody) =>
    api<{ queued: Answer<typeof redeliverFailedSince> }>(environmentPath(slug, '/deliveries/redeliver'), {
      method: 'POST',
      body,
    }),
};
