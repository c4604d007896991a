import { type Env, getEnv } from '@/lib/env';
import { ForbiddenError } from '@/lib/errors';

// Cross-site request forgery. SameSite=Lax cookies stop other sites, but any other port or
// subdomain of the same host is "same-site", and a plain HTML form there can post a body that
// spells JSON (enctype="text/plain") with the owner's cookie. So a request that changes state is
// accepted only when the browser says it comes from the app's own origin (Origin, or
// Sec-Fetch-Site when a browser leaves Origin out) and its body is JSON, which no form can send
// cross-origin without a CORS preflight we never grant.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function changesState(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The origins the app's own pages are served from: APP_URL's. With APP_URL unset the default is
 * http://localhost:PORT, and a browser on the same machine may as well use 127.0.0.1 or [::1]
 * on that port; another port stays another origin.
 */
export function allowedOrigins(env: Env = getEnv()): Set<string> {
  if (env.APP_URL) return new Set([new URL(env.APP_URL).origin]);
  return new Set(['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${env.PORT}`));
}

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Refuses (403) a state-changing request that did not come from the app's own pages, or that
 * carries anything but JSON (a forged form can send only form encodings and text/plain). A
 * DELETE may have no body at all; anything with a body says JSON.
 */
export function assertSameOriginJson(request: Request, env: Env = getEnv()): void {
  if (!changesState(request.method)) return;
  const origin = request.headers.get('origin');
  const fetchSite = request.headers.get('sec-fetch-site');
  const allowed = allowedOrigins(env);
  if (origin !== null ? !allowed.has(origin) : fetchSite !== 'same-origin') {
    const from = origin ? `from ${origin}` : 'without an Origin header';
    throw new ForbiddenError(
      `This request came ${from}; changes are accepted only from Signalboard's own pages at ${[...allowed][0]}. ` +
        'If that is not the address you open Signalboard at, set APP_URL to it.',
    );
  }
  const contentType = request.headers.get('content-type');
  const hasBody =
    contentType !== null || request.headers.has('transfer-encoding') || (request.headers.get('content-length') ?? '0') !== '0';
  if ((request.method.toUpperCase() !== 'DELETE' || hasBody) && !isJson(contentType)) {
    throw new ForbiddenError('Changes are accepted only as JSON: send Content-Type: application/json.');
  }
}
