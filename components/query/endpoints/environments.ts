import type { z } from 'zod';

import type { createEnvironment } from '@/lib/environments/create-environment';
import type { fronteggSecretConfigured, setFronteggSecretInput } from '@/lib/environments/frontegg-secret';
import type { listEnvironments } from '@/lib/environments/queries';
import type { renameEnvironment } from '@/lib/environments/rename-environment';
import type { createEnvironmentInput, renameEnvironmentInput } from '@/lib/environments/schemas';
import type { createWriteKey } from '@/lib/write-keys/create-write-key';
import type { listWriteKeys } from '@/lib/write-keys/queries';
import type { createWriteKeyInput } from '@/lib/write-keys/schemas';

import { api } from '../api';
import { type Answer, environmentPath, environmentsPath } from './shared';

// app/api/v1/environments, …/[slug], …/[slug]/{write-keys,frontegg}/**, and Frontegg's receiver

export type Environment = Answer<typeof listEnvironments>[number];
export type WriteKey = Answer<typeof listWriteKeys>[number];
/** A new write key: the only answer that ever holds the key itself. */
export type CreatedWriteKey = Answer<typeof createWriteKey>;

export type CreateEnvironmentBody = z.input<typeof createEnvironmentInput>;
export type RenameEnvironmentBody = z.input<typeof renameEnvironmentInput>;
export type CreateWriteKeyBody = z.input<typeof createWriteKeyInput>;
export type SetFronteggSecretBody = z.input<typeof setFronteggSecretInput>;

export const environmentEndpoints = {
  list: () => api<{ environments: Environment[] }>(environmentsPath),
  create: (body: CreateEnvironmentBody) =>
    api<{ environment: Answer<typeof createEnvironment> }>(environmentsPath, { method: 'POST', body }),
  rename: (slug: string, body: RenameEnvironmentBody) =>
    api<{ environment: Answer<typeof renameEnvironment> }>(environmentPath(slug), { method: 'PATCH', body }),
  remove: (slug: string) => api<void>(environmentPath(slug), { method: 'DELETE' }),
};

export const writeKeyEndpoints = {
  list: (slug: string) => api<{ writeKeys: WriteKey[] }>(environmentPath(slug, '/write-keys')),
  create: (slug: string, body: CreateWriteKeyBody) =>
    api<CreatedWriteKey>(environmentPath(slug, '/write-keys'), { method: 'POST', body }),
  /** Revokes the key; the list keeps it, with when it was revoked. */
  revoke: (slug: string, id: string) =>
    api<void>(environmentPath(slug, `/write-keys/${encodeURIComponent(id)}`), { method: 'DELETE' }),
};

export const fronteggEndpoints = {
  /** Whether a secret is set; the secret itself is never returned. */
  status: (slug: string) => api<{ configured: Answer<typeof fronteggSecretConfigured> }>(environmentPath(slug, '/frontegg')),
  setSecret: (slug: string, body: SetFronteggSecretBody) =>
    api<{ configured: true }>(environmentPath(slug, '/frontegg'), { method: 'PUT', body }),
  clearSecret: (slug: string) => api<void>(environmentPath(slug, '/frontegg'), { method: 'DELETE' }),
  /** Where Frontegg sends this environment's webhooks (given to Frontegg, not called by the app). */
  receiverUrl: (origin: string, slug: string) => `${origin}/api/v1/inbound/frontegg?environment=${encodeURIComponent(slug)}`,
};
