import { createLoader, parseAsString } from 'nuqs/server';

// The environment a dashboard view shows is part of its URL (?env=development), so a view can be
// shared as a link. Absent means the default environment, Production. One parser for server and client.
export const environmentSearchParams = { env: parseAsString.withDefault('') };

export const loadEnvironmentParam = createLoader(environmentSearchParams);

/** Adds the environment to a dashboard link (left out for the default). */
export function withEnvironment(path: string, envSlug: string | null | undefined, defaultSlug = 'production'): string {
  if (!envSlug || envSlug === defaultSlug) return path;
  return `${path}${path.includes('?') ? '&' : '?'}env=${encodeURIComponent(envSlug)}`;
}
