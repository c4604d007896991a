import NextAuth from 'next-auth';
import { NextRequest } from 'next/server';
import { getDb } from '@/lib/db/client';
import { appOrigin } from '@/lib/env';
import { jsonError } from '@/lib/http/error-response';
import { readWebBody } from '@/lib/http/read-body';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/node-guard';
import { SIGN_IN_THROTTLED, authOptions } from './options';
import { signInLock } from './sign-in-throttle';

// next-auth's route (/api/auth/*) in front of which sit what next-auth does not do itself: a
// bound on the body it reads (it reads any size, before anyone is signed in), and the answer to
// a locked-out sign-in — 429 with Retry-After rather than next-auth's 401.

const MAX_AUTH_BODY = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };

function tooManyAttempts(retryAfterSeconds: number): Response {
  const message = `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`;
  // `url` is what next-auth's client reads the error from.
  return Response.json(
    {
      url: `${appOrigin()}/signin?error=${SIGN_IN_THROTTLED}`,
      error: { code: 'rate_limited', message },
      retryAfterSeconds,
    },
    { status: 429, headers: { 'retry-after': String(retryAfterSeconds) } },
  );
}

/** The error a next-auth answer carries in its redirect (JSON `url`, or Location). */
async function errorOf(response: Response): Promise<string | null> {
  let url = response.headers.get('location');
  if (!url && response.headers.get('content-type')?.includes('application/json')) {
    url = ((await response.clone().json()) as { url?: string } | null)?.url ?? null;
  }
  if (!url) return null;
  try {
    return new URL(url, appOrigin()).searchParams.get('error');
  } catch {
    return null;
  }
}

export async function handleAuthGet(request: NextRequest, context: Context): Promise<Response> {
  return NextAuth(authOptions())(request, context);
}

export async function handleAuthPost(request: NextRequest, context: Context): Promise<Response> {
  const body = await readWebBody(request, MAX_AUTH_BODY);
  if (typeof body !== 'string') {
    return jsonError(413, 'payload_too_large', `The body is larger than ${MAX_AUTH_BODY / 1024} KB.`);
  }
  const forwarded = new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
  const credentialsSignIn = new URL(request.url).pathname.endsWith('/callback/credentials');
  const attempt = credentialsSignIn
    ? {
        email: new URLSearchParams(body).get('email') ?? '',
        clientAddress: request.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown',
      }
    : null;
  if (attempt) {
    const lock = await signInLock(await getDb(), attempt);
    if (!lock.ok) return tooManyAttempts(lock.retryAfterSeconds);
  }
  const response = await NextAuth(authOptions())(forwarded, context);
  if (attempt && (await errorOf(response)) === SIGN_IN_THROTTLED) {
    // Locked while this attempt was on its way (a burst in parallel): say for how long.
    const lock = await signInLock(await getDb(), attempt);
    return tooManyAttempts(lock.ok ? 1 : lock.retryAfterSeconds);
  }
  return response;
}
