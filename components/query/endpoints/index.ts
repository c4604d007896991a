// The management API as the client calls it: one entry per endpoint, each with its URL, the body
// it takes (typed from the route's zod schema) and what it answers (typed from the server's own
// return types). Components call these, never a URL of their own. Only types come from lib/:
// nothing here reaches the database or ships server code to the browser.

import { accountEndpoints } from './accounts';
import { adminEndpoints } from './admins';
import { cohortEndpoints } from './cohorts';
import { connectionEndpoints, deliveryEndpoints, triggerEndpoints } from './connections';
import { environmentEndpoints, fronteggEndpoints, writeKeyEndpoints } from './environments';
import { eventEndpoints } from './events';
import { metricEndpoints, signalEndpoints } from './signals';

export const endpoints = {
  accounts: accountEndpoints,
  admins: adminEndpoints,
  cohorts: cohortEndpoints,
  connections: connectionEndpoints,
  deliveries: deliveryEndpoints,
  environments: environmentEndpoints,
  events: eventEndpoints,
  frontegg: fronteggEndpoints,
  metrics: metricEndpoints,
  signals: signalEndpoints,
  triggers: triggerEndpoints,
  writeKeys: writeKeyEndpoints,
};

export type * from './accounts';
export type * from './admins';
export type * from './cohorts';
export type * from './connections';
export type * from './environments';
export type * from './events';
export type * from './signals';
