import { z } from 'zod';

import { findUnstorable } from '@/lib/db/json-guard';
import { issuesFromZod, ValidationError } from '@/lib/errors';

/** Validates a query string; empty values count as absent. Failures name the parameter. */
export function parseSearchParams<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== '');
  const values = Object.fromEntries(entries);
  const unstorable = findUnstorable(values, '');
  if (unstorable) throw new ValidationError(`${unstorable.path}: ${unstorable.message}`, [unstorable]);
  const result = schema.safeParse(values);
  if (!result.success) throw ValidationError.of(issuesFromZod(result.error.issues));
  return result.data;
}

/**
 * A number parameter from min to max (add `.default(…)` or `.optional()`). Anything that is no
 * number is told what was `expected` ("expected a page number"), and so is a fraction unless
 * `whole` gives it words of its own or is false (fractions taken); a value out of range is told
 * "expected min–max" unless `below` or `above` says otherwise.
 */
export function numberParam(range: {
  min: number;
  max: number;
  expected?: string;
  whole?: boolean | string;
  below?: string;
  above?: string;
}) {
  const { min, max, expected = 'a number', whole = true } = range;
  const number = z.coerce.number<string>({ error: `expected ${expected}` });
  const checked = whole === false ? number : number.int(whole === true ? undefined : whole);
  return checked.min(min, range.below ?? `expected ${min}–${max}`).max(max, range.above ?? `expected ${min}–${max}`);
}

/** ?page=: 1 unless given; the bound only keeps the offset sane. */
export const pageParam = () =>
  numberParam({
    expected: 'a page number',
    min: 1,
    max: 100_000,
    below: 'expected 1 or more',
    above: 'expected a page number',
  }).default(1);
