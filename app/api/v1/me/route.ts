import { managementRoute } from '@/lib/http/management-route';

export const GET = managementRoute('viewer', async ({ admin }) => Response.json({ admin }));
