import { eq } from 'drizzle-orm';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { z } from 'zod';
import { findAdminRowByEmail } from '@/lib/admins/queries';
import { getDb } from '@/lib/db/client';
import { adminUsers } from '@/lib/db/schema';
import { type Env, getEnv, oidcConfigured } from '@/lib/env';
import { decoyHash, verifyPassword } from './password';

const credentials = z.object({ email: z.string().trim().min(1), password: z.string().min(1) });

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

export function buildAuthOptions(env: Env = getEnv()): NextAuthOptions {
  return {
    session: { strategy: 'jwt', maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
        async authorize(raw) {
          const parsed = credentials.safeParse(raw);
          if (!parsed.success) return null;
          const db = await getDb();
          const admin = await findAdminRowByEmail(db, parsed.data.email);
          // Compare against a decoy when the account is unknown: the timing does not tell who exists.
          const ok = await verifyPassword(parsed.data.password, admin?.passwordHash ?? (await decoyHash()));
          if (!admin?.passwordHash || !ok) return null;
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
      async jwt({ token, user, account }) {
        if (user && account?.provider === 'oidc' && user.email) {
          const admin = await findAdminRowByEmail(await getDb(), user.email);
          token.adminId = admin?.id;
        } else if (user) {
          token.adminId = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, adminId: typeof token.adminId === 'string' ? token.adminId : undefined };
      },
    },
  };
}

let cached: NextAuthOptions | undefined;
export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
