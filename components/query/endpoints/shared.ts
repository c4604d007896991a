import type { z } from 'zod';

import type { Serialized } from '../api';

// What every endpoint module builds on: the answer of a server function as the client receives
// it, a query string checked against the route's own schema, and the paths under an environment.

/** What a server function returns, as it arrives over JSON (dates as ISO strings). */
export type Answer<F extends (...args: never[]) => unknown> = Serialized<Awaited<ReturnType<F>>>;

/**
 * The query string of a route whose parameters a zod schema reads: only the schema's keys, each
 * as the text a URL carries (the server coerces and checks it).
 */
export type Query<S extends z.ZodType> = { [K in keyof z.input<S>]?: string };

export const environmentsPath = '/api/v1/environments';

/** `/api/v1/environments/{slug}` followed by `path`. */
export const environmentPath = (slug: string, path = '') => `${environmentsPath}/${encodeURIComponent(slug)}${path}`;

/** `path` with a query string of the values given; undefined ones are left out, empty ones kept. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
