import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { findAdminRowByEmail } from '@/lib/admins/queries';
import { getDb } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { type Env, getEnv, oidcConfigured } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/node-guard';
import { safeCallbackUrl } from './callback-url';
import { decoyHash, verifyPassword } from './password';
import { SESSION_MAX_AGE_SECONDS, endSession, startSession } from './sessions';
import { beginSignInAttempt, recordFailedSignIn, signInSucceeded } from './sign-in-throttle';

const credentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(1000) });

/** What authorize throws when the attempt is locked out; the auth route answers it with 429. */
export const SIGN_IN_THROTTLED = 'TooManyAttempts';

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
          const db = await getDb();
          const attempt = { email: parsed.data.email, clientAddress: clientAddressFrom(req.headers) };
          const gate = await beginSignInAttempt(db, attempt);
          if (!gate.ok) throw new Error(SIGN_IN_THROTTLED);
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
        },
      }),
      ...oidcProvider(env),
    ],
    callbacks: {
      // SSO lets in only people already on the team (added in Settings → Team, by email).
      async signIn({ user, account }) {
        if (account?.provider !== 'oidc') return true;
        if (!user.email) return false;
        const admin = await findAdminRowByEmail(await getDb(), user.email);
        if (!admin) return false;
        await markSignedIn(admin.id);
        return true;
      },
      // Called with `user` only at sign-in: that is when the session's row is made.
      async jwt({ token, user, account }) {
        if (!user) return token;
        const adminId =
          account?.provider === 'oidc' && user.email ? (await findAdminRowByEmail(await getDb(), user.email))?.id : user.id;
        if (!adminId) return { ...token, adminId: undefined, sid: undefined };
        return { ...token, adminId, sid: await startSession(await getDb(), adminId) };
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
        if (typeof token?.sid === 'string') await endSession(await getDb(), token.sid);
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
