import { environmentRoute } from '@/lib/api/management-route';
import { parseJsonBody } from '@/lib/http/parse-body';
import { signalSettingsInput, updateSignalSettings } from '@/lib/signals/settings';

type Params = { slug: string; key: string };

export const PUT = environmentRoute<Params>('admin', async ({ request, params, db, environment }) => {
  const input = await parseJsonBody(request, signalSettingsInput);
  await updateSignalSettings(db, environment.id, params.key, input);
  return Response.json({ ok: true });
});
