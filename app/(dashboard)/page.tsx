import { redirect } from 'next/navigation';

import { requirePageAdmin } from '@/lib/auth/page-guard';

export default async function DashboardHome() {
  await requirePageAdmin('/signals');
  redirect('/signals');
}
