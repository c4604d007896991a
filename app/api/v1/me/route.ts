import { managementRoute } from '@/lib/api/management-route';

export const GET = managementRoute('viewer', async ({ admin }) => Response.json({ admin }));
