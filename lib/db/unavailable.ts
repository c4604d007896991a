import { errorCodes } from './pg-error';

// "The database cannot be reached right now" — a connection refused, reset or timed out, or a
// server shutting down or starting up — as opposed to a query that failed. Clients are told to
// come back (503 with Retry-After) rather than that something broke (500).

const UNAVAILABLE_CODES = new Set([
  // Node's network errors.
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  // postgres.js's own.
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  // SQLSTATE: connection exceptions, shutting down, starting up, too many connections.
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '57P01',
  '57P02',
  '57P03',
  '53300',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (const code of errorCodes(error)) if (UNAVAILABLE_CODES.has(code)) return true;
  return false;
}
