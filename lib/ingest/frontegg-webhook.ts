import { createHash } from 'node:crypto';

import { z } from 'zod';

import type { Db } from '@/lib/db/client';
import { findUnstorable } from '@/lib/db/json-guard';
import { findFronteggTarget } from '@/lib/environments/frontegg-secret';
import { AppError, issuesFromZod, OverloadedError, UnauthorizedError, ValidationError } from '@/lib/errors';
import { FRONTEGG_MESSAGE_PREFIX, isProductEvent, RESERVED_EVENT_MESSAGE } from '@/lib/events/product-events';
import { errorAnswer, errorResponse } from '@/lib/http/error-response';
import { readWebBody } from '@/lib/http/read-body';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { EnvironmentGoneError } from '@/lib/ingest/write-events';

import { verifyFronteggToken } from './frontegg-token';
import { type GroupCommitWriter, IngestOverloadedError } from './group-commit';
import { type IngestHttpResponse, invalidJson } from './handle-ingest';
import { EARLIEST_TIMESTAMP, MAX_EVENT_BYTES, MAX_FUTURE_MS } from './limits';

const id = z.union([z.string().min(1).max(200), z.number().finite()]).transform(String);
const fronteggBody = z.object({
  eventKey: z
    .string({ error: 'expected the Frontegg event key' })
    .trim()
    .min(1, 'must not be empty')
    .max(200)
    .refine((key) => !isProductEvent(key), RESERVED_EVENT_MESSAGE),
  eventContext: z.object({ tenantId: id.nullish(), userId: id.nullish() }).passthrough().optional(),
  user: z
    .object({ id: id.nullish(), email: z.string().nullish(), name: z.string().nullish(), tenantId: id.nullish() })
    .passthrough()
    .nullish(),
  tenant: z.object({ tenantId: id.nullish(), name: z.string().nullish() }).passthrough().nullish(),
  id: id.optional(),
  eventId: id.optional(),
  createdAt: z.string().optional(),
});

// One answer to every failed authentication — an unknown environment, one without a secret, a
// missing, forged or stale token — so that the receiver does not tell a prober which slugs exist.
const unauthorized = () =>
  errorAnswer(
    new UnauthorizedError(
      'The x-webhook-secret header is not a JWT signed with this environment’s Frontegg secret (Settings → Frontegg) and at most 5 minutes old.',
    ),
  );

/**
 * Frontegg's webhooks, received as events: `x-webhook-secret` is a JWT signed with the hook's
 * secret (configured per environment in Settings); `eventKey` becomes the event's name, the
 * tenant its account, the user its user. A team on Frontegg points its hook here and gets
 * signals with no code.
 */
export async function receiveFronteggWebhook(
  request: { environment: string | null; signature: string | undefined; body: string | { tooLarge: true } },
  deps: { db: () => Promise<Db>; writer: GroupCommitWriter; now?: () => number },
): Promise<IngestHttpResponse> {
  if (!request.environment) {
    return errorAnswer(
      new ValidationError('environment: add ?environment=<slug> to the webhook URL', [
        { path: 'environment', message: 'required in the query string' },
      ]),
    );
  }
  if (typeof request.body !== 'string')
    return errorAnswer(
      new AppError('payload_too_large', `The webhook body is larger than ${MAX_EVENT_BYTES / 1024} KB, the limit.`),
    );
  if (request.environment && findUnstorable(request.environment, 'environment')) return unauthorized();
  const target = await findFronteggTarget(await deps.db(), request.environment);
  const now = (deps.now ?? Date.now)();
  if (!target?.secret || !request.signature || !(await verifyFronteggToken(request.signature, target.secret, now)))
    return unauthorized();

  let json: unknown;
  try {
    json = JSON.parse(request.body);
  } catch {
    return errorAnswer(invalidJson());
  }
  const unstorable = findUnstorable(json, '');
  if (unstorable) return errorAnswer(ValidationError.field(unstorable.path, unstorable.message));
  const parsed = fronteggBody.safeParse(json);
  if (!parsed.success) return errorAnswer(ValidationError.of(issuesFromZod(parsed.error.issues)));
  const body = parsed.data;
  const created = body.createdAt ? Date.parse(body.createdAt) : Number.NaN;
  const at = Number.isFinite(created) && created >= EARLIEST_TIMESTAMP && created <= now + MAX_FUTURE_MS ? created : now;
  const { user, tenant, ...rest } = body;
  const event: IngestEvent = {
    // Frontegg retries carry the same body: its hash identifies the message when no id is given.
    // Prefixed, so that the ids of Frontegg's messages are its own (FRONTEGG_MESSAGE_PREFIX).
    messageId: `${FRONTEGG_MESSAGE_PREFIX}${body.id ?? body.eventId ?? createHash('sha256').update(request.body).digest('hex').slice(0, 32)}`,
    name: body.eventKey,
    accountId: body.eventContext?.tenantId ?? user?.tenantId ?? tenant?.tenantId ?? null,
    userId: body.eventContext?.userId ?? user?.id ?? null,
    anonymousId: null,
    timestamp: new Date(at),
    properties: rest,
    ...(user && (user.email || user.name)
      ? { userTraits: { ...(user.email ? { email: user.email } : {}), ...(user.name ? { name: user.name } : {}) } }
      : {}),
    ...(tenant?.name ? { accountTraits: { name: tenant.name } } : {}),
  };
  try {
    await deps.writer.write({ id: target.id, timeZone: target.timeZone }, [event]);
  } catch (error) {
    // Deleted between the lookup above and the write: nothing was written.
    if (error instanceof EnvironmentGoneError)
      return errorAnswer(new AppError('not_found', `There is no environment "${request.environment}".`));
    if (error instanceof IngestOverloadedError) return errorAnswer(new OverloadedError('Busy: retry shortly.'));
    throw error;
  }
  return { status: 200, body: { success: true } };
}

/**
 * POST /api/v1/inbound/frontegg?environment=<slug>, public: authenticated by the JWT Frontegg signs
 * with the environment's webhook secret. What the receiver throws (the database away…) is answered
 * as by any route handler.
 */
export async function fronteggWebhookRoute(
  request: Request,
  deps: Parameters<typeof receiveFronteggWebhook>[1],
): Promise<Response> {
  try {
    const { status, body, headers } = await receiveFronteggWebhook(
      {
        environment: new URL(request.url).searchParams.get('environment'),
        signature: request.headers.get('x-webhook-secret') ?? undefined,
        body: await readWebBody(request, MAX_EVENT_BYTES),
      },
      deps,
    );
    return Response.json(body, { status, headers });
  } catch (error) {
    return errorResponse(error);
  }
}
