import { randomUUID } from 'node:crypto';

import { type FieldIssue, issuesFromZod } from '@/lib/errors';
import type { IngestEvent } from '@/lib/ingest/ingest-event';

import { EARLIEST_TIMESTAMP, MAX_FUTURE_MS } from './limits';
import { type MessageType, messageTypes, schemaByType, type SegmentMessage } from './segment-schemas';

type Parsed = { ok: true; event: IngestEvent } | { ok: false; issues: FieldIssue[] };

const asId = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number' && Number.isFinite(value)
      ? String(value)
      : null;

/**
 * The account an event belongs to — the rule the README documents: a group call's groupId;
 * otherwise context.groupId, then properties.tenantId, then properties.accountId; otherwise null,
 * and the writer uses the account of the user's latest group call (or none).
 */
export function accountOf(message: SegmentMessage): string | null {
  if (message.type === 'group') return asId(message.groupId);
  const properties = 'properties' in message ? message.properties : undefined;
  return asId(message.context?.groupId) ?? asId(properties?.tenantId) ?? asId(properties?.accountId);
}

function nameOf(message: SegmentMessage): string {
  return message.type === 'track' ? message.event : message.type;
}

/**
 * When the message says when it was sent, its timestamp is corrected for the sender's clock skew
 * the way Segment does: timestamp + (received − sentAt).
 */
function timestampOf(message: SegmentMessage, batchSentAt: string | undefined, receivedAt: number): number {
  if (!message.timestamp) return receivedAt;
  const at = Date.parse(message.timestamp);
  const sentAt = message.sentAt ?? batchSentAt;
  return sentAt ? at + (receivedAt - Date.parse(sentAt)) : at;
}

/**
 * Validates one message and normalises it. `routeType` is the route's type (/track…) or null
 * in a batch, where each message names its own. Issue paths are prefixed with `path`.
 */
export function parseMessage(
  raw: unknown,
  options: { routeType: MessageType | null; path: string; batchSentAt?: string; receivedAt: number },
): Parsed {
  const at = (field: string) => (options.path ? `${options.path}.${field}` : field);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, issues: [{ path: options.path || '(body)', message: 'expected a JSON object' }] };
  }
  const declared = (raw as { type?: unknown }).type;
  const type = options.routeType ?? declared;
  if (!messageTypes.includes(type as MessageType)) {
    return { ok: false, issues: [{ path: at('type'), message: `expected one of ${messageTypes.join(', ')}` }] };
  }
  const result = schemaByType[type as MessageType].safeParse(raw);
  if (!result.success) {
    return { ok: false, issues: issuesFromZod(result.error.issues).map((i) => ({ ...i, path: at(i.path) })) };
  }
  const message = { ...result.data, type } as SegmentMessage;
  const userId = asId(message.userId);
  const anonymousId = asId(message.anonymousId);
  if (!userId && !anonymousId)
    return { ok: false, issues: [{ path: at('userId'), message: 'userId or anonymousId is required' }] };

  const timestamp = timestampOf(message, options.batchSentAt, options.receivedAt);
  if (timestamp > options.receivedAt + MAX_FUTURE_MS) {
    return { ok: false, issues: [{ path: at('timestamp'), message: 'is more than 24 hours in the future' }] };
  }
  if (timestamp < EARLIEST_TIMESTAMP) return { ok: false, issues: [{ path: at('timestamp'), message: 'is before 2000-01-01' }] };

  const properties = 'properties' in message && message.properties ? { ...message.properties } : {};
  if ((message.type === 'page' || message.type === 'screen') && message.name) properties.name ??= message.name;
  if (message.type === 'alias') properties.previousId = asId(message.previousId);

  return {
    ok: true,
    event: {
      messageId: message.messageId ?? randomUUID(),
      name: nameOf(message),
      accountId: accountOf(message),
      userId,
      anonymousId,
      timestamp: new Date(timestamp),
      properties,
      ...(message.type === 'identify' && message.traits ? { userTraits: message.traits } : {}),
      ...(message.type === 'group' && message.traits ? { accountTraits: message.traits } : {}),
    },
  };
}
