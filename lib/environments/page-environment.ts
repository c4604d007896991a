import { notFound } from 'next/navigation';

import { getDb } from '@/lib/db/client';

import { type Environment, findEnvironmentBySlug, getDefaultEnvironment } from './queries';

/** For dashboard pages: the environment named in the URL (or the default), else the 404 page. */
export async function environmentForPage(slug: string): Promise<Environment> {
  const db = await getDb();
  if (!slug) return getDefaultEnvironment(db);
  return (await findEnvironmentBySlug(db, slug)) ?? notFound();
}
