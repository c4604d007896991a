/**
 * What drizzle over postgres.js throws while the server is away: the query and a value on top (which
 * no log line or answer may repeat), the driver's network error as its cause.
 */
export const connectionRefused = () =>
  new Error('Failed query: select * from write_keys where hash = $1\nparams: do-not-log-this-hash', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
  });
