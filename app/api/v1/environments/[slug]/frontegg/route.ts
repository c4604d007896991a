import { managementRoute } from '@/lib/api/management-route';
import { getDb } from '@/lib/db/client';
import { fronteggSecretConfigured, setFronteggSecret, setFronteggSecretInput } from '@/lib/environments/frontegg-secret';
import { parseJsonBody } from '@/lib/http/parse-body';

type Params = { slug: string };

/** Whether a secret is set; the secret itself is never returned. */
export const GET = managementRoute<Params>('viewer', async ({ params }) => {
  return Response.json({ configured: await fronteggSecretConfigured(await getDb(), params.slug) });
});

export const PUT = managementRoute<Params>('admin', async ({ request, params }) => {
  const { secret } = await parseJsonBody(request, setFronteggSecretInput);
  await setFronteggSecret(await getDb(), params.slug, secret);
  return Response.json({ configured: true });
});

export const DELETE = managementRoute<Params>('admin', async ({ params }) => {
  await setFronteggSecret(await getDb(), params.slug, null);
  return new Response(null, { status: 204 });
});
