import { z } from 'zod';

import { uuidField } from '@/lib/db/uuid';

/** What a bulk redelivery takes: failed deliveries created since `since`, of one connection or of all. */
export const redeliverFailedInput = z.object({
  since: z.iso.datetime({ offset: true, error: 'expected an ISO date-time such as 2026-11-24T00:00:00Z' }),
  connectionId: uuidField('expected a connection id').optional(),
});
