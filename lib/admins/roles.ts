export const roles = ['viewer', 'admin', 'owner'] as const;
export type Role = (typeof roles)[number];

const rank: Record<Role, number> = { viewer: 0, admin: 1, owner: 2 };

/** Viewers read; admins also change configuration and the team; owners also manage owners. */
export function hasRole(actual: Role, required: Role): boolean {
  return rank[actual] >= rank[required];
}
