import { describe, expect, it } from 'vitest';

import { parseEnv } from '@/lib/env';

import { buildAuthOptions } from './options';

describe('sign-in providers', () => {
  it('offer email and password only, by default', () => {
    const options = buildAuthOptions(parseEnv({}));
    expect(options.providers.map((p) => p.id)).toEqual(['credentials']);
    expect(options.session?.strategy).toBe('jwt');
    expect(options.pages?.signIn).toBe('/signin');
  });

  it('add one OIDC provider, discovered from the issuer, when configured', () => {
    const options = buildAuthOptions(
      parseEnv({
        OIDC_ISSUER: 'https://id.example.com/realms/acme/',
        OIDC_CLIENT_ID: 'signalboard',
        OIDC_CLIENT_SECRET: 's3cret',
        OIDC_NAME: 'Acme SSO',
      }),
    );
    const oidc = options.providers.find((p) => p.id === 'oidc') as unknown as Record<string, unknown>;
    expect(oidc).toMatchObject({
      name: 'Acme SSO',
      type: 'oauth',
      wellKnown: 'https://id.example.com/realms/acme/.well-known/openid-configuration',
      clientId: 'signalboard',
      idToken: true,
      checks: ['pkce', 'state'],
    });
  });
});
