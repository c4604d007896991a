import { type SQL, sql } from 'drizzle-orm';

import { textArray } from '@/lib/db/text-array';

import type { CohortEntity, CohortFilter, Condition, Group, ValueOperator } from './filter-schema';

// Compiles a validated filter to SQL that selects the ids of the members. Names (trait keys,
// property paths, event names) and values are bound parameters, never SQL text: the only text
// is this file's own. Day boundaries ("today", "between") are in the environment's time zone.

export type CompileContext = { environmentId: number; timeZone: string; now: Date };

type Member = { table: SQL; id: SQL; eventKey: SQL };
const MEMBERS: Record<CohortEntity, Member> = {
  users: { table: sql`users`, id: sql`m.user_id`, eventKey: sql`e.user_id` },
  accounts: { table: sql`accounts`, id: sql`m.account_id`, eventKey: sql`nullif(e.account_id, '')` },
};

/** `base -> 'a' -> 'b'`: a dotted path into a jsonb column, one bound parameter per step. */
function jsonPath(base: SQL, path: string): SQL {
  return path.split('.').reduce((acc, part) => sql`${acc} -> ${part}::text`, base);
}

const NUMERIC = sql.raw(`'^\\s*-?[0-9]+(\\.[0-9]+)?\\s*$'`);

function valueTest(target: SQL, op: ValueOperator, value: unknown): SQL {
  const text = sql`(${target} #>> '{}')`;
  switch (op) {
    case 'set':
      return sql`coalesce(jsonb_typeof(${target}), 'null') <> 'null'`;
    case 'notSet':
      return sql`coalesce(jsonb_typeof(${target}), 'null') = 'null'`;
    case 'eq':
      return sql`${text} = ${String(value)}::text`;
    case 'neq':
      return sql`${text} is distinct from ${String(value)}::text`;
    case 'contains':
      return sql`strpos(lower(${text}), lower(${String(value)}::text)) > 0`;
    case 'startsWith':
      return sql`left(${text}, char_length(${String(value)}::text)) = ${String(value)}::text`;
    case 'in':
      return sql`${text} = any(${textArray((value as unknown[]).map(String))})`;
    default: {
      const cmp = sql.raw({ gt: '>', gte: '>=', lt: '<', lte: '<=' }[op]);
      if (typeof value === 'number') {
        return sql`(case when ${text} ~ ${NUMERIC} then ${text}::numeric end) ${cmp} ${value}::numeric`;
      }
      // A date: traits that are not a timestamp never match (signalboard_try_timestamptz is null).
      return sql`signalboard_try_timestamptz(${text}) ${cmp} ${new Date(String(value)).toISOString()}::timestamptz`;
    }
  }
}

function compileCondition(c: Condition, m: Member, ctx: CompileContext): SQL {
  const env = ctx.environmentId;
  const now = sql`${ctx.now.toISOString()}::timestamptz`;
  const tz = sql`${ctx.timeZone}::text`;
  const daysAgo = (days: number) => sql`(${now} - make_interval(days => ${days}::int))`;
  switch (c.type) {
    case 'trait':
      return valueTest(jsonPath(sql`m.traits`, c.key), c.op, c.value);
    case 'seen': {
      const column = c.which === 'first' ? sql`m.first_seen_at` : sql`m.last_seen_at`;
      if (c.op === 'today') return sql`${column} >= (date_trunc('day', ${now} at time zone ${tz}) at time zone ${tz})`;
      if (c.op === 'withinDays') return sql`${column} >= ${daysAgo(c.days ?? 0)}`;
      if (c.op === 'olderThanDays') return sql`${column} < ${daysAgo(c.days ?? 0)}`;
      return sql`(${column} >= (${c.from}::date::timestamp at time zone ${tz}) and ${column} < ((${c.to}::date + 1)::timestamp at time zone ${tz}))`;
    }
    case 'performed': {
      const tests = c.where.map((w) => sql` and ${valueTest(jsonPath(sql`e.properties`, w.key), w.op, w.value)}`);
      const window = c.within && 'days' in c.within ? sql` and e.timestamp >= ${daysAgo(c.within.days)}` : sql``;
      const matching = sql`from events e where e.environment_id = ${env} and e.name = ${c.event}::text and ${m.eventKey} is not null${window}${sql.join(tests)}`;
      const keys = sql`select ${m.eventKey} ${matching}`;
      const count = c.count;
      if (!count || (count.op === 'atLeast' && count.n <= 1)) return sql`${m.id} in (${keys})`;
      if (count.op === 'atLeast') return sql`${m.id} in (${keys} group by 1 having count(*) >= ${count.n}::int)`;
      if (count.op === 'atMost') return sql`${m.id} not in (${keys} group by 1 having count(*) > ${count.n}::int)`;
      if (count.n === 0) return sql`${m.id} not in (${keys})`;
      return sql`${m.id} in (${keys} group by 1 having count(*) = ${count.n}::int)`;
    }
    case 'notPerformed': {
      // No event at all: last seen says it without reading events.
      if (!c.event) return sql`m.last_seen_at < ${daysAgo(c.days)}`;
      return sql`${m.id} not in (select ${m.eventKey} from events e where e.environment_id = ${env} and e.name = ${c.event}::text
        and e.timestamp >= ${daysAgo(c.days)} and ${m.eventKey} is not null)`;
    }
    case 'activeUsers': {
      const cmp = sql.raw({ gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '=' }[c.op]);
      return sql`(select count(*) from account_memberships am where am.environment_id = ${env} and am.account_id = m.account_id
        and am.last_seen_at >= ${daysAgo(c.days)}) ${cmp} ${c.n}::int`;
    }
    case 'inSignal': {
      const which = c.signal === 'any' ? sql`` : sql` and o.signal_key = ${c.signal}::text`;
      return sql`exists (select 1 from signal_occurrences o where o.environment_id = ${env} and o.account_id = m.account_id
        and o.ended_at is null${which})`;
    }
  }
}

function compileGroup(g: Group, m: Member, ctx: CompileContext): SQL {
  const parts = g.conditions.map((c) => (c.type === 'group' ? compileGroup(c, m, ctx) : compileCondition(c, m, ctx)));
  return sql`(${sql.join(parts, sql.raw(g.op === 'and' ? ' and ' : ' or '))})`;
}

/** `select member_id from …` for the filter's entity in one environment. */
export function compileFilter(filter: CohortFilter, ctx: CompileContext): SQL {
  const m = MEMBERS[filter.entity];
  return sql`select ${m.id} as member_id from ${m.table} m where m.environment_id = ${ctx.environmentId} and ${compileGroup(filter.root, m, ctx)}`;
}
