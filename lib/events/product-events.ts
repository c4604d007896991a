import { type SQL, sql } from 'drizzle-orm';

// Events Signalboard writes itself (a signal's trigger names the account it fired for, a cohort
// run its changes), and those it may write later (alerts, connection and delivery notices). They
// join the event stream, the rollups and the catalog like any event, so connections and metrics
// can use them, but they are not activity of the account: an account that fell silent and fired
// "risk for abandonment" must not look seen, or active, that day because of it.
//
// Their prefixes are reserved: connections send these events on as genuine signed webhooks, so
// ingestion refuses them from senders (write keys used in browsers are public). Names are compared
// trimmed and lowercased, so that " Signal.x" is one of them too.

export const RESERVED_EVENT_PREFIXES = ['signal.', 'cohort.', 'alert.', 'connection.', 'delivery.'] as const;

export const isProductEvent = (name: string): boolean => {
  const normalized = name.trim().toLowerCase();
  return RESERVED_EVENT_PREFIXES.some((prefix) => normalized.startsWith(prefix));
};

/** Why ingestion refuses a product event's name, for the issue it reports. */
export const RESERVED_EVENT_MESSAGE = `is reserved for Signalboard's own events (names starting with ${RESERVED_EVENT_PREFIXES.join(', ')})`;

/**
 * SQL true when the event name in `column` is not one of the product's own. Stored names are
 * already trimmed (ingestion trims them, the product writes its own exactly), so lowering is enough.
 */
export const isActivityEvent = (column: SQL): SQL =>
  sql`not (${sql.join(
    RESERVED_EVENT_PREFIXES.map((prefix) => sql`starts_with(lower(${column}), ${prefix}::text)`),
    sql` or `,
  )})`;
