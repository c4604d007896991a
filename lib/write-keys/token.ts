import { createHash, randomBytes } from 'node:crypto';

// A write key is 32 random bytes: far too much entropy to guess, so a fast SHA-256 is the right
// hash to store (a slow password hash would only slow down every ingest request).

const PREFIX = 'sbk_';

export function generateWriteKey(): string {
  return PREFIX + randomBytes(32).toString('base64url');
}

export function hashWriteKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** The part shown in lists so people can tell keys apart: "sbk_AbCd1234". */
export function displayPrefix(key: string): string {
  return key.slice(0, PREFIX.length + 8);
}
