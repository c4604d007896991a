import type { z } from 'zod';

import type { createAdmin } from '@/lib/admins/create-admin';
import type { createFirstOwner } from '@/lib/admins/create-first-owner';
import type { listAdmins } from '@/lib/admins/queries';
import type { createAdminInput, setupOwnerInput, updateAdminInput } from '@/lib/admins/schemas';
import type { updateAdmin } from '@/lib/admins/update-admin';
import type { listFailedSignIns } from '@/lib/auth/sign-in-throttle';

import { api } from '../api';
import type { Answer } from './shared';

// app/api/v1/{admins,sign-in-failures,setup}/**

export type Member = Answer<typeof listAdmins>[number];
export type FailedSignIn = Answer<typeof listFailedSignIns>[number];

export type CreateAdminBody = z.input<typeof createAdminInput>;
export type UpdateAdminBody = z.input<typeof updateAdminInput>;
export type SetupOwnerBody = z.input<typeof setupOwnerInput>;

const adminPath = (id: string) => `/api/v1/admins/${encodeURIComponent(id)}`;

export const adminEndpoints = {
  list: () => api<{ admins: Member[] }>('/api/v1/admins'),
  create: (body: CreateAdminBody) => api<{ admin: Answer<typeof createAdmin> }>('/api/v1/admins', { method: 'POST', body }),
  update: (id: string, body: UpdateAdminBody) =>
    api<{ admin: Answer<typeof updateAdmin> }>(adminPath(id), { method: 'PATCH', body }),
  remove: (id: string) => api<void>(adminPath(id), { method: 'DELETE' }),
  /** The latest failed sign-ins (owners only). */
  signInFailures: () => api<{ failures: FailedSignIn[] }>('/api/v1/sign-in-failures'),
  /** First run only: creates the owner while nobody exists. */
  setup: (body: SetupOwnerBody) => api<{ admin: Answer<typeof createFirstOwner> }>('/api/v1/setup', { method: 'POST', body }),
};
