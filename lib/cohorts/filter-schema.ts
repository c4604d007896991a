import { z } from 'zod';

// A cohort's filter: a versioned JSON tree of AND/OR groups (nested) over conditions. It is
// validated here and compiled to parameterised SQL by compile-filter.ts; every value and name in
// it reaches Postgres as a bound parameter, never as SQL text.

export const FILTER_VERSION = 1;
export const MAX_DEPTH = 3;

const propertyPath = z
  .string({ error: 'expected a property name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .refine((p) => !p.split('.').some((part) => part === ''), 'use dots only between names, as in response.status');

const scalar = z.union([z.string().max(500, 'must be at most 500 characters'), z.number(), z.boolean()], {
  error: 'expected a text, number or true/false value',
});

export const valueOperators = ['eq', 'neq', 'contains', 'startsWith', 'gt', 'gte', 'lt', 'lte', 'set', 'notSet', 'in'] as const;
export type ValueOperator = (typeof valueOperators)[number];

const valueFields = {
  key: propertyPath,
  op: z.enum(valueOperators, { error: `expected one of ${valueOperators.join(', ')}` }),
  value: z.union([scalar, z.array(scalar).min(1, 'give at least one value').max(500, 'at most 500 values')]).optional(),
};

function checkValue(t: { op: ValueOperator; value?: unknown }, ctx: z.RefinementCtx): void {
  if (t.op === 'set' || t.op === 'notSet') return;
  if (t.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: `"${t.op}" needs a value` });
  else if (t.op === 'in' && !Array.isArray(t.value))
    ctx.addIssue({ code: 'custom', path: ['value'], message: '"in" needs a list of values' });
  else if (t.op !== 'in' && Array.isArray(t.value))
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${t.op}" needs one value` });
  else if (['gt', 'gte', 'lt', 'lte'].includes(t.op) && typeof t.value !== 'number' && Number.isNaN(Date.parse(String(t.value))))
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${t.op}" needs a number or a date` });
  else if ((t.op === 'contains' || t.op === 'startsWith') && typeof t.value !== 'string')
    ctx.addIssue({ code: 'custom', path: ['value'], message: `"${t.op}" needs a text value` });
}

/** "key op value", for event properties in a performed condition. */
const valueTest = z.object(valueFields).superRefine(checkValue);
export type ValueTest = z.infer<typeof valueTest>;

const days = z
  .number({ error: 'expected a number of days' })
  .int('expected a whole number of days')
  .min(1, 'at least 1 day')
  .max(3650, 'at most 3,650 days');
const isoDate = z.iso.date({ error: 'expected a date such as 2026-11-24' });

/** A trait of the member (user or account) compared with a value. */
export const traitCondition = z.object({ type: z.literal('trait'), ...valueFields }).superRefine(checkValue);

export const seenCondition = z
  .object({
    type: z.literal('seen'),
    which: z.enum(['first', 'last'], { error: 'expected first or last' }),
    op: z.enum(['today', 'withinDays', 'olderThanDays', 'between'], {
      error: 'expected today, withinDays, olderThanDays or between',
    }),
    days: days.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.op === 'withinDays' || c.op === 'olderThanDays') && c.days === undefined)
      ctx.addIssue({ code: 'custom', path: ['days'], message: `"${c.op}" needs a number of days` });
    if (c.op === 'between') {
      if (!c.from) ctx.addIssue({ code: 'custom', path: ['from'], message: '"between" needs a first day' });
      if (!c.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '"between" needs a last day' });
      if (c.from && c.to && c.from > c.to)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before the first day' });
    }
  });

const eventName = z
  .string({ error: 'expected an event name' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const performedCondition = z.object({
  type: z.literal('performed'),
  event: eventName,
  where: z.array(valueTest, { error: 'expected a list of property tests' }).max(10, 'at most 10 property tests').default([]),
  count: z
    .object({
      op: z.enum(['atLeast', 'atMost', 'exactly'], { error: 'expected atLeast, atMost or exactly' }),
      n: z.number({ error: 'expected a number of times' }).int('expected a whole number').min(0, 'at least 0').max(1_000_000),
    })
    .optional(),
  within: z
    .union([z.object({ days }), z.object({ sinceFirstSeen: z.literal(true) })], {
      error: 'expected { days } or { sinceFirstSeen: true }',
    })
    .optional(),
});

/** "Did not perform E (or any event, without one) in the last N days." */
export const notPerformedCondition = z.object({ type: z.literal('notPerformed'), event: eventName.optional(), days });

/** Accounts: how many of their users were active (seen) in the last N days. */
export const activeUsersCondition = z.object({
  type: z.literal('activeUsers'),
  op: z.enum(['gt', 'gte', 'lt', 'lte', 'eq'], { error: 'expected gt, gte, lt, lte or eq' }),
  n: z.number({ error: 'expected a number of users' }).int().min(0).max(10_000_000),
  days,
});

/** Accounts: currently in a signal (a signal key, or "any"). */
export const inSignalCondition = z.object({
  type: z.literal('inSignal'),
  signal: z.string({ error: 'expected a signal key or "any"' }).trim().min(1).max(100),
});

export type Condition =
  | z.infer<typeof traitCondition>
  | z.infer<typeof seenCondition>
  | z.infer<typeof performedCondition>
  | z.infer<typeof notPerformedCondition>
  | z.infer<typeof activeUsersCondition>
  | z.infer<typeof inSignalCondition>;
export type Group = { type: 'group'; op: 'and' | 'or'; conditions: (Condition | Group)[] };

const conditionTypes = ['trait', 'seen', 'performed', 'notPerformed', 'activeUsers', 'inSignal', 'group'] as const;

const group: z.ZodType<Group> = z.lazy(() =>
  z.object({
    type: z.literal('group'),
    op: z.enum(['and', 'or'], { error: 'expected and or or' }),
    conditions: z
      .array(node, { error: 'expected a list of conditions' })
      .min(1, 'add at least one condition')
      .max(50, 'at most 50 conditions'),
  }),
) as z.ZodType<Group>;

// Dispatched on `type`, so a bad node gets the messages of its own kind, at its own path.
const node = z.discriminatedUnion(
  'type',
  [
    z.lazy(() => group) as unknown as z.ZodObject<{ type: z.ZodLiteral<'group'> }>,
    traitCondition,
    seenCondition,
    performedCondition,
    notPerformedCondition,
    activeUsersCondition,
    inSignalCondition,
  ],
  { error: `expected type to be one of ${conditionTypes.join(', ')}` },
);

export const cohortEntities = ['users', 'accounts'] as const;
export type CohortEntity = (typeof cohortEntities)[number];

export const cohortFilter = z
  .object({
    version: z.literal(FILTER_VERSION, { error: `expected version ${FILTER_VERSION}` }),
    entity: z.enum(cohortEntities, { error: 'expected users or accounts' }),
    root: group,
  })
  .superRefine((filter, ctx) => {
    // Rules that depend on more than one node: nesting depth, and conditions only accounts have.
    const walk = (g: Group, path: (string | number)[], depth: number) => {
      if (depth > MAX_DEPTH) ctx.addIssue({ code: 'custom', path, message: `groups nest at most ${MAX_DEPTH} deep` });
      g.conditions.forEach((c, i) => {
        const at = [...path, 'conditions', i];
        if (c.type === 'group') walk(c, at, depth + 1);
        else if ((c.type === 'activeUsers' || c.type === 'inSignal') && filter.entity !== 'accounts')
          ctx.addIssue({ code: 'custom', path: [...at, 'type'], message: `"${c.type}" applies to account cohorts only` });
      });
    };
    walk(filter.root, ['root'], 1);
  });
export type CohortFilter = z.infer<typeof cohortFilter>;
