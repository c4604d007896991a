// What a database error says of itself. Drivers and drizzle wrap it (DrizzleQueryError → PostgresError,
// AggregateError for a connection tried at several addresses), so its code is looked for along the
// `cause` chain and inside `errors`, each error once (a cause can point back).

/** The error and every error it wraps, outermost first. */
export function* errorChain(error: unknown): Generator<object> {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    yield e;
    queue.push((e as { cause?: unknown }).cause);
    const inner = (e as { errors?: unknown }).errors;
    if (Array.isArray(inner)) queue.push(...inner);
  }
}

/** The string `code` of each error along the chain: Node's (ECONNREFUSED), a driver's, a SQLSTATE. */
export function* errorCodes(error: unknown): Generator<string> {
  for (const e of errorChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') yield code;
  }
}

// Five characters of a class Postgres defines (appendix A): two digits, or F0, HV, P0, XX.
const SQLSTATE = /^(?:[0-9]{2}|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/** The Postgres SQLSTATE of a failed query (Postgres and PGlite alike), or undefined. */
export function pgErrorCode(error: unknown): string | undefined {
  for (const code of errorCodes(error)) if (SQLSTATE.test(code)) return code;
  return undefined;
}

/** A unique-constraint violation: 23505. */
export function isUniqueViolation(error: unknown): boolean {
  return pgErrorCode(error) === '23505';
}
