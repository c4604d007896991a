import { findUnstorable } from '@/lib/db/json-guard';
import { AppError, type FieldIssue, UnauthorizedError, ValidationError } from '@/lib/errors';
import { type Answer, asAppError, errorAnswer } from '@/lib/http/error-response';
import type { IngestEvent } from '@/lib/ingest/ingest-event';
import { EnvironmentGoneError } from '@/lib/ingest/write-events';

import { type GroupCommitWriter, IngestOverloadedError } from './group-commit';
import { MAX_BATCH_BYTES, MAX_EVENT_BYTES } from './limits';
import { parseMessage } from './parse-message';
import type { RateLimiter } from './rate-limiter';
import type { MessageType } from './segment-schemas';
import { type WriteKeyAuthenticator, writeKeyFrom } from './write-key-auth';

export type IngestRoute = MessageType | 'batch';
export const ingestRoutes: readonly IngestRoute[] = ['track', 'identify', 'group', 'page', 'screen', 'alias', 'batch'];

/** What an adapter (Next route handler or the server's fast path) hands over: the body is already read. */
export type IngestHttpRequest = {
  route: IngestRoute;
  authorization: string | undefined;
  body: string | { tooLarge: true } | { busy: true };
};
export type IngestHttpResponse = Answer;

/** Browser SDKs post from other origins. */
export const ingestCorsHeaders = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-max-age': '86400',
};

export function bodyLimit(route: IngestRoute): number {
  return route === 'batch' ? MAX_BATCH_BYTES : MAX_EVENT_BYTES;
}

const MAX_ISSUES = 50;

/** What a failure that is not the request's fault is answered with; logged without the events or the key. */
export function failedIngest(error: unknown, context: string): IngestHttpResponse {
  return errorAnswer(
    asAppError(error, {
      context,
      unavailable: 'The database cannot be reached right now. Nothing was written; retry shortly.',
      internal: 'The events could not be stored. Nothing was written; retry later.',
    }),
  );
}

export const invalidJson = () =>
  new AppError('invalid_json', 'The body is not valid JSON.', [{ path: '(body)', message: 'invalid JSON' }]);

const unknownKey = () => errorAnswer(new UnauthorizedError('The write key is unknown or has been revoked.'));

const tooLarge = (what: string, limit: number) =>
  errorAnswer(new AppError('payload_too_large', `${what} is larger than ${limit / 1024} KB, the limit.`));

/**
 * Segment-compatible ingestion, the same behind every adapter: size → JSON → write key →
 * validation (every bad field named, nothing written) → rate limit → group commit. A 200 means
 * the events are committed.
 */
export class IngestHandler {
  constructor(
    private readonly deps: { auth: WriteKeyAuthenticator; limiter: RateLimiter; writer: GroupCommitWriter; now?: () => number },
  ) {}

  /**
   * Before the body is read: a write key in the Authorization header that is unknown or revoked is
   * answered 401 at once, so that nobody without a key can make the server read (and hold) bodies.
   * Null when the request may go on (a good key, a key in the body, or a look-up that failed and
   * will be tried again with the body).
   */
  async refuseBeforeBody(authorization: string | undefined): Promise<IngestHttpResponse | null> {
    const key = writeKeyFrom(authorization, undefined);
    if (!key) return null;
    const target = await this.deps.auth.authenticate(key).catch(() => undefined);
    return target === null ? unknownKey() : null;
  }

  async handle(request: IngestHttpRequest): Promise<IngestHttpResponse> {
    const limit = bodyLimit(request.route);
    if (typeof request.body !== 'string' && 'busy' in request.body) return errorAnswer(new IngestOverloadedError());
    if (typeof request.body !== 'string' || Buffer.byteLength(request.body) > limit) {
      return tooLarge(request.route === 'batch' ? 'The batch' : 'The event', limit);
    }
    let json: unknown;
    try {
      json = JSON.parse(request.body);
    } catch {
      return errorAnswer(invalidJson());
    }

    const key = writeKeyFrom(request.authorization, json);
    if (!key) {
      return errorAnswer(
        new UnauthorizedError('Send an environment write key as the basic-auth user (Segment SDKs do) or as a bearer token.'),
      );
    }
    let target: Awaited<ReturnType<WriteKeyAuthenticator['authenticate']>>;
    try {
      target = await this.deps.auth.authenticate(key);
    } catch (error) {
      return failedIngest(error, 'Write key look-up failed');
    }
    if (!target) return unknownKey();

    const parsed = this.parse(request.route, json);
    if ('response' in parsed) return parsed.response;

    const allowed = this.deps.limiter.take(target.writeKeyId, parsed.events.length);
    if (!allowed.ok) {
      const message = `This write key is sending faster than its limit. Retry in ${allowed.retryAfterSeconds} s.`;
      return errorAnswer(new AppError('rate_limited', message, undefined, { retryAfterSeconds: allowed.retryAfterSeconds }));
    }
    try {
      await this.deps.writer.write({ id: target.environmentId, timeZone: target.timeZone }, parsed.events);
    } catch (error) {
      if (error instanceof EnvironmentGoneError) return unknownKey();
      // A full queue (IngestOverloadedError) is answered as it says; an outage or a failure as any.
      return failedIngest(error, 'Ingest write failed');
    }
    return { status: 200, body: { success: true } };
  }

  private parse(route: IngestRoute, json: unknown): { events: IngestEvent[] } | { response: IngestHttpResponse } {
    const receivedAt = (this.deps.now ?? Date.now)();
    const unstorable = findUnstorable(json, '');
    if (unstorable) return { response: errorAnswer(ValidationError.field(unstorable.path, unstorable.message)) };

    let raws: unknown[];
    let batchSentAt: string | undefined;
    if (route === 'batch') {
      const batch = typeof json === 'object' && json !== null ? (json as { batch?: unknown; sentAt?: unknown }) : {};
      if (!Array.isArray(batch.batch) || batch.batch.length === 0) {
        return {
          response: errorAnswer(ValidationError.field('batch', 'expected a non-empty array of messages')),
        };
      }
      raws = batch.batch;
      batchSentAt = typeof batch.sentAt === 'string' && !Number.isNaN(Date.parse(batch.sentAt)) ? batch.sentAt : undefined;
      for (let i = 0; i < raws.length; i++) {
        if (Buffer.byteLength(JSON.stringify(raws[i]) ?? '') > MAX_EVENT_BYTES) {
          return { response: tooLarge(`batch.${i}`, MAX_EVENT_BYTES) };
        }
      }
    } else {
      raws = [json];
    }

    const events: IngestEvent[] = [];
    const issues: FieldIssue[] = [];
    raws.forEach((raw, i) => {
      const result = parseMessage(raw, {
        routeType: route === 'batch' ? null : route,
        path: route === 'batch' ? `batch.${i}` : '',
        batchSentAt,
        receivedAt,
      });
      if (result.ok) events.push(result.event);
      else issues.push(...result.issues);
    });
    if (issues.length > 0) {
      const shown = issues.slice(0, MAX_ISSUES);
      const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
      return {
        response: errorAnswer(
          new ValidationError(
            `${shown
              .map((i) => `${i.path}: ${i.message}`)
              .slice(0, 3)
              .join('; ')}${more}. Nothing was stored.`,
            shown,
          ),
        ),
      };
    }
    return { events };
  }
}
