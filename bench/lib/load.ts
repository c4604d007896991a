import autocannon from 'autocannon';

export type LoadResult = {
  connections: number;
  /** 2xx responses a second: only answered-and-committed requests count as throughput. */
  requestsPerSecond: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Requests answered 2xx and requests sent (in flight at the end: sent, never answered). */
  acknowledged: number;
  sent: number;
};

/**
 * Runs autocannon against one POST endpoint on 127.0.0.1. `body` is called for every request, so
 * each carries fresh message ids (autocannon's idReplacement would give unique ids too, but not a
 * different user and account per request).
 */
export async function load(options: {
  port: number;
  path: string;
  connections: number;
  seconds: number;
  eventsPerRequest: number;
  body: () => string;
  headers?: Record<string, string>;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: `http://127.0.0.1:${options.port}${options.path}`,
    method: 'POST',
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    headers: { 'content-type': 'application/json', ...options.headers },
    requests: [{ setupRequest: (request) => ({ ...request, body: options.body() }) }],
  });
  const acknowledged = result['2xx'];
  return {
    connections: options.connections,
    requestsPerSecond: acknowledged / result.duration,
    eventsPerSecond: (acknowledged * options.eventsPerRequest) / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    acknowledged,
    sent: result.requests.sent,
  };
}
