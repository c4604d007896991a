import { eq, sql } from 'drizzle-orm';

import type { Db } from '@/lib/db/client';
import { environments, writeKeys } from '@/lib/db/schema';
import { logError } from '@/lib/log';
import { hashWriteKey } from '@/lib/write-keys/token';

export type KeyEnvironment = { writeKeyId: string; environmentId: number; timeZone: string };

/** A key's environment is remembered this long: a revoked key stops working within it. */
const CACHE_MS = 5_000;
const LAST_USED_EVERY_MS = 60_000;

/**
 * The write key of an ingest request, from the places Segment SDKs put it: basic-auth user
 * ("key:"), a bearer token, or `writeKey` in the body.
 */
export function writeKeyFrom(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization) {
    const [scheme, value] = authorization.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() === 'bearer' && value) return value;
    if (scheme?.toLowerCase() === 'basic' && value) {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const user = decoded.split(':')[0];
      if (user) return user;
    }
  }
  const inBody = typeof body === 'object' && body !== null ? (body as { writeKey?: unknown }).writeKey : undefined;
  return typeof inBody === 'string' && inBody ? inBody : undefined;
}

/** Looks keys up with a short cache, so the hot path rarely queries; notes when a key was last used. */
export class WriteKeyAuthenticator {
  private readonly cache = new Map<string, { value: KeyEnvironment | null; until: number }>();
  private readonly lastUsedWritten = new Map<string, number>();

  constructor(private readonly db: () => Promise<Db>) {}

  async authenticate(key: string): Promise<KeyEnvironment | null> {
    const now = Date.now();
    const hash = hashWriteKey(key);
    const cached = this.cache.get(hash);
    const found = cached && cached.until > now ? cached.value : await this.lookUp(hash, now);
    if (found) this.touch(found.writeKeyId, now);
    return found;
  }

  private async lookUp(hash: string, now: number): Promise<KeyEnvironment | null> {
    const db = await this.db();
    const [row] = await db
      .select({ writeKeyId: writeKeys.id, environmentId: writeKeys.environmentId, timeZone: environments.timeZone })
      .from(writeKeys)
      .innerJoin(environments, eq(environments.id, writeKeys.environmentId))
      .where(sql`${writeKeys.keyHash} = ${hash} and ${writeKeys.revokedAt} is null`)
      .limit(1);
    const value = row ?? null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { value, until: now + (value ? CACHE_MS : 1_000) });
    return value;
  }

  /** last_used_at is written at most once a minute per key, off the request's path. */
  private touch(writeKeyId: string, now: number): void {
    if ((this.lastUsedWritten.get(writeKeyId) ?? 0) + LAST_USED_EVERY_MS > now) return;
    this.lastUsedWritten.set(writeKeyId, now);
    void this.db()
      .then((db) =>
        db
          .update(writeKeys)
          .set({ lastUsedAt: new Date(now) })
          .where(eq(writeKeys.id, writeKeyId)),
      )
      .catch((error: unknown) => logError('Could not note when a write key was last used', error));
  }
}
