// Query keys from one factory, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  environments: () => ['environments'] as const,
  writeKeys: (environmentSlug: string) => ['environments', environmentSlug, 'write-keys'] as const,
  admins: () => ['admins'] as const,
  recentEvents: (environmentSlug: string, filters: { name: string; account: string; user: string }) =>
    ['environments', environmentSlug, 'events', filters] as const,
  eventCatalog: (environmentSlug: string) => ['environments', environmentSlug, 'event-catalog'] as const,
  fronteggSecret: (environmentSlug: string) => ['environments', environmentSlug, 'frontegg'] as const,
};
