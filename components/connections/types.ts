import type { Serialized } from '@/components/query/api';
import type { ConnectionView } from '@/lib/delivery/connections/view';
import type { DeliveryView } from '@/lib/delivery/deliveries/queries';
import type { DeliveryPayload } from '@/lib/delivery/payload';
import type { TestSendResult } from '@/lib/delivery/test-send';
import type { TriggerGroup } from '@/lib/events/trigger-options';

export type Connection = Serialized<ConnectionView>;
export type Last24h = { succeeded: number; failed: number; pending: number; lastAt: string | null };
export type ConnectionWithStats = Connection & { last24h: Last24h };
export type Delivery = Serialized<DeliveryView>;
export type DeliveryDetail = Delivery & { payload: DeliveryPayload };
export type DeliveryPage = { deliveries: Delivery[]; nextCursor: string | null };
export type Triggers = { groups: TriggerGroup[] };
export type TestSend = TestSendResult;

export const kindLabel = { webhook: 'Webhook', slack: 'Slack', email: 'Email' } as const;

export function connectionTarget(c: Connection): string {
  if (c.kind === 'webhook') return c.url ?? '';
  if (c.kind === 'slack') return c.slackUrlHint ?? 'Slack incoming webhook';
  return c.recipients.join(', ');
}

export const connectionsBase = (slug: string) => `/api/v1/environments/${encodeURIComponent(slug)}`;
