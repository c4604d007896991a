import { managementRoute } from '@/lib/api/management-route';
import { listFailedSignIns } from '@/lib/auth/sign-in-throttle';
import { getDb } from '@/lib/db/client';

/** The latest failed sign-ins (owners only): who was tried, from where, and why it failed. */
export const GET = managementRoute('owner', async () => {
  return Response.json({ failures: await listFailedSignIns(await getDb()) });
});
