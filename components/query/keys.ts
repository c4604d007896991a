// Query keys from one factory, so a mutation invalidates exactly what it changed.
export const queryKeys = {
  environments: () => ['environments'] as const,
  writeKeys: (environmentSlug: string) => ['environments', environmentSlug, 'write-keys'] as const,
  admins: () => ['admins'] as const,
};
