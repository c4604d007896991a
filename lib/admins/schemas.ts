import { z } from 'zod';

import { roles } from './roles';

export const email = z
  .string({ error: 'expected an email address' })
  .trim()
  .toLowerCase()
  .pipe(z.email('expected an email address'));
export const password = z
  .string({ error: 'expected a password' })
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');
const name = z.string().trim().max(80, 'must be at most 80 characters').optional();
export const role = z.enum(roles, { error: `expected one of ${roles.join(', ')}` });

export const setupOwnerInput = z.object({ email, name, password });
export type SetupOwnerInput = z.infer<typeof setupOwnerInput>;

export const createAdminInput = z.object({
  email,
  name,
  // Optional only for people who will sign in through the OIDC provider.
  password: password.optional(),
  role,
});
export type CreateAdminInput = z.infer<typeof createAdminInput>;

export const updateAdminInput = z
  .object({ role: role.optional(), name, password: password.optional() })
  .refine((v) => v.role !== undefined || v.name !== undefined || v.password !== undefined, {
    message: 'give at least one of role, name, password',
  });
export type UpdateAdminInput = z.infer<typeof updateAdminInput>;
