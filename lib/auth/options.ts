import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';

import { decoyHash, verifyPassword } from '@/lib/admins/password';
import { findAdminRowByEmail } from '@/lib/admins/queries';
import { getDb } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';
import { type Env, getEnv, oidcConfigured } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/node-guard';
import { logError } from '@/lib/log';

import { safeCallbackUrl } from './callback-url';
import { endSession, SESSION_MAX_AGE_SECONDS, startSession } from './sessions';
import { beginSignInAttempt, recordFailedSignIn, signInSucceeded } from './sign-in-throttle';

// No control characters: an email is never one, and a NUL cannot even be stored.
export const credentials = z.object({
  email: z
    .string()
    .trim()
    .min(1)
    .max(320)
    .regex(/^[^\u0000-\u001f\u007f]+$/),
  password: z.string().min(1).max(1000),
});

/** What authorize throws when the attempt is locked out; the auth route answers it with 429. */
export const SIGN_IN_THROTTLED = 'TooManyAttempts';
/**
 * What authorize throws when anything else fails (the database is away…). next-auth puts the
 * message of whatever authorize throws into the URL it answers with, so it is never the error's own.
 */
export const SIGN_IN_UNAVAILABLE = 'Unavailable';

type OidcProfile = { sub: string; email?: string; name?: string; email_verified?: boolean };

function oidcProvider(env: Env): OAuthConfig<OidcProfile>[] {
  if (!oidcConfigured(env)) return [];
  return [
    {
      id: 'oidc',
      name: env.OIDC_NAME,
      type: 'oauth',
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
    },
  ];
}

async function markSignedIn(adminId: string): Promise<void> {
  const db = await getDb();
  await db.update(adminUsers).set({ lastSignInAt: new Date() }).where(eq(adminUsers.id, adminId));
}

/**
 * Runs a step of sign-in whose failure must not reach next-auth as it is: next-auth puts the
 * message of what a callback throws into the URL it answers with (and a query's message holds the
 * query and its values). The failure is logged safely and replaced by SIGN_IN_UNAVAILABLE.
 */
async function withoutLeaks<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) logError('Sign-in failed', error);
    throw new Error(SIGN_IN_UNAVAILABLE);
  }
}

/** The client address server.ts settled for this request (lib/http/node-guard.ts). */
export function clientAddressFrom(headers: Record<string, unknown> | undefined): string {
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return typeof value === 'string' && value ? value : 'unknown';
}

export function buildAuthOptions(env: Env = getEnv()): NextAuthOptions {
  return {
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw, req) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const attempt = { email: parsed.data.email, clientAddress: clientAddressFrom(req.headers) };
          const user = await withoutLeaks(async () => {
            const db = await getDb();
            const gate = await beginSignInAttempt(db, attempt);
            if (!gate.ok) return 'throttled' as const;
            const admin = await findAdminRowByEmail(db, parsed.data.email);
            // Compare against a decoy when the account is unknown: the timing does not tell who exists.
            const ok = await verifyPassword(parsed.data.password, admin?.passwordHash ?? (await decoyHash()));
            if (!admin?.passwordHash || !ok) {
              await recordFailedSignIn(db, { ...attempt, reason: admin?.passwordHash ? 'password' : 'unknown' });
              return null;
            }
            await signInSucceeded(db, attempt);
            await markSignedIn(admin.id);
            return { id: admin.id, email: admin.email, name: admin.name };
          });
          if (user === 'throttled') throw new Error(SIGN_IN_THROTTLED);
          return user;
        },
      }),
      ...oidcProvider(env),
    ],
    callbacks: {
      // SSO lets in only people already on the team (added in Settings → Team, by email).
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return false;
        const email = user.email;
        const admin = await withoutLeaks(async () => findAdminRowByEmail(await getDb(), email));
        if (!admin) return false;
        await withoutLeaks(() => markSignedIn(admin.id));
        return true;
      },
      // Called with `user` only at sign-in: that is when the session's row is made.
      async jwt({ token, user, account }) {
        if (!user) return token;
        return withoutLeaks(async () => {
          const db = await getDb();
          const adminId = account?.provider === 'oidc' && user.email ? (await findAdminRowByEmail(db, user.email))?.id : user.id;
          if (!adminId) return { ...token, adminId: undefined, sid: undefined };
          return { ...token, adminId, sid: await startSession(db, adminId) };
        });
      },
      async session({ session, token }) {
        return {
          ...session,
          adminId: typeof token.adminId === 'string' ? token.adminId : undefined,
          sessionId: typeof token.sid === 'string' ? token.sid : undefined,
        };
      },
      // Only this app's own paths, whatever a callbackUrl says (lib/auth/callback-url.ts).
      redirect({ url, baseUrl }) {
        const path = url.startsWith(baseUrl) ? url.slice(baseUrl.length) || '/' : url;
        return `${baseUrl}${safeCallbackUrl(path)}`;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.sid !== 'string') return;
        // next-auth logs what an event throws as it is; this one says what failed, safely.
        await endSession(await getDb(), token.sid).catch((error: unknown) =>
          logError('Ending a session at sign-out failed', error),
        );
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
