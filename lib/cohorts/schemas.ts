import { z } from 'zod';

import { uuidField } from '@/lib/db/uuid';

import { cohortFilter } from './filter-schema';

const name = z.string({ error: 'expected a name' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

export const cohortSettings = {
  name,
  filter: cohortFilter,
  // How often the cohort is re-evaluated: one minute to one day.
  scheduleMinutes: z
    .number({ error: 'expected a number of minutes' })
    .int('expected a whole number of minutes')
    .min(1, 'at least 1 minute')
    .max(1440, 'at most 1,440 minutes (a day)'),
  notifyOn: z.enum(['added', 'removed', 'both'], { error: 'expected added, removed or both' }),
  notifyTraits: z
    .array(z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'), {
      error: 'expected a list of trait names',
    })
    .max(20, 'at most 20 traits'),
  notifyFirstRun: z.boolean({ error: 'expected true or false' }),
};

export const createCohortInput = z.object({
  ...cohortSettings,
  scheduleMinutes: cohortSettings.scheduleMinutes.default(15),
  notifyOn: cohortSettings.notifyOn.default('both'),
  notifyTraits: cohortSettings.notifyTraits.default([]),
  notifyFirstRun: cohortSettings.notifyFirstRun.default(false),
});
export type CreateCohortInput = z.infer<typeof createCohortInput>;

export const updateCohortInput = z.object(cohortSettings).partial().strict();
export type UpdateCohortInput = z.infer<typeof updateCohortInput>;

export const previewInput = z.object({ filter: cohortFilter });

export const attachConnectionInput = z.object({ connectionId: uuidField('expected a connection id') });
