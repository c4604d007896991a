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

/**
 * The message ids of Frontegg's deliveries start with this, so that no write key (public in
 * browsers) can store an event under a Frontegg event's id first and have the real one skipped as
 * a repeat. Ingestion refuses it in a messageId.
 */
export const FRONTEGG_MESSAGE_PREFIX = 'frontegg:';

export const isProductEvent = (name: string): boolean => {
  // Compatibility forms (full-width letters…) and invisible characters (zero-width spaces…) do
  // not make a name another: "\u200bsignal.x" and "ｓｉｇｎａｌ.x" are reserved too.
  const normalized = name
    .normalize('NFKC')
    .replace(/\p{Default_Ignorable_Code_Point}/gu, '')
    .trim()
    .toLowerCase();
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
