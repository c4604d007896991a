import { NextRequest } from 'next/server';
import NextAuth from 'next-auth';

import { getDb } from '@/lib/db/client';
import { appOrigin } from '@/lib/env';
import { AppError, UnavailableError } from '@/lib/errors';
import { errorResponse } from '@/lib/http/error-response';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/node-guard';
import { readWebBody } from '@/lib/http/read-body';

import { authOptions, credentials, SIGN_IN_THROTTLED, SIGN_IN_UNAVAILABLE } from './options';
import { getCurrentSession } from './session';
import { signInLock } from './sign-in-throttle';

// next-auth's route (/api/auth/*) in front of which sit what next-auth does not do itself: a
// bound on the body it reads (it reads any size, before anyone is signed in), the answer to a
// locked-out sign-in — 429 with Retry-After rather than next-auth's 401 — or one the database
// could not serve (503), and sessions that were ended (next-auth's own /session would still
// vouch for their cookie: it knows nothing of lib/auth/sessions.ts).

const MAX_AUTH_BODY = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };

/** `url` is what next-auth's client reads the error from. */
const signInUrl = (error: string) => `${appOrigin()}/signin?error=${error}`;

function tooManyAttempts(retryAfterSeconds: number): Response {
  const message = `Too many failed sign-ins. Try again in ${retryAfterSeconds} s.`;
  return errorResponse(new AppError('rate_limited', message, undefined, { retryAfterSeconds }), {
    url: signInUrl(SIGN_IN_THROTTLED),
    retryAfterSeconds,
  });
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

function unavailable(): Response {
  return errorResponse(new UnavailableError('Signing in is not possible right now. Try again shortly.'), {
    url: signInUrl(SIGN_IN_UNAVAILABLE),
  });
}

function fieldsOf(body: string, contentType: string | null): unknown {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return null;
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}

export async function handleAuthGet(request: NextRequest, context: Context): Promise<Response> {
  try {
    if (new URL(request.url).pathname.endsWith('/session') && !(await getCurrentSession())) {
      // What next-auth answers without a session; the ended one's cookie is not renewed.
      return Response.json({});
    }
    return await NextAuth(authOptions())(request, context);
  } catch (error) {
    return errorResponse(error);
  }
}

export async function handleAuthPost(request: NextRequest, context: Context): Promise<Response> {
  try {
    return await authPost(request, context);
  } catch (error) {
    return errorResponse(error);
  }
}

async function authPost(request: NextRequest, context: Context): Promise<Response> {
  const body = await readWebBody(request, MAX_AUTH_BODY);
  if (typeof body !== 'string') {
    return errorResponse(new AppError('payload_too_large', `The body is larger than ${MAX_AUTH_BODY / 1024} KB.`));
  }
  const forwarded = new NextRequest(request.url, { method: 'POST', headers: request.headers, body });
  const credentialsSignIn = new URL(request.url).pathname.endsWith('/callback/credentials');
  // What authorize will read, read the same way (next-auth takes form or JSON bodies); credentials
  // authorize refuses anyway (no email, a control character in it) are not looked up.
  const fields = credentialsSignIn ? fieldsOf(body, request.headers.get('content-type')) : null;
  const parsed = fields ? credentials.safeParse(fields) : null;
  const attempt = parsed?.success
    ? { email: parsed.data.email, clientAddress: request.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown' }
    : null;
  if (attempt) {
    const lock = await signInLock(await getDb(), attempt);
    if (!lock.ok) return tooManyAttempts(lock.retryAfterSeconds);
  }
  const response = await NextAuth(authOptions())(forwarded, context);
  const error = await errorOf(response);
  if (error === SIGN_IN_UNAVAILABLE) return unavailable();
  if (attempt && error === SIGN_IN_THROTTLED) {
    // Locked while this attempt was on its way (a burst in parallel): say for how long.
    const lock = await signInLock(await getDb(), attempt);
    return tooManyAttempts(lock.ok ? 1 : lock.retryAfterSeconds);
  }
  return response;
}
