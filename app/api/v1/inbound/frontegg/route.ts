import { getDb } from '@/lib/db/client';
import { fronteggWebhookRoute } from '@/lib/ingest/frontegg-webhook';
import { getIngestWriter } from '@/lib/ingest/service';

export const POST = (request: Request): Promise<Response> =>
  fronteggWebhookRoute(request, { db: getDb, writer: getIngestWriter() });
