import { parseAsArrayOf, parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs/server';

/** The Signals dashboard's view, in the URL: date range, account, and the table's sort and page. */
export const signalsSearchParams = {
  range: parseAsStringLiteral(['7d', '30d', '90d', 'custom'] as const).withDefault('30d'),
  from: parseAsString.withDefault(''),
  to: parseAsString.withDefault(''),
  account: parseAsString.withDefault(''),
  sort: parseAsStringLiteral(['since', 'change', 'current', 'previous', 'signal', 'account'] as const).withDefault('since'),
  dir: parseAsStringLiteral(['asc', 'desc'] as const).withDefault('desc'),
  page: parseAsInteger.withDefault(1),
  chart: parseAsArrayOf(parseAsStringLiteral(['logins', 'invited_users', 'deleted_users'] as const)).withDefault([
    'logins',
    'invited_users',
    'deleted_users',
  ]),
};
