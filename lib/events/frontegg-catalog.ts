// Frontegg's webhook event catalog (shared/seeds/frontegg-webhooks.txt), built in so that a team
// already on Frontegg sees every event it can send, grouped as Frontegg groups them.

export type CatalogEntry = { key: string; title: string; group: string; description: string };

const entries: [group: string, key: string, title: string, description: string][] = [
  ['Authentication', 'frontegg.user.authenticated', 'User authenticated', 'A user is authenticated'],
  ['Authentication', 'frontegg.user.authenticatedWithMFA', 'User authenticated with MFA', 'A user authenticated using MFA'],
  ['Authentication', 'frontegg.user.authenticatedWithSAML', 'User SAML authentication', 'A user is authenticated using SAML'],
  ['Authentication', 'frontegg.user.authenticatedWithSSO', 'User SSO authentication', 'A user is authenticated using SSO'],
  [
    'Authentication',
    'frontegg.user.failedAuthentication',
    'User failed to authenticate',
    'A user tries to sign in and inputs incorrect credentials',
  ],
  ['MFA', 'frontegg.user.enrolledMFA', 'User MFA enroll', 'A user enrolls with MFA'],
  ['MFA', 'frontegg.user.disabledMFA', 'User disabled MFA', 'A user disabled MFA'],
  [
    'MFA',
    'frontegg.user.disabledLastMFADevice',
    'User disabled the last MFA device',
    'A user disabled the latest MFA device used',
  ],
  ['User management', 'frontegg.user.created', 'User created', 'A user is created'],
  ['User management', 'frontegg.user.signedUp', 'User signed up', 'A user signs up'],
  ['User management', 'frontegg.user.deleted', 'User deleted', 'A user is deleted'],
  ['User management', 'frontegg.user.invitedToTenant', 'User invited to tenant', 'A user was added or invited to a tenant'],
  ['User management', 'frontegg.user.changedPassword', 'User changed password', 'A user changes their password'],
  ['User management', 'frontegg.user.forgotPassword', 'User forgot password', 'A user forgets their password'],
  ['User management', 'frontegg.user.removedFromTenant', 'User removed from tenant', 'A user is removed from a tenant'],
  ['User management', 'frontegg.user.updated', 'User updated', 'A user property was updated'],
  ['User management', 'frontegg.userApiToken.created', 'User API token created', 'A user API token is created'],
  ['User management', 'frontegg.userApiToken.deleted', 'User API token deleted', 'A user API token is deleted'],
  ['User management', 'frontegg.user.activated', 'User activated', 'A user activates their account'],
  [
    'User management',
    'frontegg.user.acceptedInvitationToTenant',
    'User accepted an email invitation to tenant',
    'An existing user accepted a tenant invitation via email',
  ],
  [
    'User management',
    'frontegg.user.joinedTenantUsingInvitationLink',
    'User joined a tenant using an invitation link',
    'A user joined a tenant using an invitation link',
  ],
  ['Tenant', 'frontegg.tenant.created', 'Tenant created', 'A tenant is created'],
  ['Tenant', 'frontegg.tenant.deleted', 'Tenant deleted', 'A tenant is deleted'],
  ['Tenant', 'frontegg.tenant.updated', 'Tenant updated', 'A tenant is updated'],
  ['Tenant', 'frontegg.tenantApiToken.created', 'Tenant API token created', 'A tenant API token is created'],
  ['Tenant', 'frontegg.tenantApiToken.deleted', 'Tenant API token deleted', 'A tenant API token is deleted'],
  [
    'Domain restriction',
    'frontegg.account.security.domain.added',
    'Domain was added to signup restriction',
    'A new domain was added to the list of domains restricted for signup',
  ],
  [
    'Domain restriction',
    'frontegg.account.security.domain.removed',
    'Domain was removed from signup restriction',
    'A domain was removed from the list of domains restricted for signup',
  ],
  [
    'Domain restriction',
    'frontegg.account.security.domain.restricted',
    'Domain was restricted from signup',
    'A user with a restricted domain was blocked or allowed to sign up',
  ],
  [
    'Domain restriction',
    'frontegg.account.security.domain.strategy.changed',
    'Domain restriction strategy changed',
    'The domain restriction policy has changed',
  ],
  [
    'Domain restriction',
    'frontegg.account.security.domain.enabled',
    'Domain signup restriction enabled',
    'Domain restriction settings were enabled',
  ],
  [
    'Domain restriction',
    'frontegg.account.security.domain.disabled',
    'Domain signup restriction disabled',
    'Domain restriction settings were disabled',
  ],
  [
    'IP restriction',
    'frontegg.account.security.ip.added',
    'IP restriction rule added',
    'An IP address was added to the IP restrictions list',
  ],
  [
    'IP restriction',
    'frontegg.account.security.ip.removed',
    'IP restriction rule removed',
    'An IP address was removed from the IP restrictions list',
  ],
  [
    'IP restriction',
    'frontegg.account.security.ip.strategy.changed',
    'IP restriction strategy changed',
    'The IP restriction policy has changed',
  ],
];

export const fronteggCatalog: readonly CatalogEntry[] = entries.map(([group, key, title, description]) => ({
  key,
  title,
  group,
  description,
}));

export const catalogGroups = [
  'Authentication',
  'MFA',
  'User management',
  'Tenant',
  'Domain restriction',
  'IP restriction',
] as const;
