import type { eventCatalog, listRecentEvents, recentEventsParams } from '@/lib/events/queries';

import { api } from '../api';
import { type Answer, environmentPath, type Query, withQuery } from './shared';

// app/api/v1/environments/[slug]/{events,event-catalog}

export type CatalogRow = Answer<typeof eventCatalog>[number];
export type RecentEventsPage = Answer<typeof listRecentEvents>;
export type RecentEvent = RecentEventsPage['events'][number];
export type RecentEventsQuery = Query<typeof recentEventsParams>;

export const eventEndpoints = {
  /** The live tail, newest first; `before` is the previous page's `nextCursor`. */
  recent: (slug: string, query: RecentEventsQuery) => api<RecentEventsPage>(withQuery(environmentPath(slug, '/events'), query)),
  /** The built-in Frontegg catalog with what the environment has seen of it, then every other event seen. */
  catalog: (slug: string) => api<{ catalog: CatalogRow[] }>(environmentPath(slug, '/event-catalog')),
};
