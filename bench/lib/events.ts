import { randomBytes } from 'node:crypto';

// The workload every part of the benchmark sends or inserts: Segment track events of ~345 bytes
// from 10,000 users spread over 1,000 accounts. Every event gets a message id never used before,
// because a repeated id is stored once and the benchmark would then measure de-duplication.

export const USERS = 10_000;
export const ACCOUNTS = 1_000;
const NAMES = [
  'frontegg.user.authenticated',
  'frontegg.user.authenticatedWithSSO',
  'frontegg.user.updated',
  'frontegg.user.changedPassword',
];
const METHODS = ['password', 'sso', 'magic-link', 'passkey'];
const PLANS = ['free', 'starter', 'growth', 'enterprise'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-south-1'];

export type TrackEvent = {
  type: 'track';
  userId: string;
  event: string;
  messageId: string;
  timestamp: string;
  context: { groupId: string; library: { name: string; version: string } };
  properties: Record<string, string | number | boolean>;
};

/** Produces the events; one source per process, so ids stay unique across all the runs. */
export class EventSource {
  // A random prefix keeps ids unique across benchmark runs too (a database is never reused, but a
  // stale one would otherwise silently turn inserts into no-ops).
  private readonly prefix = `bench-${randomBytes(4).toString('hex')}`;
  private seq = 0;

  next(): TrackEvent {
    const n = this.seq++;
    // 7,919 is prime and so coprime with USERS: consecutive events walk every user in turn, each
    // account getting its USERS / ACCOUNTS users, without a random generator to seed.
    const user = (n * 7_919) % USERS;
    const account = user % ACCOUNTS;
    return {
      type: 'track',
      userId: `user-${String(user).padStart(5, '0')}`,
      event: NAMES[n % NAMES.length] as string,
      messageId: `${this.prefix}-${n}`,
      timestamp: new Date().toISOString(),
      context: { groupId: `acct-${String(account).padStart(4, '0')}`, library: { name: 'analytics-node', version: '3.1.0' } },
      properties: {
        method: METHODS[n % METHODS.length] as string,
        mfa: n % 3 === 0,
        plan: PLANS[account % PLANS.length] as string,
        region: REGIONS[account % REGIONS.length] as string,
        seats: 5 + (account % 50),
        source: 'web',
      },
    };
  }

  /** The body of one POST /v1/track. */
  single(): string {
    return JSON.stringify(this.next());
  }

  /** The body of one POST /v1/batch. */
  batch(size: number): string {
    return JSON.stringify({ batch: Array.from({ length: size }, () => this.next()) });
  }
}

/** Column order of the raw INSERT baseline, which mirrors the app's `events` table. */
export const EVENT_COLUMNS = [
  'environment_id',
  'account_id',
  'message_id',
  'name',
  'user_id',
  'anonymous_id',
  'timestamp',
  'received_at',
  'properties',
] as const;

/** The row the app would store for an event (environment 1, no anonymous id). */
export function eventRow(event: TrackEvent): unknown[] {
  const at = new Date(event.timestamp);
  return [1, event.context.groupId, event.messageId, event.event, event.userId, null, at, at, event.properties];
}
