import { type SQL, sql } from 'drizzle-orm';

import type { EventWriteContext, WriteFragment } from '@/lib/db/write-fragments';
import { isProductEvent } from '@/lib/events/product-events';

import { SEEN_TOLERANCE_MS, type SeenCache, type SeenRows } from './seen-cache';

/** When a user, account or membership was seen in one write, and the traits it brought (if any). */
type Seen = { first: Date; last: Date; traits?: Record<string, unknown> };
type Environment = { id: number; timeZone: string };

const widen = (seen: Seen, at: Date) => {
  if (at < seen.first) seen.first = at;
  if (at > seen.last) seen.last = at;
};
const see = (map: Map<string, Seen>, id: string, at: Date, traits: Record<string, unknown> | undefined) => {
  const seen = map.get(id);
  if (!seen) map.set(id, { first: at, last: at, traits: traits && Object.keys(traits).length > 0 ? { ...traits } : undefined });
  else {
    widen(seen, at);
    if (traits && Object.keys(traits).length > 0) seen.traits = { ...seen.traits, ...traits };
  }
};
const asJson = <T extends Seen>(map: Map<string, T>, id: (key: string, value: T) => Record<string, unknown>) =>
  JSON.stringify([...map].map(([key, v]) => ({ ...id(key, v), first: v.first.toISOString(), last: v.last.toISOString() })));

/**
 * The users, accounts and memberships one write saw, with first and last seen and the traits of
 * identify and group calls: the `users`, `accounts` and `members` placeholders of upsertAccounts.
 */
export class SeenInWrite {
  private readonly users = new Map<string, Seen>();
  private readonly accounts = new Map<string, Seen>();
  private readonly members = new Map<string, Seen & { a: string; u: string }>();

  /** One event, in time order: later identify and group calls win, trait by trait. */
  add(
    event: {
      name: string;
      userId: string | null;
      timestamp: Date;
      userTraits?: Record<string, unknown>;
      accountTraits?: Record<string, unknown>;
    },
    accountId: string,
  ): void {
    const at = event.timestamp;
    if (event.userId) see(this.users, event.userId, at, event.userTraits);
    // The product's own events (a signal's trigger) do not make an account seen.
    if (accountId && !isProductEvent(event.name)) see(this.accounts, accountId, at, event.accountTraits);
    if (accountId && event.userId) {
      const pair = `${accountId}\u0000${event.userId}`;
      const member = this.members.get(pair);
      if (member) widen(member, at);
      else this.members.set(pair, { first: at, last: at, a: accountId, u: event.userId });
    }
  }

  /** Leaves out the rows this process wrote moments ago and that bring nothing new (SeenCache). */
  skipCached(cache: SeenCache, environment: Environment): void {
    for (const [kind, map] of this.kinds()) {
      const rows = cache.of(environment, kind);
      for (const [id, v] of map) if (!v.traits && rows.covers(id, v.first, v.last)) map.delete(id);
    }
  }

  /** Notes what was sent, once the write has committed. */
  remember(cache: SeenCache, environment: Environment): void {
    for (const [kind, map] of this.kinds()) {
      const rows: SeenRows = cache.of(environment, kind);
      for (const [id, v] of map) rows.remember(id, v.first, v.last);
    }
  }

  values(): { users: string; accounts: string; members: string } {
    return {
      users: asJson(this.users, (id, v) => ({ id, traits: v.traits ?? {} })),
      accounts: asJson(this.accounts, (id, v) => ({ id, traits: v.traits ?? {} })),
      members: asJson(this.members, (_key, v) => ({ a: v.a, u: v.u })),
    };
  }

  private kinds() {
    return [
      ['user', this.users],
      ['account', this.accounts],
      ['member', this.members],
    ] as const;
  }
}

/**
 * The users, accounts and memberships of a write (SeenInWrite's placeholders) upserted: traits
 * merged, first seen only earlier, last seen only later.
 *
 * Last seen is kept to the minute. A row whose last seen is less than SEEN_TOLERANCE_MS older than
 * this write's (on the same day in the environment's time zone, so "seen today" stays exact), and
 * whose first seen and traits this write does not change, is left alone: rewriting it (a new row
 * version, new entries in the last-seen indexes) would cost more than the rest of a write, and an
 * active user sends several events a minute. SeenCache skips, in Node, rows sent moments before.
 */
export const upsertAccounts = ({ env, timeZone, environment }: EventWriteContext): WriteFragment => {
  // Looked up row by row through the primary key (a scalar subquery: as a "not exists" the
  // planner hashed the whole table for a few hundred rows).
  const unchanged = (r: SQL, traits: boolean) => sql`${r}.first_seen_at <= x.first
  and ${r}.last_seen_at >= x.last - ${sql.raw(`interval '${SEEN_TOLERANCE_MS / 1000} seconds'`)}
  and (${r}.last_seen_at at time zone ${timeZone})::date = (x.last at time zone ${timeZone})::date
  ${traits ? sql`and ${r}.traits || x.traits = ${r}.traits` : sql``}`;
  const seen = (name: string) => sql`jsonb_to_recordset(${sql.placeholder(name)}::jsonb)`;
  return {
    ctes: [
      // Users and accounts: their traits merged (later calls win, key by key).
      ...(['users', 'accounts'] as const).map((table) => {
        const t = sql.raw(table);
        const id = sql.raw(table === 'users' ? 'user_id' : 'account_id');
        return {
          name: `${table}_up`,
          body: sql`insert into ${t} (environment_id, ${id}, traits, first_seen_at, last_seen_at)
      select ${env}, id, traits, first, last
      from ${seen(table)} as x(id text, traits jsonb, first timestamptz, last timestamptz)
      where not coalesce((select ${unchanged(sql`r`, true)} from ${t} r where r.environment_id = ${env} and r.${id} = x.id), false)
        and exists (select 1 from ${environment})
      order by id
      on conflict (environment_id, ${id}) do update set
        traits = ${t}.traits || excluded.traits,
        first_seen_at = least(${t}.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(${t}.last_seen_at, excluded.last_seen_at)`,
        };
      }),
      {
        name: 'members_up',
        body: sql`insert into account_memberships (environment_id, account_id, user_id, first_seen_at, last_seen_at)
      select ${env}, a, u, first, last
      from ${seen('members')} as x(a text, u text, first timestamptz, last timestamptz)
      where not coalesce((select ${unchanged(sql`r`, false)} from account_memberships r
        where r.environment_id = ${env} and r.account_id = x.a and r.user_id = x.u), false)
        and exists (select 1 from ${environment})
      order by a, u
      on conflict (environment_id, account_id, user_id) do update set
        first_seen_at = least(account_memberships.first_seen_at, excluded.first_seen_at),
        last_seen_at = greatest(account_memberships.last_seen_at, excluded.last_seen_at)`,
      },
    ],
  };
};
