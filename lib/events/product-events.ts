import { type SQL, sql } from 'drizzle-orm';
import { PRODUCT_TRIGGERS } from './trigger-options';

// Events Signalboard writes itself (a signal's trigger names the account it fired for). They join
// the event stream, the rollups and the catalog like any event, so connections and metrics can
// use them, but they are not activity of the account: an account that fell silent and fired
// "risk for abandonment" must not look seen, or active, that day because of it.

const NAMES = PRODUCT_TRIGGERS.map((t) => t.key);

export const isProductEvent = (name: string): boolean => NAMES.includes(name);

/** SQL true when the event name in `column` is not one of the product's own. */
export const isActivityEvent = (column: SQL): SQL =>
  sql`${column} not in (${sql.join(
    NAMES.map((n) => sql`${n}::text`),
    sql`, `,
  )})`;
