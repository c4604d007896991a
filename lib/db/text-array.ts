import { type SQL, sql } from 'drizzle-orm';

const quote = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * A list of strings as one text[] parameter, for `column = any(…)`: one bound value however long
 * the list (an IN list of parameters stops at 65,535), and a condition the planner can use on an
 * index. `in (select jsonb_array_elements_text(…))` is estimated at 100 rows whatever its length,
 * and a semi join on that guess compares every listed value with every row.
 */
export const textArray = (values: string[]): SQL => sql`${`{${values.map(quote).join(',')}}`}::text[]`;
