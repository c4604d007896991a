// The password sign-in as the forms call it: next-auth's own endpoints (its CSRF token, then the
// credentials callback), read directly rather than through next-auth's signIn(), which drops the
// status and Retry-After of a throttled attempt that the form needs to say how long to wait.

export type SignInResult =
  | { ok: true }
  | { ok: false; reason: 'credentials' | 'network' | 'unavailable' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  try {
    const csrf = (await (await fetch('/api/auth/csrf')).json()) as { csrfToken?: string };
    const response = await fetch('/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email, password, csrfToken: csrf.csrfToken ?? '', json: 'true' }),
    });
    if (response.status === 429) {
      return { ok: false, reason: 'throttled', retryAfterSeconds: Number(response.headers.get('retry-after')) || 60 };
    }
    if (response.status === 503) return { ok: false, reason: 'unavailable' };
    const data = (await response.json().catch(() => null)) as { url?: string } | null;
    const error = data?.url ? new URL(data.url, window.location.origin).searchParams.get('error') : 'unknown';
    return response.ok && !error ? { ok: true } : { ok: false, reason: 'credentials' };
  } catch {
    return { ok: false, reason: 'network' };
  }
}

/** How a failed sign-in reads in a form. */
export function signInFailureMessage(result: Exclude<SignInResult, { ok: true }>): string {
  if (result.reason === 'throttled') {
    const wait =
      result.retryAfterSeconds >= 90 ? `${Math.ceil(result.retryAfterSeconds / 60)} minutes` : `${result.retryAfterSeconds} s`;
    return `Too many failed sign-ins. Try again in ${wait}.`;
  }
  if (result.reason === 'network') return 'Could not reach the server. Try again.';
  if (result.reason === 'unavailable') return 'Signing in is not possible right now. Try again shortly.';
  return 'That email and password do not match an account.';
}
