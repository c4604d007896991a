// The metrics the built-in signals measure: events counted per account and day (daily_rollups),
// each matched by event keys an admin can edit per environment (Settings → Metrics).

export type MetricKey = 'logins' | 'deleted_users' | 'invited_users' | 'api_calls';

export type MetricDefinition = { key: MetricKey; name: string; eventKeys: string[]; description: string };

/** Default event keys per metric. A key ending in '*' matches every event name with that prefix. */
export const defaultMetrics: readonly MetricDefinition[] = [
  {
    key: 'logins',
    name: 'Logins and token refreshes',
    eventKeys: ['frontegg.user.authenticated*', 'frontegg.user.refreshedToken', 'token.refreshed'],
    description:
      'Every frontegg.user.authenticated* event, plus token refreshes (frontegg.user.refreshedToken or token.refreshed).',
  },
  {
    key: 'deleted_users',
    name: 'Deleted users',
    eventKeys: ['frontegg.user.deleted', 'frontegg.user.removedFromTenant'],
    description: 'Users deleted or removed from the tenant.',
  },
  {
    key: 'invited_users',
    name: 'Invited users',
    eventKeys: ['frontegg.user.invitedToTenant'],
    description: 'Users invited to the tenant.',
  },
  { key: 'api_calls', name: 'API calls', eventKeys: ['api.call'], description: 'Calls to your API, if your app reports them.' },
];
