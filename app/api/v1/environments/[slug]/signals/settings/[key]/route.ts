import { getDb } from '@/lib/db/client';
import { getEnvironmentBySlug } from '@/lib/environments/queries';
import { managementRoute } from '@/lib/http/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { signalSettingsInput, updateSignalSettings } from '@/lib/signals/settings';

type Params = { slug: string; key: string };

export const PUT = managementRoute<Params>('admin', async ({ request, params }) => {
  const input = await parseJsonBody(request, signalSettingsInput);
  const db = await getDb();
  const environment = await getEnvironmentBySlug(db, params.slug);
  await updateSignalSettings(db, environment.id, params.key, input);
  return Response.json({ ok: true });
});
