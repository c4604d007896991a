import { ingestRoute } from '@/lib/ingest/next-route';

// Public: authenticated by an environment write key, not a session (see lib/ingest).
export const { POST, OPTIONS } = ingestRoute('identify');
