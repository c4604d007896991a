// What an error may say in the log. Errors of a query carry the query and its values (drizzle's
// "Failed query: … params: …" is the batch of events being written, or the SHA-256 of a write
// key), and data errors quote the value they refused: none of that may reach a log. An error is
// logged as its kind, code and message along its chain of causes, values blanked, with the stack
// frames of where it was thrown.

type ErrorLike = { name?: unknown; message?: unknown; code?: unknown; cause?: unknown; stack?: unknown; errors?: unknown };

const isQueryWrapper = (e: ErrorLike) =>
  e.name === 'DrizzleQueryError' || (typeof e.message === 'string' && e.message.startsWith('Failed query:'));

// SQLSTATE classes 22 (data exception) and 23 (integrity violation) quote the values they refused.
const quotesValues = (code: unknown) => typeof code === 'string' && /^(22|23)/.test(code);

function describeOne(e: ErrorLike): string | null {
  if (isQueryWrapper(e)) return null;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const code = typeof e.code === 'string' || typeof e.code === 'number' ? ` [${String(e.code)}]` : '';
  let message = typeof e.message === 'string' ? e.message : '';
  if (quotesValues(e.code)) message = message.replace(/"[^"]*"/g, '"…"').replace(/'[^']*'/g, "'…'");
  return `${name}${code}${message ? `: ${message.slice(0, 300)}` : ''}`;
}

/** One line: the error's kind, code and message along its causes, values blanked. */
export function errorSummary(error: unknown): string {
  if (!error || typeof error !== 'object') return typeof error === 'string' ? 'a thrown string' : String(error);
  const parts: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e) && parts.length < 5; e = (e as ErrorLike).cause) {
    seen.add(e);
    const line = describeOne(e as ErrorLike);
    if (line) parts.push(line);
    const inner = (e as ErrorLike).errors;
    if (Array.isArray(inner) && inner[0] && typeof inner[0] === 'object') {
      const first = describeOne(inner[0] as ErrorLike);
      if (first) parts.push(first);
    }
  }
  return parts.join(' ← caused by ') || 'an error with no message';
}

/** errorSummary, and the stack frames of where it was thrown. */
export function describeError(error: unknown): string {
  const summary = errorSummary(error);
  const stack =
    error && typeof error === 'object' && typeof (error as ErrorLike).stack === 'string'
      ? ((error as ErrorLike).stack as string)
      : '';
  const frames = stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 8)
    .join('\n');
  return `${summary}${frames ? `\n${frames}` : ''}`;
}

/** Logs an error with what it was doing, as describeError allows. */
export function logError(context: string, error: unknown): void {
  console.error(`${context}: ${describeError(error)}`);
}

const UNAVAILABLE_LOG_EVERY_MS = 10_000;
let unavailableLoggedAt = 0;

/**
 * Logs that the database cannot be reached — once every 10 s per process, not once per request
 * answered 503 meanwhile.
 */
export function logDatabaseUnavailable(context: string, error: unknown, now = Date.now()): void {
  if (now - unavailableLoggedAt < UNAVAILABLE_LOG_EVERY_MS) return;
  unavailableLoggedAt = now;
  console.error(`${context}: the database cannot be reached (${errorSummary(error)}); answering 503 until it can.`);
}

const QUERY_IN_TEXT = /Failed query:[\s\S]*/;

/**
 * The last line of defence, for what the process logs without asking lib/log.ts — Next's own
 * report of an error thrown while rendering a page, a library's warning: errors are printed as
 * describeError prints them, and a query quoted in text is cut out. Installed once by the entry
 * points (server.ts, ingest-server.ts).
 */
export function scrubConsole(target: Pick<Console, 'error' | 'warn'> = console): void {
  for (const level of ['error', 'warn'] as const) {
    const original = target[level].bind(target);
    target[level] = (...args: unknown[]) =>
      original(
        ...args.map((arg) =>
          arg instanceof Error
            ? describeError(arg)
            : typeof arg === 'string'
              ? arg.replace(QUERY_IN_TEXT, 'Failed query: [the query and its values are not logged]')
              : arg,
        ),
      );
  }
}
