import type { z } from 'zod';

import type { getCohort } from '@/lib/cohorts/cohort-store';
import type { evaluateCohort } from '@/lib/cohorts/evaluate-cohort';
import type { cohortFields, eventProperties, Field } from '@/lib/cohorts/fields';
import type { listCohortMembers, listCohortRuns } from '@/lib/cohorts/members';
import type { previewCohort } from '@/lib/cohorts/preview';
import type { attachConnectionInput, createCohortInput, previewInput, updateCohortInput } from '@/lib/cohorts/schemas';

import { api } from '../api';
import { type Answer, environmentPath, withQuery } from './shared';

// app/api/v1/environments/[slug]/cohorts/**

export type { CohortFilter, Condition, Group } from '@/lib/cohorts/filter-schema';
export type { Field };

export type Cohort = Answer<typeof getCohort>;
export type CohortRun = Answer<typeof listCohortRuns>[number];
export type CohortMembersPage = Answer<typeof listCohortMembers>;
export type CohortMember = CohortMembersPage['members'][number];
export type CohortRunResult = Answer<typeof evaluateCohort>;
export type CohortPreview = Answer<typeof previewCohort>;
export type CohortFields = Answer<typeof cohortFields>;

export type CreateCohortBody = z.input<typeof createCohortInput>;
export type UpdateCohortBody = z.input<typeof updateCohortInput>;
export type PreviewCohortBody = z.input<typeof previewInput>;
export type AttachConnectionBody = z.input<typeof attachConnectionInput>;

const cohortsPath = (slug: string, path = '') => environmentPath(slug, `/cohorts${path}`);
const cohortPath = (slug: string, id: string, path = '') => cohortsPath(slug, `/${encodeURIComponent(id)}${path}`);

export const cohortEndpoints = {
  list: (slug: string) => api<{ cohorts: Cohort[] }>(cohortsPath(slug)),
  create: (slug: string, body: CreateCohortBody) => api<{ cohort: Cohort }>(cohortsPath(slug), { method: 'POST', body }),
  /** The cohort with its latest runs. */
  get: (slug: string, id: string) => api<{ cohort: Cohort; runs: CohortRun[] }>(cohortPath(slug, id)),
  update: (slug: string, id: string, body: UpdateCohortBody) =>
    api<{ cohort: Cohort }>(cohortPath(slug, id), { method: 'PATCH', body }),
  remove: (slug: string, id: string) => api<void>(cohortPath(slug, id), { method: 'DELETE' }),
  evaluate: (slug: string, id: string) => api<{ run: CohortRunResult }>(cohortPath(slug, id, '/evaluate'), { method: 'POST' }),
  /** Current members by id, a page at a time: `after` is the previous page's `nextAfter`. */
  members: (slug: string, id: string, query: { after?: string; limit?: string }) =>
    api<CohortMembersPage>(withQuery(cohortPath(slug, id, '/members'), query)),
  attachConnection: (slug: string, id: string, body: AttachConnectionBody) =>
    api<{ cohort: Cohort }>(cohortPath(slug, id, '/notifications'), { method: 'POST', body }),
  detachConnection: (slug: string, id: string, connectionId: string) =>
    api<{ cohort: Cohort }>(cohortPath(slug, id, `/notifications/${encodeURIComponent(connectionId)}`), { method: 'DELETE' }),
  /** How many match a filter being edited, and the most recently seen few. */
  preview: (slug: string, body: PreviewCohortBody) => api<CohortPreview>(cohortsPath(slug, '/preview'), { method: 'POST', body }),
  /** Trait names (with types) and event names, for the builder's pickers. */
  fields: (slug: string, query: { entity: 'users' | 'accounts' }) =>
    api<CohortFields>(withQuery(cohortsPath(slug, '/fields'), query)),
  /** Property names (with types) of an event, from its latest occurrences. */
  eventProperties: (slug: string, query: { event: string }) =>
    api<{ properties: Answer<typeof eventProperties> }>(withQuery(cohortsPath(slug, '/event-properties'), query)),
  /** Where a receiver catches up with a cohort's changes (shown to admins, not called by the app). */
  changesPath: (id: string) => `/api/v1/cohorts/${encodeURIComponent(id)}/changes`,
};
