// Query keys from one factory, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  environments: () => ['environments'] as const,
  writeKeys: (environmentSlug: string) => ['environments', environmentSlug, 'write-keys'] as const,
  admins: () => ['admins'] as const,
  signInFailures: () => ['sign-in-failures'] as const,
  recentEvents: (environmentSlug: string, filters: { name: string; account: string; user: string }) =>
    ['environments', environmentSlug, 'events', filters] as const,
  eventCatalog: (environmentSlug: string) => ['environments', environmentSlug, 'event-catalog'] as const,
  /** Every signals query of an environment: invalidated after an evaluation or a settings change. */
  signals: (environmentSlug: string) => ['environments', environmentSlug, 'signals'] as const,
  signalsEvaluation: (environmentSlug: string) => ['environments', environmentSlug, 'signals', 'evaluation'] as const,
  signalsSummary: (environmentSlug: string, filters: Record<string, string>) =>
    ['environments', environmentSlug, 'signals', 'summary', filters] as const,
  occurrences: (environmentSlug: string, filters: Record<string, string | number>) =>
    ['environments', environmentSlug, 'signals', 'occurrences', filters] as const,
  signalSettings: (environmentSlug: string) => ['environments', environmentSlug, 'signals', 'settings'] as const,
  /** Apart from the environment's queries: saving settings or an evaluation leaves a backtest as it was. */
  signalBacktest: (environmentSlug: string, signalKey: string, settings: unknown) =>
    ['backtest', environmentSlug, signalKey, settings] as const,
  accounts: (environmentSlug: string, filters: Record<string, string | number>) =>
    ['environments', environmentSlug, 'accounts', filters] as const,
  account: (environmentSlug: string, accountId: string) =>
    ['environments', environmentSlug, 'accounts', 'one', accountId] as const,
  fronteggSecret: (environmentSlug: string) => ['environments', environmentSlug, 'frontegg'] as const,
  connections: (environmentSlug: string) => ['environments', environmentSlug, 'connections'] as const,
  connection: (environmentSlug: string, id: string) => ['environments', environmentSlug, 'connections', 'one', id] as const,
  triggers: (environmentSlug: string) => ['environments', environmentSlug, 'triggers'] as const,
  triggerExample: (environmentSlug: string, eventKey: string) =>
    ['environments', environmentSlug, 'triggers', 'example', eventKey] as const,
  /** Every delivery query of an environment: invalidated after a send or a redelivery. */
  allDeliveries: (environmentSlug: string) => ['environments', environmentSlug, 'deliveries'] as const,
  deliveries: (environmentSlug: string, filters: Record<string, string | undefined>) =>
    ['environments', environmentSlug, 'deliveries', filters] as const,
  delivery: (environmentSlug: string, id: string) => ['environments', environmentSlug, 'deliveries', 'one', id] as const,
  /** Every cohort query of an environment: invalidated after a cohort changes. */
  cohorts: (environmentSlug: string) => ['environments', environmentSlug, 'cohorts'] as const,
  cohortList: (environmentSlug: string) => ['environments', environmentSlug, 'cohorts', 'list'] as const,
  cohort: (environmentSlug: string, id: string) => ['environments', environmentSlug, 'cohorts', 'one', id] as const,
  cohortMembers: (environmentSlug: string, id: string) =>
    ['environments', environmentSlug, 'cohorts', 'one', id, 'members'] as const,
  cohortPreview: (environmentSlug: string, filter: unknown) =>
    ['environments', environmentSlug, 'cohorts', 'preview', filter] as const,
  cohortFields: (environmentSlug: string, entity: string) =>
    ['environments', environmentSlug, 'cohorts', 'fields', entity] as const,
  cohortEventProperties: (environmentSlug: string, eventKey: string) =>
    ['environments', environmentSlug, 'cohorts', 'event-properties', eventKey] as const,
};
